/**
 * The shape of the curated catalog under seed/data. Every file is parsed with these schemas
 * before anything is written; every fact names its source.
 */
import { z } from 'zod';

import { licenseTermsSchema } from '../src/catalog/licenses/license-terms.js';
import { PRICE_COMPONENTS } from '../scrapers/shared/price-line.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, "." and "-"');
const isoDate = z.iso.date();
/** Decimal as a string, never a float: "0.27", "1440". */
const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal written as a string');
const source = z.object({ source: z.string().min(1), url: z.url().optional(), note: z.string().optional() });

export const creatorSeedSchema = z.object({
  slug,
  name: z.string().min(1),
  url: z.url().optional(),
  country: z.string().length(2).optional(),
});

export const licenseVersionSeedSchema = z.object({
  version: z.string().min(1),
  effectiveFrom: isoDate,
  url: z.url(),
  terms: licenseTermsSchema,
  sourceUrl: z.url().optional(),
});

export const licenseSeedSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/),
  name: z.string().min(1),
  spdxId: z.string().optional(),
  category: z.enum(['open-source', 'open-weights', 'non-commercial', 'research', 'proprietary']),
  url: z.url(),
  versions: z.array(licenseVersionSeedSchema).min(1),
});

export const benchmarkSeedSchema = z.object({
  slug,
  name: z.string().min(1),
  description: z.string().optional(),
  unit: z.enum(['percent', 'elo', 'score']).default('percent'),
  higherIsBetter: z.boolean().default(true),
  url: z.url().optional(),
});

export const benchmarkResultSeedSchema = z.object({
  benchmark: slug,
  score: decimalString,
  setting: z.string().default(''),
  measuredOn: isoDate.optional(),
  source: z.string().min(1),
  sourceUrl: z.url().optional(),
});

export const modelSeedSchema = z.object({
  slug,
  name: z.string().min(1),
  family: z.string().min(1),
  creator: slug,
  kind: z.enum(['closed', 'open-weights']),
  status: z.enum(['active', 'deprecated']).default('active'),
  parametersB: decimalString.optional(),
  activeParametersB: decimalString.optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  inputModalities: z.array(z.enum(['text', 'image', 'audio', 'video', 'pdf'])).default(['text']),
  outputModalities: z.array(z.enum(['text', 'image', 'audio', 'video', 'embedding'])).default(['text']),
  releaseDate: isoDate.optional(),
  knowledgeCutoff: z.string().optional(),
  license: z.string().min(1),
  huggingFaceId: z.string().optional(),
  description: z.string().optional(),
  /** Every id sources use for the model (Hugging Face repo ids, API ids, names in the article). */
  aliases: z.array(z.string().min(1)).default([]),
  /** Where each fact came from, keyed by field name. */
  factSources: z.record(z.string(), source).default({}),
  benchmarks: z.array(benchmarkResultSeedSchema).default([]),
});

export const providerSeedSchema = z.object({
  slug,
  name: z.string().min(1),
  kinds: z.array(z.enum(['closed-lab', 'inference-host', 'cloud', 'gpu-cloud', 'self-host-runtime'])).min(1),
  url: z.url(),
  pricingModel: z.enum(['per-token', 'per-second', 'per-gpu-hour', 'free']).optional(),
  description: z.string().optional(),
});


export const pricePointSeedSchema = z.object({
  component: z.enum(PRICE_COMPONENTS),
  /** USD per unit; per 1M tokens for token components. */
  usd: decimalString,
  unit: z.string().optional(),
  condition: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  validFrom: isoDate,
  /** "article" for figures from the seed article, "seed" for a provider's own page. */
  source: z.enum(['article', 'seed']),
  sourceUrl: z.url().optional(),
});

export const offeringSeedSchema = z.object({
  provider: slug,
  model: slug,
  providerModelId: z.string().min(1),
  supportsToolCalling: z.boolean().optional(),
  supportsStructuredOutput: z.boolean().optional(),
  supportsPromptCaching: z.boolean().optional(),
  supportsBatch: z.boolean().optional(),
  supportsFineTuning: z.boolean().optional(),
  supportsVision: z.boolean().optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  prices: z.array(pricePointSeedSchema).default([]),
});

export const gpuTypeSeedSchema = z.object({
  slug,
  name: z.string().min(1),
  vendor: z.string().min(1),
  memoryGb: z.number().int().positive(),
});

export const gpuPriceSeedSchema = z.object({
  gpu: slug,
  provider: slug,
  pricingTier: z.string().default('on-demand'),
  usdPerHour: decimalString,
  validFrom: isoDate,
  source: z.enum(['article', 'seed']),
  sourceUrl: z.url().optional(),
});

export const deploymentProfileSeedSchema = z.object({
  model: slug,
  gpu: slug,
  gpusPerReplica: z.number().int().positive(),
  sustainedTokensPerSecond: decimalString,
  runtime: z.string().default('vllm'),
  infrastructureUsdPerMonth: decimalString.default('0'),
  notes: z.string().optional(),
  source: z.string().min(1),
  sourceUrl: z.url().optional(),
});

export const catalogSeedSchema = z.object({
  creators: z.array(creatorSeedSchema),
  licenses: z.array(licenseSeedSchema),
  benchmarks: z.array(benchmarkSeedSchema),
  models: z.array(modelSeedSchema),
  providers: z.array(providerSeedSchema),
  offerings: z.array(offeringSeedSchema),
  gpuTypes: z.array(gpuTypeSeedSchema),
  gpuPrices: z.array(gpuPriceSeedSchema),
  deploymentProfiles: z.array(deploymentProfileSeedSchema),
});

export type CatalogSeed = z.infer<typeof catalogSeedSchema>;
