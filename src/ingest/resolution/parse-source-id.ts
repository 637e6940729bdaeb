/**
 * First pass over a source id: everything that is syntax rather than the model's name. Routing
 * paths ("accounts/fireworks/models/"), namespaces ("meta-llama/", "us.anthropic."), regions,
 * Bedrock artifact versions ("-v1:0"), Vertex "@date", ":free"-style tags, quantizations written
 * with their own separators ("Q4_K_M", "mxfp-GGUF"). What is left is the name, as a loose name.
 */
import { looseName } from './name-grammar.js';
import type { Evidence } from './resolution.types.js';
import {
  BEDROCK_ARTIFACT,
  BEDROCK_V0,
  COLON_TAGS,
  DOTTED_VENDORS,
  NAMESPACE_CREATORS,
  QUANTIZATION_SUFFIX,
  REGION_PREFIX,
  REHOSTING_NAMESPACES,
  ROUTING_SEGMENTS,
  SCHEME_PREFIXES,
  VARIANT_SEGMENTS,
  VARIANT_SUFFIXES,
} from './source-id-rules.js';

export interface WorkingAttributes {
  variants: Set<string>;
  quantization?: string;
  region?: string;
  snapshot?: string;
  reasoningEffort?: string;
  movingAlias?: boolean;
}

export interface ParsedSourceId {
  /** Loose name of the model part ("llama-3-3-70b-instruct"). */
  name: string;
  /** The org or vendor the id names ("meta-llama", "anthropic"), lower-case. */
  namespace?: string;
  /** The name part before loosening (for reading sizes): "Llama-3.3-70B-Instruct". */
  rawName: string;
  attributes: WorkingAttributes;
  evidence: Evidence[];
}

/** A last path segment that does not name a model alone: "flux/schnell", "imagen4/preview/fast", "flux-pro/v1.1". */
const GENERIC_SEGMENT = /^(v?\d+(\.\d+)*(-[a-z]+)?|preview|fast|ultra|schnell|dev|pro|max|lite|turbo|edit|standard|hd)$/i;
/** Task words in image/video/audio paths ("bytedance/seedream/v3/text-to-image"). */
const TASK_SEGMENTS = /^(text|image|video|audio)-to-(image|video|audio|speech|text)$/;
const KNOWN_ORGS = new Set([...Object.keys(NAMESPACE_CREATORS), ...REHOSTING_NAMESPACES]);

export function newAttributes(): WorkingAttributes {
  return { variants: new Set() };
}

export function parseSourceId(id: string): ParsedSourceId {
  const attributes = newAttributes();
  const evidence: Evidence[] = [];
  const note = (rule: string, detail: string) => evidence.push({ rule, detail });
  let text = id.trim();

  if (text.startsWith('~')) {
    attributes.movingAlias = true;
    text = text.slice(1);
    note('strip:moving-alias', '"~" marks an alias that follows the vendor\'s latest model');
  }
  for (const prefix of SCHEME_PREFIXES) {
    if (prefix.pattern.test(text)) {
      text = text.replace(prefix.pattern, '');
      if (prefix.variant) attributes.variants.add(prefix.variant);
      note(prefix.id, `prefix ${prefix.pattern.source.replace(/\^|\\/g, '')}`);
    }
  }

  // ":tag" endings and Bedrock artifact versions, repeatedly ("...-thinking:1024", "...-v1:0").
  for (let guard = 0; guard < 6; guard++) {
    const lower = text.toLowerCase();
    let match: RegExpExecArray | null;
    if ((match = BEDROCK_V0.exec(lower))) {
      text = text.slice(0, match.index) + `-v0.${match[1]}`;
      note('bedrock:v0', `"-v0:${match[1]}" is the model version v0.${match[1]}`);
      continue;
    }
    if ((match = BEDROCK_ARTIFACT.exec(lower))) {
      const rest = text.slice(0, match.index);
      const restName = rest.slice(rest.lastIndexOf('/') + 1).replace(/^[^.]*\.(?=[a-z])/i, '');
      const major = match[1]!;
      const minor = match[2]!;
      // Keep the version when it is all that tells the model apart ("titan-embed-text-v2:0", "claude-v2:1").
      if (!/\d/.test(restName) && !(major === '1' && minor === '0')) {
        text = `${rest}-v${major}${minor === '0' ? '' : `.${minor}`}`;
      } else {
        text = rest;
      }
      note('strip:bedrock-version', `artifact version "${match[0]}" (a Bedrock/OCI packaging version, not a model)`);
      continue;
    }
    if ((match = /:(\d+(?:\.\d+)?[bmt])(-cloud)?$/.exec(lower))) {
      text = `${text.slice(0, match.index)}-${match[1]}`;
      if (match[2]) attributes.variants.add('cloud');
      note('tag:size', `Ollama size tag ":${match[1]}"`);
      continue;
    }
    let tagged = false;
    for (const tag of COLON_TAGS) {
      if ((match = tag.pattern.exec(lower))) {
        const value = tag.value ?? match[1]!;
        if (tag.kind === 'effort') attributes.reasoningEffort = value;
        else if (tag.kind === 'moving-alias') attributes.movingAlias = true;
        else attributes.variants.add(value);
        text = text.slice(0, match.index);
        note(tag.id, `tag "${match[0]}"`);
        tagged = true;
        break;
      }
    }
    if (!tagged) break;
  }

  // Vertex "@": "claude-opus-4-1@20250805", "mistral-large@2411-001", "codestral-2@001", "@default".
  let match: RegExpExecArray | null;
  if ((match = /@(\d{8})$/.exec(text))) {
    attributes.snapshot = match[1];
    text = text.slice(0, match.index);
    note('strip:vertex-snapshot', `Vertex snapshot "@${match[1]}"`);
  } else if ((match = /@(default|latest)$/i.exec(text))) {
    attributes.movingAlias = true;
    text = text.slice(0, match.index);
    note('strip:vertex-default', `Vertex alias "@${match[1]}"`);
  } else if ((match = /@(\d{4})-(\d{3})$/.exec(text))) {
    attributes.snapshot = match[2];
    text = `${text.slice(0, match.index)}-${match[1]}`;
    note('strip:vertex-version', `Vertex version "@${match[1]}-${match[2]}"`);
  } else if ((match = /@(\d{3})$/.exec(text))) {
    attributes.snapshot = match[1];
    text = text.slice(0, match.index);
    note('strip:vertex-version', `Vertex version "@${match[1]}"`);
  }

  // Path: routing segments, variant segments, the org, the name.
  const segments = text.split('/').filter((segment) => segment.length > 0);
  const meaningful: string[] = [];
  segments.forEach((segment, index) => {
    const lower = segment.toLowerCase();
    const last = index === segments.length - 1;
    if (TASK_SEGMENTS.test(lower) && segments.length > 1) return;
    if (last) {
      meaningful.push(segment);
      return;
    }
    if (ROUTING_SEGMENTS.has(lower)) return;
    const variant = VARIANT_SEGMENTS[lower];
    if (variant) {
      attributes.variants.add(variant);
      note('path:variant', `path segment "${segment}"`);
      return;
    }
    meaningful.push(segment);
  });
  let name = meaningful.pop() ?? '';
  // "flux/schnell", "imagen4/preview/fast", "flux-pro/v1.1": a generic tail names the model with what precedes it.
  while (GENERIC_SEGMENT.test(name) && meaningful.length > 0 && !KNOWN_ORGS.has(meaningful[meaningful.length - 1]!.toLowerCase())) {
    name = `${meaningful.pop()!}-${name}`;
    note('path:join', `"${name}" names the model with its path`);
  }
  let namespace = meaningful.length ? meaningful[meaningful.length - 1]!.toLowerCase() : undefined;
  if (namespace) note('path:namespace', `namespace "${namespace}"`);

  // Dotted vendor and region prefixes: "us.anthropic.claude-...", "openai.gpt-oss-120b", "eu.".
  const dotted = /^(?:(us|eu|apac|au|jp|ca|global|us-gov)\.)?([a-z0-9-]+)\.(.+)$/i.exec(name);
  if (dotted && DOTTED_VENDORS.has(dotted[2]!.toLowerCase()) && /[a-z]/i.test(dotted[3]!.charAt(0))) {
    if (dotted[1]) attributes.region = dotted[1].toLowerCase();
    namespace = dotted[2]!.toLowerCase();
    name = dotted[3]!;
    // Bedrock model ids without the ":0" ("anthropic.claude-opus-4-6-v1", "meta.llama2-13b-chat-v1").
    const artifact = /-v(\d+)$/i.exec(name);
    if (artifact && /\d/.test(name.slice(0, artifact.index))) {
      name = name.slice(0, artifact.index);
      note('strip:bedrock-version', `artifact version "${artifact[0].slice(1)}" after a vendor prefix`);
    }
    // "deepseek.v3-v1:0", "deepseek.r1-v1:0": the vendor is part of the name.
    if (namespace === 'deepseek' && /^(v\d|r1)/i.test(name)) name = `deepseek-${name}`;
    note('strip:vendor-prefix', `${dotted[1] ? `region "${dotted[1]}." and ` : ''}vendor "${dotted[2]}."`);
  } else if ((match = REGION_PREFIX.exec(name.toLowerCase()))) {
    attributes.region = match[1];
    name = name.slice(match[0].length);
    note('strip:region-prefix', `region "${match[0]}"`);
  }

  // Quantizations and universal serving variants written at the end, with the source's separators.
  const rawName = name;
  let lower = name.toLowerCase();
  for (let guard = 0; guard < 8; guard++) {
    let peeled = false;
    if ((match = QUANTIZATION_SUFFIX.exec(lower))) {
      attributes.quantization ??= match[1]!.replace(/_/g, '-');
      lower = lower.slice(0, match.index);
      note('strip:quantization', `quantization "${match[1]}"`);
      peeled = true;
    }
    for (const rule of VARIANT_SUFFIXES) {
      // Only when what is left still has a number: "minimax-m2.5-lightning" is M2.5, "yi-lightning" is a model.
      if ((match = rule.pattern.exec(lower)) && (!rule.needsVersion || /\d/.test(lower.slice(0, match.index)))) {
        const value = rule.value ?? match[1]!;
        if (rule.kind === 'moving-alias') attributes.movingAlias = true;
        else attributes.variants.add(value);
        lower = lower.slice(0, match.index);
        note(rule.id, `suffix "${match[0].replace(/^[-_]/, '')}"`);
        peeled = true;
      }
    }
    if (!peeled) break;
  }

  return { name: looseName(lower), namespace, rawName, attributes, evidence };
}
