/**
 * LiteLLM's `model_prices_and_context_window.json`: one top-level key per model route, USD per
 * token as floats. Each route becomes one offering of one provider, prices in USD per 1M tokens.
 *
 * What is an offering (by `mode`): chat, completion, responses, realtime, embedding, moderation,
 * image_generation, image_edit, audio_transcription, audio_speech, video_generation. A missing mode
 * counts as chat (LiteLLM's own default; 2024 files omit it on some models).
 * Skipped (counted, not offerings): the non-model keys sample_spec, last_updated (-> sourceDate) and
 * fallback_generalizations; LiteLLM's size-bucket defaults ("together-ai-41.1b-80b",
 * "fireworks-ai-up-to-4b"); and the modes rerank, search, ocr, vector_store (priced per query or
 * page, not model offerings for the catalog). Any other mode is rejected with its name.
 *
 * Key -> providerModelId: the routing prefix is dropped ("gemini/gemini-2.5-pro" -> "gemini-2.5-pro",
 * "together_ai/meta-llama/X" -> "meta-llama/X"); the Bedrock cross-region profile prefix stays
 * ("us.anthropic.claude-..." is the id the API takes). Variant path segments become price conditions
 * of one offering instead of separate offerings: an AWS region ("bedrock/us-east-1/X" ->
 * {region: "us-east-1"}), an Azure data zone ("azure/eu/X" -> {region: "eu"}), provisioned
 * commitments ({commitment: "1-month"}), image quality/size/steps ({quality: "hd", size: "1024x1024"}).
 * Entries that end on the same provider and id merge; if their prices disagree the later entry is
 * rejected naming the earlier one.
 *
 * Prices: input_cost_per_token -> input, output_cost_per_token -> output, cache_read_input_token_cost
 * and input_cost_per_token_cache_hit -> cached_input, cache_creation_input_token_cost -> cache_write,
 * *_batches -> batch_input/batch_output, output_cost_per_reasoning_token -> reasoning,
 * input/output_cost_per_audio_token -> audio_input/audio_output, input/output_cost_per_image -> image
 * (unit "image", condition {direction: "input"|"output"}), input_cost_per_request -> request,
 * input/output_cost_per_second -> second ({direction}). Suffixes add conditions: _flex/_priority ->
 * {tier}, _above_Nk_tokens -> {promptTokensAbove: N*1000}, _above_1hr -> {cacheTtl: "1h"};
 * tiered_pricing ranges [a, b] -> {promptTokensAbove: a} (none for a = 0). Zero is a real (free) price.
 * Cost keys the contract cannot express (per pixel, character, image or video token, query, page,
 * DBU, tool fees...) are ignored by design; an unknown cost key or a bad value is rejected on its own
 * ("key#field") without losing the entry. An entry with prices but none expressible is rejected.
 */
import {
  type ParseResult,
  type RawPayload,
  type RejectedRecord,
  type ScrapedOffering,
  type ScrapedPrice,
  type Scraper,
} from '../scraper.types.js';
import { ScraperParseError } from '../http/scraper-errors.js';
import { perTokenToPerMillion, numberToDecimalText } from '../shared/decimal.js';
import { litellmProviderSlug } from '../shared/provider-slugs.js';
import {
  candidateIds,
  compact,
  isPlainObject,
  lastSegment,
  normalizeModelId,
  optionalBoolean,
  parseJsonPayload,
  positiveInt,
  priceLineKey,
  stringArray,
  validateOffering,
} from '../shared/records.js';

export const LITELLM_DEFAULT_URL =
  'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

/** Top-level keys that are not models. */
export const LITELLM_NON_MODEL_KEYS = new Set(['sample_spec', 'last_updated', 'fallback_generalizations']);

export const LITELLM_OFFERING_MODES = new Set([
  'chat',
  'completion',
  'responses',
  'realtime',
  'embedding',
  'moderation',
  'image_generation',
  'image_edit',
  'audio_transcription',
  'audio_speech',
  'video_generation',
]);

export const LITELLM_SKIPPED_MODES = new Set(['rerank', 'search', 'ocr', 'vector_store']);

/** LiteLLM's parameter-size defaults, not models. */
const SIZE_BUCKET_KEY = /^[a-z]+-ai-(up-to-|above-|moe-|embedding-|default$|\d)/;

type Condition = Record<string, string | number | boolean>;

interface BaseComponent {
  component: ScrapedPrice['component'];
  unit: string;
  /** USD per token -> per 1M tokens; otherwise the value is taken as is. */
  perToken: boolean;
  condition?: Condition;
}

/** Base cost keys (suffixes stripped) -> component. */
const BASE_COMPONENTS: Readonly<Record<string, BaseComponent>> = {
  input_cost_per_token: { component: 'input', unit: '1M tokens', perToken: true },
  output_cost_per_token: { component: 'output', unit: '1M tokens', perToken: true },
  cache_read_input_token_cost: { component: 'cached_input', unit: '1M tokens', perToken: true },
  input_cost_per_token_cache_hit: { component: 'cached_input', unit: '1M tokens', perToken: true },
  cache_creation_input_token_cost: { component: 'cache_write', unit: '1M tokens', perToken: true },
  input_cost_per_token_batches: { component: 'batch_input', unit: '1M tokens', perToken: true },
  input_cost_per_token_batch_requests: { component: 'batch_input', unit: '1M tokens', perToken: true },
  output_cost_per_token_batches: { component: 'batch_output', unit: '1M tokens', perToken: true },
  output_cost_per_reasoning_token: { component: 'reasoning', unit: '1M tokens', perToken: true },
  input_cost_per_audio_token: { component: 'audio_input', unit: '1M tokens', perToken: true },
  output_cost_per_audio_token: { component: 'audio_output', unit: '1M tokens', perToken: true },
  input_cost_per_image: { component: 'image', unit: 'image', perToken: false, condition: { direction: 'input' } },
  output_cost_per_image: { component: 'image', unit: 'image', perToken: false, condition: { direction: 'output' } },
  cost_per_image: { component: 'image', unit: 'image', perToken: false, condition: { direction: 'output' } }, // 2024 Vertex imagen
  input_cost_per_request: { component: 'request', unit: 'request', perToken: false },
  input_cost_per_second: { component: 'second', unit: 'second', perToken: false, condition: { direction: 'input' } },
  output_cost_per_second: { component: 'second', unit: 'second', perToken: false, condition: { direction: 'output' } },
};

/** Cost keys the contract has no component for, or that are tool fees rather than model prices. */
const INEXPRESSIBLE_COST_KEY =
  /per_pixel|per_character|image_token|video|audio_per_second|per_query|per_page|per_credit|dbu|_db_cost|search_context|code_interpreter|file_search|vector_store|computer_use|citation|annotation|uplift|per_second_\d+p|input_audio_token_cost|_interval|per_minute|per_hour/;

/** Splits "input_cost_per_token_above_272k_tokens_priority" into its base key and its condition. */
export function splitCostKey(costKey: string): { base: string; condition: Condition } {
  let base = costKey;
  const condition: Condition = {};
  for (;;) {
    let match: RegExpExecArray | null;
    if ((match = /_(flex|priority)$/.exec(base))) {
      condition.tier = match[1]!;
    } else if ((match = /_above_(\d+)k_tokens$/.exec(base))) {
      condition.promptTokensAbove = Number(match[1]) * 1000;
    } else if ((match = /_above_(\d+)hr$/.exec(base))) {
      condition.cacheTtl = `${match[1]}h`;
    } else {
      break;
    }
    base = base.slice(0, match.index);
  }
  return { base, condition };
}

type PriceOutcome = { price: ScrapedPrice } | { ignored: true } | { rejected: string };

/** One cost key and value -> a price line, nothing (ignored by design), or a reason to reject it. */
export function litellmPrice(costKey: string, value: unknown, extraCondition: Condition = {}): PriceOutcome {
  const { base, condition } = splitCostKey(costKey);
  const mapping = BASE_COMPONENTS[base];
  if (!mapping) {
    if (INEXPRESSIBLE_COST_KEY.test(costKey)) return { ignored: true };
    return { rejected: `unknown cost key "${costKey}"` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return { rejected: `${costKey} is not a number (${JSON.stringify(value)})` };
  if (value < 0) return { rejected: `${costKey} is negative (${value})` };
  const usd = mapping.perToken ? perTokenToPerMillion(value) : numberToDecimalText(value);
  const merged: Condition = { ...(mapping.condition ?? {}), ...condition, ...extraCondition };
  const price: ScrapedPrice = { component: mapping.component, usd, unit: mapping.unit };
  if (Object.keys(merged).length) price.condition = merged;
  return { price };
}

const AWS_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d$/;
const AZURE_ZONE = /^(us|eu|global|global-standard)$/;
const IMAGE_QUALITY = /^(low|medium|high|standard|hd)$/;
const IMAGE_SIZE = /^(\d+-x-\d+|max-x-max)$/;
const IMAGE_STEPS = /^(\d+|max)-steps$/;
const COMMITMENT = /^(\d+)-month-commitment$/;

function routingPrefixes(litellmProvider: string): Set<string> {
  const prefixes = new Set([litellmProvider, litellmProvider.split('-')[0]!, litellmProvider.replace(/_/g, '-')]);
  const extra: Record<string, string[]> = {
    azure_text: ['azure'],
    azure_ai: ['azure_ai'],
    amazon_nova: ['amazon-nova', 'amazon_nova'],
    bedrock: ['bedrock', 'converse', 'invoke'],
    bedrock_converse: ['bedrock', 'converse', 'bedrock_converse'],
    'text-completion-openai': ['openai', 'text-completion-openai'],
    'text-completion-codestral': ['codestral', 'text-completion-codestral'],
    cohere_chat: ['cohere', 'cohere_chat'],
  };
  for (const prefix of extra[litellmProvider] ?? []) prefixes.add(prefix);
  if (litellmProvider.startsWith('vertex_ai')) prefixes.add('vertex_ai');
  return prefixes;
}

/**
 * A LiteLLM key -> the id the provider's API takes plus the variant its path segments name.
 * "bedrock/us-east-1/anthropic.claude-v1" -> {id: "anthropic.claude-v1", variant: {region: "us-east-1"}}.
 */
export function parseLitellmKey(key: string, litellmProvider: string): { providerModelId: string; variant: Condition } {
  const segments = key.split('/');
  const prefixes = routingPrefixes(litellmProvider);
  const azure = litellmProvider.startsWith('azure');
  const variant: Condition = {};
  while (segments.length > 1) {
    const segment = segments[0]!;
    let match: RegExpExecArray | null;
    if (prefixes.has(segment) || segment === '*') {
      // routing prefix, or "any region"
    } else if (AWS_REGION.test(segment)) {
      variant.region = segment;
    } else if (azure && AZURE_ZONE.test(segment)) {
      variant.region = segment;
    } else if ((match = COMMITMENT.exec(segment))) {
      variant.commitment = `${match[1]}-month`;
    } else if (IMAGE_QUALITY.test(segment)) {
      variant.quality = segment;
    } else if (IMAGE_SIZE.test(segment)) {
      variant.size = segment.replace('-x-', 'x');
    } else if ((match = IMAGE_STEPS.exec(segment))) {
      variant.steps = match[1] === 'max' ? 'max' : Number(match[1]);
    } else {
      break;
    }
    segments.shift();
  }
  return { providerModelId: segments.join('/'), variant };
}

interface Draft {
  key: string;
  variant: Condition;
  offering: ScrapedOffering;
}

export class LitellmScraper implements Scraper {
  readonly source = 'litellm';
  readonly description = "LiteLLM's model price and context-window map (USD per token, per provider route)";
  readonly defaultUrl = LITELLM_DEFAULT_URL;
  readonly allowedHosts = ['raw.githubusercontent.com', 'github.com'] as const;

  parse(payload: RawPayload): ParseResult {
    const json = parseJsonPayload(this.source, payload);
    if (!isPlainObject(json)) {
      throw new ScraperParseError(`${this.source}: payload is not a JSON object of model entries`, {
        source: this.source,
        url: payload.url,
        field: '(root)',
      });
    }
    const entries = Object.entries(json);
    if (!entries.some(([key, value]) => !LITELLM_NON_MODEL_KEYS.has(key) && isPlainObject(value))) {
      throw new ScraperParseError(`${this.source}: payload holds no model entry (an object per model key)`, {
        source: this.source,
        url: payload.url,
        field: '(root)',
      });
    }

    const rejected: RejectedRecord[] = [];
    let skipped = 0;
    let sourceDate: Date | undefined;
    const drafts: Draft[] = [];

    for (const [key, value] of entries) {
      if (LITELLM_NON_MODEL_KEYS.has(key)) {
        skipped++;
        if (key === 'last_updated' && typeof value === 'string') {
          const date = new Date(value);
          if (!Number.isNaN(date.getTime())) sourceDate = date;
        }
        continue;
      }
      if (!isPlainObject(value)) {
        rejected.push({ key, reason: 'entry is not an object' });
        continue;
      }
      if (SIZE_BUCKET_KEY.test(key)) {
        skipped++;
        continue;
      }
      const mode = value.mode === undefined ? 'chat' : value.mode === 'moderations' ? 'moderation' : value.mode;
      if (typeof mode === 'string' && LITELLM_SKIPPED_MODES.has(mode)) {
        skipped++;
        continue;
      }
      if (typeof mode !== 'string' || !LITELLM_OFFERING_MODES.has(mode)) {
        rejected.push({ key, reason: `unknown mode ${JSON.stringify(mode)}` });
        continue;
      }
      const draft = this.toDraft(key, value, rejected);
      if (draft) drafts.push(draft);
    }

    return { offerings: mergeDrafts(drafts, rejected), modelMeta: [], rejected, skipped, sourceDate };
  }

  private toDraft(key: string, entry: Record<string, unknown>, rejected: RejectedRecord[]): Draft | undefined {
    const litellmProvider = entry.litellm_provider;
    if (typeof litellmProvider !== 'string' || !litellmProvider.trim()) {
      rejected.push({ key, reason: 'litellm_provider missing' });
      return undefined;
    }
    const { providerModelId, variant } = parseLitellmKey(key, litellmProvider);

    const prices = new Map<string, ScrapedPrice>();
    const inexpressible: string[] = [];
    const addPrice = (costKey: string, value: unknown, where: string, extra: Condition = {}) => {
      const outcome = litellmPrice(costKey, value, { ...extra, ...variant });
      if ('ignored' in outcome) {
        inexpressible.push(costKey);
        return;
      }
      if ('rejected' in outcome) {
        rejected.push({ key: `${key}#${where}`, reason: outcome.rejected });
        return;
      }
      const lineKey = priceLineKey(outcome.price);
      const existing = prices.get(lineKey);
      if (!existing) prices.set(lineKey, outcome.price);
      else if (existing.usd !== outcome.price.usd) {
        rejected.push({ key: `${key}#${where}`, reason: `${costKey} ${outcome.price.usd} conflicts with ${existing.usd} given elsewhere in the entry` });
      }
    };

    for (const [field, value] of Object.entries(entry)) {
      if (field === 'tiered_pricing' || !/cost/.test(field)) continue;
      addPrice(field, value, field);
    }
    if (entry.tiered_pricing !== undefined) {
      if (!Array.isArray(entry.tiered_pricing)) {
        rejected.push({ key: `${key}#tiered_pricing`, reason: 'tiered_pricing is not an array' });
      } else {
        entry.tiered_pricing.forEach((tier: unknown, index) => {
          const where = `tiered_pricing[${index}]`;
          const range = isPlainObject(tier) ? tier.range : undefined;
          if (!isPlainObject(tier) || !Array.isArray(range) || typeof range[0] !== 'number' || range[0] < 0) {
            rejected.push({ key: `${key}#${where}`, reason: 'tier without a numeric range [from, to]' });
            return;
          }
          const from = range[0];
          const condition: Condition = from > 0 ? { promptTokensAbove: from } : {};
          for (const [field, value] of Object.entries(tier)) {
            if (field === 'range') continue;
            addPrice(field, value, `${where}.${field}`, condition);
          }
        });
      }
    }

    if (prices.size === 0 && inexpressible.length > 0) {
      rejected.push({ key, reason: `no price the contract can express (only ${inexpressible.join(', ')})` });
      return undefined;
    }

    const priceList = [...prices.values()];
    const hasBatchPrices = priceList.some((price) => price.component === 'batch_input' || price.component === 'batch_output');
    const sourceUrl = typeof entry.source === 'string' && /^https?:\/\//.test(entry.source) ? entry.source : undefined;

    const candidate = compact({
      provider: litellmProviderSlug(litellmProvider),
      providerModelId,
      sourceKey: key,
      model: {
        candidateIds: candidateIds(providerModelId, key, lastSegment(providerModelId), normalizeModelId(providerModelId)),
      },
      contextWindow: positiveInt(entry.max_input_tokens),
      maxOutputTokens: positiveInt(entry.max_output_tokens),
      inputModalities: stringArray(entry.supported_modalities),
      outputModalities: stringArray(entry.supported_output_modalities),
      features: compact({
        toolCalling: optionalBoolean(entry.supports_function_calling),
        structuredOutput: optionalBoolean(entry.supports_response_schema),
        promptCaching: optionalBoolean(entry.supports_prompt_caching),
        vision: optionalBoolean(entry.supports_vision),
        batch: optionalBoolean(entry.supports_batch) ?? (hasBatchPrices ? true : undefined),
      }),
      prices: priceList,
      deprecationDate: entry.deprecation_date ?? undefined,
      sourceUrl,
    });
    const validated = validateOffering(key, candidate);
    if (!validated.ok) {
      rejected.push(validated.rejected);
      return undefined;
    }
    return { key, variant, offering: validated.value };
  }
}

/**
 * Entries naming the same provider and id become one offering: the plain entry gives the metadata,
 * variant entries (region, commitment, image size...) add their conditioned prices. A later plain
 * entry whose prices disagree with the earlier one is rejected.
 */
function mergeDrafts(drafts: Draft[], rejected: RejectedRecord[]): ScrapedOffering[] {
  const groups = new Map<string, Draft[]>();
  for (const draft of drafts) {
    const id = `${draft.offering.provider}\u0000${draft.offering.providerModelId}`;
    const group = groups.get(id);
    if (group) group.push(draft);
    else groups.set(id, [draft]);
  }

  const offerings: ScrapedOffering[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      offerings.push(group[0]!.offering);
      continue;
    }
    const base = group.find((draft) => Object.keys(draft.variant).length === 0) ?? group[0]!;
    const merged: ScrapedOffering = structuredClone(base.offering);
    const lines = new Map(merged.prices.map((price) => [priceLineKey(price), price]));
    const ids = [...merged.model.candidateIds];
    for (const draft of group) {
      if (draft === base) continue;
      const conflicts = draft.offering.prices
        .map((price) => ({ price, existing: lines.get(priceLineKey(price)) }))
        .filter(({ price, existing }) => existing !== undefined && existing.usd !== price.usd);
      if (conflicts.length) {
        const detail = conflicts
          .slice(0, 3)
          .map(({ price, existing }) => `${price.component} ${price.usd} vs ${existing!.usd}`)
          .join(', ');
        rejected.push({ key: draft.key, reason: `same provider and id as "${base.key}" with different prices (${detail})` });
        continue;
      }
      for (const price of draft.offering.prices) lines.set(priceLineKey(price), price);
      ids.push(draft.key);
      mergeFeatures(merged, draft.offering);
    }
    merged.prices = [...lines.values()];
    merged.model.candidateIds = candidateIds(...ids);
    offerings.push(merged);
  }
  return offerings;
}

/** Fills metadata the base entry lacks from a merged variant entry. */
function mergeFeatures(target: ScrapedOffering, other: ScrapedOffering): void {
  target.contextWindow ??= other.contextWindow;
  target.maxOutputTokens ??= other.maxOutputTokens;
  target.inputModalities ??= other.inputModalities;
  target.outputModalities ??= other.outputModalities;
  target.deprecationDate ??= other.deprecationDate;
  target.sourceUrl ??= other.sourceUrl;
  for (const [name, value] of Object.entries(other.features)) {
    const feature = name as keyof ScrapedOffering['features'];
    if (target.features[feature] === undefined && value !== undefined) target.features[feature] = value;
  }
}
