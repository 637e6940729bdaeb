/**
 * The contract between scrapers and ingest. A scraper knows its source and this format, nothing
 * else: it fetches a payload and parses it into normalized records. No database access here.
 */
import { z } from 'zod';

import { PRICE_COMPONENTS } from './shared/price-line.js';

export { PRICE_COMPONENTS };
export type ScrapedPriceComponent = (typeof PRICE_COMPONENTS)[number];

/** A non-negative decimal as text, exact: "0.27", "2.5". Never a float. */
export const decimalText = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal as text');

export const scrapedPriceSchema = z.object({
  component: z.enum(PRICE_COMPONENTS),
  /** USD per unit; token components are converted to USD per 1M tokens by the scraper. */
  usd: decimalText,
  /** "1M tokens" for token components; "image", "request", "second", "GPU hour" otherwise. */
  unit: z.string().min(1),
  /** e.g. {"promptTokensAbove": 200000}, {"tier": "priority"}, {"tier": "flex"}; omitted when none. */
  condition: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ScrapedPrice = z.infer<typeof scrapedPriceSchema>;

/** One model as offered by one provider, as the source describes it. */
export const scrapedOfferingSchema = z.object({
  /** Our provider slug (openai, anthropic, google, google-vertex, together, groq, fireworks, aws-bedrock, ...). */
  provider: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  /** The id the provider's API takes ("deepseek-chat", "meta-llama/Llama-3.3-70B-Instruct-Turbo"). */
  providerModelId: z.string().min(1),
  /** The source's own key for the entry (LiteLLM key, models.dev "provider/model", OpenRouter id). */
  sourceKey: z.string().min(1),
  /** What the source says of the model, for matching it to a catalog model. */
  model: z.object({
    /** Ids to try against model aliases, most specific first (e.g. HF id, canonical slug, the API id). */
    candidateIds: z.array(z.string().min(1)).min(1),
    name: z.string().optional(),
    creator: z.string().optional(),
    family: z.string().optional(),
    openWeights: z.boolean().optional(),
    huggingFaceId: z.string().optional(),
    releaseDate: z.iso.date().optional(),
    knowledgeCutoff: z.string().optional(),
  }),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  inputModalities: z.array(z.string()).optional(),
  outputModalities: z.array(z.string()).optional(),
  features: z
    .object({
      toolCalling: z.boolean().optional(),
      structuredOutput: z.boolean().optional(),
      promptCaching: z.boolean().optional(),
      batch: z.boolean().optional(),
      fineTuning: z.boolean().optional(),
      vision: z.boolean().optional(),
    })
    .default({}),
  /** All price lines the source gives for this offering now (a component absent here is not offered). */
  prices: z.array(scrapedPriceSchema),
  /** When the source says the offering is or will be retired. */
  deprecationDate: z.iso.date().optional(),
  /** A page about this entry, if the source links one. */
  sourceUrl: z.url().optional(),
});
export type ScrapedOffering = z.infer<typeof scrapedOfferingSchema>;

/** Model metadata from a model hub (Hugging Face): license, size, gating. */
export const scrapedModelMetaSchema = z.object({
  huggingFaceId: z.string().min(1),
  licenseTag: z.string().optional(),
  licenseName: z.string().optional(),
  licenseUrl: z.url().optional(),
  parametersB: decimalText.optional(),
  gated: z.boolean().optional(),
  sourceUrl: z.url(),
});
export type ScrapedModelMeta = z.infer<typeof scrapedModelMetaSchema>;

/** A record the source's schema rejected: kept with the reason, never silently dropped. */
export interface RejectedRecord {
  key: string;
  reason: string;
}

export interface RawPayload {
  url: string;
  contentType: string;
  body: Buffer;
  fetchedAt: Date;
}

export interface ParseResult {
  offerings: ScrapedOffering[];
  modelMeta: ScrapedModelMeta[];
  rejected: RejectedRecord[];
  /** Entries the source holds that are not offerings (e.g. LiteLLM's sample_spec): counted, not rejected. */
  skipped: number;
  /** The source's own date for the snapshot, if it states one (LiteLLM last_updated). */
  sourceDate?: Date;
}

/** One source: where it lives, how to get it, how to read it. */
export interface Scraper {
  /** Stable source name: "litellm", "models.dev", "openrouter", "together", "groq", "fireworks", "huggingface"... */
  readonly source: string;
  readonly description: string;
  readonly defaultUrl: string;
  /** Hosts fetch may contact for this source (the default URL's host, and its redirects). */
  readonly allowedHosts: readonly string[];
  /** Pure: bytes in, records out. Throws ScraperParseError when the structure it needs is gone. */
  parse(payload: RawPayload): ParseResult;
}
