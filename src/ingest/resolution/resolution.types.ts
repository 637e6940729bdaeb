/**
 * Types of the resolution core: a source's id for a model (plus the hints the source carries) in,
 * a canonical model slug, the offering's attributes, the facts about the model and the evidence
 * for each, out. Pure data: no database, no Nest.
 */

/** What a source says about one offering, as far as resolution needs it. */
export interface ResolutionInput {
  /** Source name: "litellm", "models.dev", "openrouter", "huggingface", "together"... */
  source: string;
  /** Our provider slug ("openai", "aws-bedrock", "together", "openrouter"...). */
  provider: string;
  /** The id the provider's API takes ("us.anthropic.claude-opus-4-5-20251101-v1:0"). */
  providerModelId: string;
  hints?: ResolutionHints;
}

export interface ResolutionHints {
  /** Hugging Face repo of the weights (OpenRouter hugging_face_id, HF scraper): "Qwen/Qwen3-32B". */
  huggingFaceId?: string;
  /** OpenRouter canonical_slug ("mistralai/devstral-small-2507"). */
  canonicalSlug?: string;
  /** models.dev `family` ("qwen", "claude-opus"): coarse, used for creator only. */
  family?: string;
  /** models.dev `open_weights`. */
  openWeights?: boolean;
  /** YYYY-MM-DD (models.dev release_date). */
  releaseDate?: string;
  contextWindow?: number;
  /** The source's display name ("Claude Opus 4.5"). */
  name?: string;
  /** The namespace the source gives for the creator ("meta-llama", "qwen"). */
  creator?: string;
  /** LiteLLM `litellm_provider` ("bedrock_converse", "vertex_ai-anthropic_models"). */
  litellmProvider?: string;
  /** HF scraper: license tag ("apache-2.0", "llama3.3", "other"). */
  licenseTag?: string;
  /** HF scraper: total parameters in billions, from safetensors metadata. */
  parametersB?: number;
}

export type ModelKind = 'open-weights' | 'closed';

/**
 * How sure we are of a fact, strongest first. A weaker source never overwrites a stronger one;
 * disagreeing facts are kept as conflicts.
 */
export const FACT_SOURCES = [
  'huggingface', // HF metadata of the weights (license tag, safetensors size)
  'family-rule', // our curated rules (family-rules.ts / license-rules.ts), each citing its URL
  'hf-id', // an HF repo id given by the source: weights are published
  'models.dev', // models.dev fields (open_weights, release_date)
  'source', // what an offering's source states (context window)
  'namespace', // the org in the id ("meta-llama/", "qwen.", "accounts/...")
  'name-grammar', // read from the name ("70b", "235b-a22b")
] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export interface Fact<T> {
  value: T;
  source: FactSource;
  /** Which rule or field: "license:llama-3.3", "models.dev open_weights", "size token 70b". */
  rule: string;
  /** Where the fact can be checked (license text, model card). */
  url?: string;
}

export interface ModelFacts {
  creator?: Fact<string>;
  kind?: Fact<ModelKind>;
  license?: Fact<string>;
  /** Total parameters, billions. */
  parametersB?: Fact<number>;
  /** Active parameters per token for mixture-of-experts models, billions. */
  activeParametersB?: Fact<number>;
  releaseDate?: Fact<string>;
  contextWindow?: Fact<number>;
  /** For fine-tunes, merges, distillations: the model they are built on. */
  baseModel?: Fact<string>;
}

/** How a provider serves a model: not a different model. */
export interface OfferingAttributes {
  /** Serving variants, sorted: "thinking", "fast", "free", "tee", "exacto", "batch"... */
  variants: string[];
  /** "fp8", "int4", "gguf", "mxfp4"... */
  quantization?: string;
  /** "us", "eu", "apac", "global", an AWS region... */
  region?: string;
  /** Vendor snapshot the id pins: "2024-08-06", "20251101", "001". */
  snapshot?: string;
  /** Reasoning effort pinned by the id: "low", "medium", "high", "xhigh", "max", or a token budget. */
  reasoningEffort?: string;
  /** The id follows whatever the vendor's line points to ("-latest", "~"). */
  movingAlias?: boolean;
}

export interface Evidence {
  /** Stable rule id: "strip:region-prefix", "family:claude", "hint:hf-id"... */
  rule: string;
  detail: string;
}

export type ResolutionStatus = 'resolved' | 'review' | 'rejected' | 'not-a-model';

export interface OfferingResolution {
  source: string;
  provider: string;
  providerModelId: string;
  status: ResolutionStatus;
  /** Why it is not resolved (review, rejected, not-a-model). */
  reason?: string;
  /** Canonical model slug; for "review" the suggested one. */
  modelSlug?: string;
  /** 0..1. Below RESOLUTION_THRESHOLD the link waits for review. */
  confidence: number;
  /** The family rule that recognised the model, if any ("llama", "claude"...). */
  family?: string;
  attributes: OfferingAttributes;
  /** The facts this link holds for its model, strongest source per fact. */
  facts: ModelFacts;
  /**
   * What the source itself states when a stronger rule decided otherwise (models.dev open_weights
   * against a family rule): kept so the catalog can show the conflict.
   */
  sourceFacts?: ModelFacts;
  evidence: Evidence[];
}

export interface FactConflict {
  fact: keyof ModelFacts;
  /** The value kept (strongest source). */
  kept: Fact<unknown>;
  /** A different value another source gave. */
  other: Fact<unknown>;
  /** Where the other value came from. */
  from: { source: string; provider: string; providerModelId: string };
}

export interface CanonicalModel {
  slug: string;
  family?: string;
  facts: ModelFacts;
  conflicts: FactConflict[];
  /** Every source id that resolved here, sorted. */
  aliases: string[];
  offerings: OfferingResolution[];
  /** Lowest confidence among its links. */
  confidence: number;
}

export interface CatalogResolution {
  models: CanonicalModel[];
  review: OfferingResolution[];
  rejected: OfferingResolution[];
  notModels: OfferingResolution[];
  summary: ResolutionSummary;
}

export interface ResolutionSummary {
  offerings: number;
  resolvedOfferings: number;
  models: number;
  modelsWithCreatorKindLicense: number;
  openWeightsModels: number;
  closedModels: number;
  review: number;
  rejected: number;
  notModels: number;
}
