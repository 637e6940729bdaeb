/**
 * One offering -> its canonical model, offering attributes, facts and evidence. Pure and
 * deterministic: the same input always gives the same output, whatever else is being resolved.
 */
import {
  BASE_PATTERNS,
  DERIVATIVE_WORDS,
  FAMILIES,
  KNOWN_PARAMETERS,
  LINE_ALIASES,
  MISTRAL_LINES,
  NAME_REWRITES,
  REVIEW_RULES,
  type FamilyRule,
  type Replacement,
} from './family-rules.js';
import { KIND_RULES, LICENSE_RULES, PROPRIETARY_LICENSES } from './license-rules.js';
import { DATE_SUFFIXES, hasVersion, looseName, parametersFromName } from './name-grammar.js';
import { parseSourceId, type ParsedSourceId, type WorkingAttributes } from './parse-source-id.js';
import type { Evidence, Fact, ModelFacts, ModelKind, OfferingAttributes, OfferingResolution, ResolutionInput } from './resolution.types.js';
import { checkSourceId } from './source-id-guard.js';
import {
  BASE_LISTING_PROVIDERS,
  COMMUNITY_ORGS,
  FIRST_PARTY_PROVIDERS,
  INSTRUCT_WORDS,
  NAMESPACE_CREATORS,
  NOT_A_MODEL,
  PREFIX_VARIANTS,
  PROVIDER_NAME_PREFIX,
  REHOSTING_NAMESPACES,
  WORD_POLICY,
} from './source-id-rules.js';

/** Links below this confidence wait for review instead of merging. */
export const RESOLUTION_THRESHOLD = 0.7;

/** Confidence of each way a name can be read. */
export const CONFIDENCE = {
  hfKnownLine: 0.98,
  knownLine: 0.95,
  knownLineMovingAlias: 0.85,
  canonicalSlugHint: 0.85,
  knownFamilyNoLines: 0.9,
  derivativeMarked: 0.85,
  derivative: 0.78,
  unknownFamily: 0.75,
  unknownCreator: 0.5,
  reviewRule: 0.45,
  unknownLine: 0.5,
} as const;

/** Words that name another product of the same line, not a community fine-tune. */
const PRODUCT_WORDS = new Set([
  'preview', 'exp', 'experimental', 'beta', 'alpha', 'latest', 'new', 'original', 'pro', 'max', 'mini', 'nano', 'lite', 'plus', 'flash',
  'air', 'ultra', 'large', 'small', 'medium', 'code', 'coder', 'vision', 'vl', 'omni', 'audio', 'embed', 'embedding', 'search', 'image',
  'tts', 'stt', 'asr', 'realtime', 'instruct', 'chat', 'base', 'thinking', 'reasoning', 'guard', 'safeguard', 'speciale', 'terminus',
  'turbo', 'fast', 'online', 'agent', 'deep', 'research', 'translate', 'multimodal', 'next', 'math', 'ocr', 'it',
]);

/** Lines released both as base and instruct checkpoints (see BASE_LISTING_PROVIDERS). */
const BASE_CHECKPOINT_LINES =
  /^(llama-(2|3|3-1|3-2)-\d+b|codellama-\d+b|qwen-(1-5|2|2-5)(-coder|-math)?-[\d.]+b|gemma-(2-|3-)?\d+b|mistral-7b-v0-[123]|mixtral-8x\d+b|yi-\d+b|deepseek-coder-[\d.]+b)$/;

/** Context lengths written in ids ("mixtral-8x7b-32768" at Groq). */
const CONTEXT_LENGTHS = new Set(['4096', '8192', '16384', '32768', '40960', '65536', '131072', '262144']);

const QUANT_WORD = /-(fp8|fp16|bf16|int4|int8|awq|gptq|gguf|nvfp4|mxfp4|fp4|w4a16|w8a8|mlx|\d+bit)$/;
const SIZE_TOKEN = /^\d+(\.\d+)?[bmt]$|^\d+x\d+b$|^e\d+b$/;

interface NameReading {
  status: 'resolved' | 'review' | 'not-a-model';
  slug: string;
  reason?: string;
  confidence: number;
  family?: FamilyRule;
  /** Set for fine-tunes, merges and distillations. */
  base?: { slug: string; rule: string };
  derivative?: boolean;
  namespace?: string;
  attributes: WorkingAttributes;
  evidence: Evidence[];
  rawName: string;
}

function replaceWith(text: string, pattern: RegExp, replacement: Replacement): string {
  if (typeof replacement === 'string') return text.replace(pattern, replacement);
  return text.replace(pattern, (...args: unknown[]) => {
    // (match, ...groups, offset, input[, namedGroups]): the groups end where the numeric offset starts.
    const offsetIndex = args.findIndex((arg, index) => index > 0 && typeof arg === 'number');
    const groups = args.slice(1, offsetIndex) as string[];
    return replacement(args[0] as string, ...groups);
  });
}

export function applyRewrites(name: string, evidence?: Evidence[]): string {
  let current = name;
  for (const rewrite of NAME_REWRITES) {
    if (rewrite.pattern.test(current)) {
      const next = replaceWith(current, rewrite.pattern, rewrite.replace);
      if (next !== current) {
        evidence?.push({ rule: rewrite.id, detail: `"${current}" -> "${next}"` });
        current = next;
      }
    }
  }
  return current;
}

/**
 * The family a rewritten loose name belongs to. `creator`, when known from a first-party provider
 * or an explicit namespace ("voyage/rerank-2.5"), excludes other makers' families.
 */
export function familyOf(name: string, creator?: string): FamilyRule | undefined {
  return FAMILIES.find((family) => family.match.test(name) && (!creator || family.creator === creator));
}

function linesOf(family: FamilyRule | undefined): readonly RegExp[] | undefined {
  return family?.id === 'mistral' ? MISTRAL_LINES : family?.lines;
}

function isKnownLine(name: string, family: FamilyRule | undefined): boolean {
  const lines = linesOf(family);
  return !lines || lines.some((line) => line.test(name));
}

function applyLineAlias(name: string, evidence: Evidence[]): string {
  for (const alias of LINE_ALIASES) {
    if (alias.pattern.test(name)) {
      const next = replaceWith(name, alias.pattern, alias.slug);
      if (next !== name) evidence.push({ rule: alias.id, detail: `"${name}" is "${next}"` });
      return next;
    }
  }
  return name;
}

/** Peels serving words, quantizations, dates and stage words off the end; drops instruct words. */
function peelWords(name: string, family: FamilyRule | undefined, attributes: WorkingAttributes, evidence: Evidence[]): string {
  let current = name;
  const note = (rule: string, detail: string) => evidence.push({ rule, detail });
  for (let pass = 0; pass < 2; pass++) {
    for (let guard = 0; guard < 12; guard++) {
      const tokens = current.split('-');
      if (tokens.length < 2) break;
      const last = tokens[tokens.length - 1]!;
      const two = tokens.length > 2 ? tokens.slice(-2).join('-') : undefined;
      let match: RegExpExecArray | null;
      if ((match = QUANT_WORD.exec(current))) {
        attributes.quantization ??= match[1];
        current = current.slice(0, match.index);
        note('strip:quantization', `quantization "${match[1]}"`);
        continue;
      }
      let dated = false;
      for (const date of DATE_SUFFIXES) {
        if (date.onlyFamilies && !date.onlyFamilies.includes(family?.id ?? '')) continue;
        if ((match = date.pattern.exec(current))) {
          const remainder = current.slice(0, match.index);
          const strip =
            remainder.length > 0 &&
            ((date.always && hasVersion(remainder)) || (family?.snapshots && (hasVersion(remainder) || family.unversionedLines)));
          if (strip) {
            attributes.snapshot ??= match[1];
            current = remainder;
            note(family?.snapshots ? 'strip:snapshot' : 'strip:deployment-date', `dated snapshot "${match[1]}" of the same line`);
            dated = true;
          }
          break;
        }
      }
      if (dated) continue;
      const remainder = tokens.slice(0, -1).join('-');
      if (last === 'latest') {
        attributes.movingAlias = true;
        current = remainder;
        note('strip:latest', '"-latest" follows the line\'s newest snapshot');
        continue;
      }
      if (family?.stageWords?.includes(last) && (hasVersion(remainder) || family.unversionedLines)) {
        attributes.snapshot ??= last;
        current = remainder;
        note('strip:stage', `"${last}" is a stage of the same ${family.id} line`);
        continue;
      }
      let peeled = false;
      // Outside a known family a word may name the model ("morph-v3-fast", "gen4-image-turbo"): nothing is peeled.
      for (const word of family ? [two, last] : []) {
        if (!word) continue;
        const policy = WORD_POLICY[word] ?? (family?.variantWords?.includes(word) ? { kind: 'variant' as const, value: word } : undefined);
        if (!policy || (family?.modelWords?.includes(word) && !family.variantOn?.[word]?.test(current))) continue;
        if (policy.kind === 'effort' && !family?.effortWords) continue;
        if ((policy.value === 'thinking' || policy.value === 'non-thinking') && family?.reasoningWeights?.test(current)) continue;
        const rest = current.slice(0, current.length - word.length - 1);
        if (!rest || !/[a-z]/.test(rest)) continue;
        if (policy.kind === 'effort') attributes.reasoningEffort ??= policy.value;
        else attributes.variants.add(policy.value);
        current = rest;
        note(`word:${word}`, `"${word}" is a serving ${policy.kind === 'effort' ? 'reasoning effort' : 'variant'} here`);
        peeled = true;
        break;
      }
      if (peeled) continue;
      if (family?.contextIsVariant && (/^\d+k$/.test(last) || CONTEXT_LENGTHS.has(last)) && hasVersion(remainder)) {
        attributes.variants.add(`context-${last}`);
        current = remainder;
        note('word:context', `"${last}" is a context-length serving variant here`);
        continue;
      }
      break;
    }
    if (family?.keepInstruct) break;
    // Instruct checkpoints are the models hosts serve: "-instruct", "-it", "-hf" go; "-chat" goes when a size says it is a checkpoint name.
    const tokens = current.split('-');
    const hasSize = tokens.some((token) => SIZE_TOKEN.test(token));
    const kept = tokens.filter((token, index) => {
      if (index === 0 || !INSTRUCT_WORDS.has(token)) return true;
      if (token === 'instruct' || token === 'hf') return false;
      return !(hasSize || family?.id === 'gemma');
    });
    if (kept.length === tokens.length) break;
    note('strip:instruct', `"${tokens.filter((token) => !kept.includes(token)).join('", "')}": the instruction-tuned checkpoint is the model served`);
    current = kept.join('-');
  }
  return current;
}

/** The base named in a fine-tune's name, if it is a known line. */
function findBase(name: string, exclude: string): { slug: string; rule: string } | undefined {
  for (const pattern of BASE_PATTERNS) {
    const match = pattern.pattern.exec(name);
    if (!match) continue;
    const base = replaceWith(match[0].replace(/^-/, ''), new RegExp(pattern.pattern.source.replace(/^\(\?:\^\|-\)/, '^')), pattern.base);
    const candidate = applyLineAlias(applyRewrites(base), []);
    if (candidate === exclude) continue;
    const family = familyOf(candidate);
    if (family && isKnownLine(candidate, family)) return { slug: candidate, rule: pattern.id };
  }
  return undefined;
}

/** The longest leading part of a name that is a known line of its family ("qwen-3-5-27b" in "qwen-3-5-27b-bluestar"). */
function knownPrefix(name: string, family: FamilyRule): string | undefined {
  const tokens = name.split('-');
  for (let end = tokens.length - 1; end >= 2; end--) {
    const prefix = applyLineAlias(tokens.slice(0, end).join('-'), []);
    if (isKnownLine(prefix, family) && linesOf(family)) return prefix;
  }
  return undefined;
}

/** Reads a parsed id into a canonical slug. */
function readName(parsed: ParsedSourceId, provider: string): NameReading {
  const evidence = [...parsed.evidence];
  const attributes = parsed.attributes;
  let name = parsed.name;
  let namespace = parsed.namespace;
  // "flux/kontext-max": a namespace that is itself a family word names the model with what follows.
  if (namespace && !familyOf(applyRewrites(name)) && familyOf(applyRewrites(looseName(namespace)))) {
    name = looseName(`${namespace}-${name}`);
    evidence.push({ rule: 'path:family-namespace', detail: `"${namespace}/" is part of the model's name` });
    namespace = undefined;
  }
  // A first-party provider's ids are its own models, unless the id names another creator ("google/gemini-..." at a reseller).
  const namespaceCreator = namespace && !REHOSTING_NAMESPACES.has(namespace) ? NAMESPACE_CREATORS[namespace] : undefined;
  const knownCreator = namespaceCreator ?? FIRST_PARTY_PROVIDERS[provider];
  const base: Omit<NameReading, 'status' | 'slug' | 'confidence'> = { attributes, evidence, namespace, rawName: parsed.rawName };

  if (!name) return { ...base, status: 'review', slug: '', confidence: 0, reason: 'no model name in the id' };
  for (const rule of NOT_A_MODEL) {
    if (rule.id === 'router:auto' && rule.pattern.test(name)) {
      return { ...base, status: 'not-a-model', slug: name, confidence: 1, reason: rule.reason };
    }
  }

  // Provider names written into the id: dropped when a known family follows.
  for (let guard = 0; guard < 2; guard++) {
    const match = PROVIDER_NAME_PREFIX.exec(name);
    if (!match) break;
    const rest = match[2]!;
    // "coding-xiaomi-mimo-v2.5": a second provider name may follow the first.
    const next = PROVIDER_NAME_PREFIX.exec(rest)?.[2];
    if (!familyOf(applyRewrites(rest)) && !(next && familyOf(applyRewrites(next)))) break;
    evidence.push({ rule: 'strip:provider-name', detail: `provider name "${match[1]}-" in the id` });
    const variant = PREFIX_VARIANTS[match[1]!];
    if (variant) attributes.variants.add(variant);
    name = rest;
  }

  name = applyRewrites(name, evidence);
  let family = familyOf(name, knownCreator);
  if (family) evidence.push({ rule: `family:${family.id}`, detail: `${family.id} family (${family.creator})` });

  name = peelWords(name, family, attributes, evidence);
  name = applyRewrites(name, evidence);
  name = applyLineAlias(name, evidence);
  family = familyOf(name, knownCreator) ?? family;

  // Hosts that list base checkpoints next to instruct ones: an id without an instruct word is the base.
  if (BASE_LISTING_PROVIDERS.has(provider) && BASE_CHECKPOINT_LINES.test(name) && !/(^|[-_.])(instruct|chat|it|hf|f)([-_.]|$)/i.test(parsed.rawName)) {
    evidence.push({ rule: 'base:unmarked-at-host', detail: `${provider} lists base checkpoints without an instruct word: "${parsed.rawName}" is the base` });
    name = `${name}-base`;
    name = applyLineAlias(name, evidence);
  }

  for (const rule of REVIEW_RULES) {
    if (rule.pattern.test(name)) {
      return { ...base, family, status: 'review', slug: name, confidence: CONFIDENCE.reviewRule, reason: rule.reason, evidence: [...evidence, { rule: rule.id, detail: rule.reason }] };
    }
  }

  const marked = name.split('-').some((token) => DERIVATIVE_WORDS.has(token));
  if (family) {
    if (isKnownLine(name, family)) {
      // A base from another family only ("deepseek-r1-distill-llama-70b" on Llama 3.3 70B), not the line's own history.
      const found = findBase(name, name);
      const baseModel = found && familyOf(found.slug)?.id !== family.id ? found : undefined;
      const confidence = linesOf(family) ? (attributes.movingAlias ? CONFIDENCE.knownLineMovingAlias : CONFIDENCE.knownLine) : CONFIDENCE.knownFamilyNoLines;
      return { ...base, family, status: 'resolved', slug: name, confidence, base: baseModel };
    }
    const prefix = knownPrefix(name, family);
    const extra = prefix ? name.slice(prefix.length + 1).split('-') : [];
    const openBase = prefix ? KIND_RULES.find((rule) => rule.pattern.test(prefix))?.kind ?? family.kind : undefined;
    const thirdParty = parsed.namespace !== undefined && !REHOSTING_NAMESPACES.has(parsed.namespace) && NAMESPACE_CREATORS[parsed.namespace] !== family.creator;
    if (
      prefix &&
      openBase === 'open-weights' &&
      extra.length &&
      !extra.some((token) => SIZE_TOKEN.test(token)) &&
      extra.some((token) => /[a-z]{2,}/.test(token) && !PRODUCT_WORDS.has(token))
    ) {
      evidence.push({ rule: 'derivative:known-base', detail: `"${name}" is "${prefix}" plus "${extra.join('-')}": a fine-tune or merge of it` });
      return {
        ...base,
        family,
        status: 'resolved',
        slug: name,
        confidence: marked || thirdParty ? CONFIDENCE.derivativeMarked : CONFIDENCE.derivative,
        base: { slug: prefix, rule: 'derivative:known-base' },
        derivative: true,
      };
    }
    // A third party's model named after the family ("aisingapore/Qwen-SEA-LION-v4-32B-IT"): its own model, base unread.
    if (thirdParty && family.kind === 'open-weights' && name.split('-').some((token) => /[a-z]{2,}/.test(token) && !PRODUCT_WORDS.has(token) && !name.startsWith(token))) {
      evidence.push({ rule: 'derivative:third-party', detail: `"${parsed.namespace}" publishes "${name}", named after the ${family.id} family` });
      return { ...base, family, status: 'resolved', slug: name, confidence: CONFIDENCE.derivative, derivative: true };
    }
    return {
      ...base,
      family,
      status: 'review',
      slug: name,
      confidence: CONFIDENCE.unknownLine,
      reason: `not a known ${family.id} model name`,
      evidence: [...evidence, { rule: 'review:unknown-line', detail: `no ${family.id} line reads "${name}"` }],
    };
  }

  const baseModel = findBase(name, name);
  if (baseModel) {
    evidence.push({ rule: 'derivative:embedded-base', detail: `"${name}" names its base "${baseModel.slug}"` });
    return { ...base, status: 'resolved', slug: name, confidence: marked || parsed.namespace ? CONFIDENCE.derivativeMarked : CONFIDENCE.derivative, base: baseModel, derivative: true };
  }
  return { ...base, status: 'resolved', slug: name, confidence: CONFIDENCE.unknownFamily };
}

function creatorFromNamespace(namespace: string | undefined): string | undefined {
  if (!namespace || REHOSTING_NAMESPACES.has(namespace)) return undefined;
  return NAMESPACE_CREATORS[namespace] ?? namespace.replace(/[^a-z0-9-]+/g, '-');
}

function fact<T>(value: T, source: Fact<T>['source'], rule: string, url?: string): Fact<T> {
  return url ? { value, source, rule, url } : { value, source, rule };
}

/** HF license tags -> our license ids. */
const HF_LICENSE_TAGS: Readonly<Record<string, string>> = {
  'apache-2.0': 'Apache-2.0',
  mit: 'MIT',
  'cc-by-nc-4.0': 'cc-by-nc-4.0',
  gemma: 'gemma',
  llama2: 'llama-2',
  llama3: 'llama-3',
  'llama3.1': 'llama-3.1',
  'llama3.2': 'llama-3.2',
  'llama3.3': 'llama-3.3',
  llama4: 'llama-4',
};

function modelFacts(
  reading: NameReading,
  input: ResolutionInput,
  licenseOf: (slug: string) => Fact<string> | undefined,
  sourceFacts: ModelFacts,
): ModelFacts {
  const hints = input.hints ?? {};
  const facts: ModelFacts = {};
  const slug = reading.slug;

  // Creator
  if (reading.derivative) {
    const creator = creatorFromNamespace(reading.namespace);
    if (creator && creator !== reading.family?.creator) facts.creator = fact(creator, 'namespace', `namespace "${reading.namespace}" (the fine-tuner)`);
  } else if (reading.family) {
    facts.creator = fact(reading.family.creator, 'family-rule', `family:${reading.family.id}`);
  } else {
    const hinted = hints.creator?.toLowerCase();
    const fromNamespace = creatorFromNamespace(reading.namespace) ?? (hinted && NAMESPACE_CREATORS[hinted] ? NAMESPACE_CREATORS[hinted] : undefined);
    const firstParty = FIRST_PARTY_PROVIDERS[input.provider];
    const fromFamilyHint = hints.family ? familyOf(applyRewrites(hints.family.toLowerCase()))?.creator : undefined;
    if (fromNamespace) facts.creator = fact(fromNamespace, 'namespace', `namespace "${reading.namespace ?? hinted}"`);
    else if (firstParty) facts.creator = fact(firstParty, 'namespace', `first-party provider "${input.provider}"`);
    else if (fromFamilyHint) facts.creator = fact(fromFamilyHint, 'models.dev', `models.dev family "${hints.family}"`);
  }

  // Kind
  const kindRule = reading.derivative ? undefined : KIND_RULES.find((rule) => rule.pattern.test(slug));
  let kind: Fact<ModelKind> | undefined;
  if (kindRule) kind = fact(kindRule.kind, 'family-rule', kindRule.id, kindRule.url);
  else if (reading.family?.kind && !reading.derivative) kind = fact(reading.family.kind, 'family-rule', `family:${reading.family.id}`);
  else if (reading.derivative) kind = fact<ModelKind>('open-weights', 'family-rule', `derivative of open weights "${reading.base?.slug}"`);
  else if ((facts.creator && COMMUNITY_ORGS.has(facts.creator.value)) || (reading.namespace && COMMUNITY_ORGS.has(reading.namespace))) {
    kind = fact<ModelKind>('open-weights', 'family-rule', `community:${reading.namespace ?? facts.creator?.value} publishes weights on Hugging Face`);
  }
  else if (hints.huggingFaceId) kind = fact<ModelKind>('open-weights', 'hf-id', `weights published at huggingface.co/${hints.huggingFaceId}`, `https://huggingface.co/${hints.huggingFaceId}`);
  else if (hints.openWeights !== undefined) kind = fact<ModelKind>(hints.openWeights ? 'open-weights' : 'closed', 'models.dev', 'models.dev open_weights');
  if (kind) facts.kind = kind;

  // License
  const tag = hints.licenseTag?.toLowerCase();
  if (tag && HF_LICENSE_TAGS[tag]) {
    facts.license = fact(HF_LICENSE_TAGS[tag]!, 'huggingface', `HF license tag "${hints.licenseTag}"`, hints.huggingFaceId ? `https://huggingface.co/${hints.huggingFaceId}` : undefined);
  } else if (kind?.value === 'open-weights') {
    const own = reading.derivative ? undefined : licenseOf(slug);
    const inherited = reading.base ? licenseOf(reading.base.slug) : undefined;
    if (own) facts.license = own;
    else if (inherited) facts.license = fact(inherited.value, 'family-rule', `inherited from base "${reading.base!.slug}" (${inherited.rule})`, inherited.url);
  } else if (kind?.value === 'closed' && facts.creator) {
    const terms = PROPRIETARY_LICENSES[facts.creator.value];
    if (terms) facts.license = fact(terms.license, 'family-rule', `closed ${facts.creator.value} model`, terms.url);
  }

  // Parameters
  const known = reading.derivative ? undefined : KNOWN_PARAMETERS.find((rule) => rule.pattern.test(slug));
  if (known) {
    facts.parametersB = fact(known.totalB, 'family-rule', known.id, known.url);
    if (known.activeB !== undefined) facts.activeParametersB = fact(known.activeB, 'family-rule', known.id, known.url);
  } else if (hints.parametersB !== undefined) {
    facts.parametersB = fact(hints.parametersB, 'huggingface', 'HF safetensors parameter count');
  } else {
    const fromName = parametersFromName(hints.huggingFaceId ? hints.huggingFaceId.slice(hints.huggingFaceId.indexOf('/') + 1) : reading.rawName);
    if (fromName?.totalB !== undefined) facts.parametersB = fact(fromName.totalB, 'name-grammar', `size in the name "${fromName.tokens}"`);
    if (fromName?.activeB !== undefined) facts.activeParametersB = fact(fromName.activeB, 'name-grammar', `size in the name "${fromName.tokens}"`);
  }

  // What the source states about kind when a stronger rule decided: kept for the conflicts list.
  const stated = hints.openWeights !== undefined ? fact<ModelKind>(hints.openWeights ? 'open-weights' : 'closed', 'models.dev', 'models.dev open_weights') : undefined;
  if (stated && kind && kind.source !== 'models.dev' && stated.value !== kind.value) sourceFacts.kind = stated;

  if (hints.releaseDate) facts.releaseDate = fact(hints.releaseDate, 'models.dev', 'models.dev release_date');
  if (hints.contextWindow) facts.contextWindow = fact(hints.contextWindow, 'source', `${input.source} context window`);
  if (reading.base) facts.baseModel = fact(reading.base.slug, 'name-grammar', reading.base.rule);
  return facts;
}

/** License rule for an open-weights slug. */
export function licenseRuleFor(slug: string): Fact<string> | undefined {
  const rule = LICENSE_RULES.find((candidate) => candidate.pattern.test(slug));
  return rule ? fact(rule.license, 'family-rule', rule.id, rule.url) : undefined;
}

function finishAttributes(attributes: WorkingAttributes): OfferingAttributes {
  const out: OfferingAttributes = { variants: [...attributes.variants].sort() };
  if (attributes.quantization) out.quantization = attributes.quantization;
  if (attributes.region) out.region = attributes.region;
  if (attributes.snapshot) out.snapshot = attributes.snapshot;
  if (attributes.reasoningEffort) out.reasoningEffort = attributes.reasoningEffort;
  if (attributes.movingAlias) out.movingAlias = true;
  return out;
}

/** Renders a loose name as a slug: version dots are already "-"; decimal sizes lose their dot. */
export function renderSlug(name: string): string {
  return name.replace(/\./g, '-').replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '').slice(0, 120);
}

/** Resolves one offering. */
export function resolveOffering(input: ResolutionInput): OfferingResolution {
  const head = { source: input.source, provider: input.provider, providerModelId: input.providerModelId };
  const checked = checkSourceId(input.providerModelId);
  if (!checked.ok) {
    return { ...head, status: 'rejected', reason: checked.reason, confidence: 0, attributes: { variants: [] }, facts: {}, evidence: [{ rule: 'reject:id', detail: checked.reason }] };
  }
  if (/\/$/.test(checked.id)) {
    const reason = 'id ends with "/": no model name';
    return { ...head, status: 'rejected', reason, confidence: 0, attributes: { variants: [] }, facts: {}, evidence: [{ rule: 'reject:id', detail: reason }] };
  }
  for (const rule of NOT_A_MODEL) {
    if (rule.id === 'router:namespace' && rule.pattern.test(checked.id.toLowerCase())) {
      return { ...head, status: 'not-a-model', reason: rule.reason, confidence: 1, attributes: { variants: [] }, facts: {}, evidence: [{ rule: rule.id, detail: rule.reason }] };
    }
  }

  const fromId = readName(parseSourceId(checked.id), input.provider);
  let reading = fromId;
  const hints = input.hints ?? {};

  // The HF repo of the weights names the model better than a provider's id.
  const hfId = hints.huggingFaceId?.trim();
  if (hfId && checkSourceId(hfId).ok) {
    const fromHf = readName(parseSourceId(hfId), input.provider);
    if (fromHf.status === 'resolved') {
      const agrees = renderSlug(fromHf.slug) === renderSlug(fromId.slug);
      reading = {
        ...fromHf,
        confidence: fromHf.family && !fromHf.derivative ? CONFIDENCE.hfKnownLine : Math.max(fromHf.confidence, CONFIDENCE.derivativeMarked),
        attributes: mergeAttributes(fromId.attributes, fromHf.attributes),
        evidence: [
          ...fromId.evidence,
          { rule: 'hint:hf-id', detail: `weights at huggingface.co/${hfId} read as "${fromHf.slug}"${agrees ? '' : ` (the id alone reads "${fromId.slug}")`}` },
          ...fromHf.evidence.filter((item) => item.rule.startsWith('family:') || item.rule.startsWith('alias') || item.rule.startsWith('mistral:') || item.rule.startsWith('derivative')),
        ],
      };
    }
  } else if (fromId.status === 'review' && hints.canonicalSlug) {
    // OpenRouter's canonical slug pins a moving id to a release ("mistralai/devstral-small" -> "...-2507").
    const fromCanonical = readName(parseSourceId(hints.canonicalSlug), input.provider);
    if (fromCanonical.status === 'resolved' && fromCanonical.family && !fromCanonical.derivative) {
      reading = {
        ...fromCanonical,
        confidence: CONFIDENCE.canonicalSlugHint,
        attributes: fromId.attributes,
        evidence: [...fromId.evidence, { rule: 'hint:canonical-slug', detail: `canonical slug "${hints.canonicalSlug}" reads "${fromCanonical.slug}"` }],
      };
    }
  }

  const attributes = finishAttributes(reading.attributes);
  if (reading.status === 'not-a-model') {
    return { ...head, status: 'not-a-model', reason: reading.reason, confidence: reading.confidence, attributes, facts: {}, evidence: reading.evidence };
  }

  const slug = renderSlug(reading.slug);
  const sourceFacts: ModelFacts = {};
  const facts = modelFacts({ ...reading, slug }, input, licenseRuleFor, sourceFacts);
  let status = reading.status;
  let reason = reading.reason;
  let confidence = reading.confidence;
  if (status === 'resolved' && !facts.creator && !reading.derivative) {
    status = 'review';
    confidence = Math.min(confidence, CONFIDENCE.unknownCreator);
    reason = 'no family rule, namespace or first-party provider says who made it';
  }
  if (status === 'resolved' && confidence < RESOLUTION_THRESHOLD) {
    status = 'review';
    reason ??= `confidence ${confidence} is below ${RESOLUTION_THRESHOLD}`;
  }
  const resolution: OfferingResolution = {
    ...head,
    status,
    modelSlug: slug || undefined,
    confidence,
    attributes,
    facts,
    evidence: reading.evidence,
  };
  if (Object.keys(sourceFacts).length) resolution.sourceFacts = sourceFacts;
  if (reason) resolution.reason = reason;
  if (reading.family) resolution.family = reading.family.id;
  return resolution;
}

function mergeAttributes(a: WorkingAttributes, b: WorkingAttributes): WorkingAttributes {
  return {
    variants: new Set([...a.variants, ...b.variants]),
    quantization: a.quantization ?? b.quantization,
    region: a.region ?? b.region,
    snapshot: a.snapshot ?? b.snapshot,
    reasoningEffort: a.reasoningEffort ?? b.reasoningEffort,
    movingAlias: a.movingAlias || b.movingAlias || undefined,
  };
}
