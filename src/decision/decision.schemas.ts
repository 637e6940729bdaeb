/**
 * Inputs of the decision framework: `POST /v1/decision`, `POST /v1/route` (and the GraphQL queries
 * of the same names). `POST /v1/license-check` takes the license engine's own schema.
 */
import { z } from 'zod';

import { isoDateSchema } from '../common/list-query.js';
import { formatDecimal } from '../common/money.js';
import { licenseUseSchema } from './license/license-use.schema.js';
import { DATA_SENSITIVITIES, TIERS } from './decision-rules.js';

/** USD as a number (2000) or a decimal string ("2000.50"), kept exact as a string. */
const usdAmount = (field: string) =>
  z
    .union([
      z.number({ error: `${field} must be an amount of USD` }).finite().nonnegative({ error: `${field} cannot be negative` }),
      z.string().trim().regex(/^\d{1,12}(\.\d{1,12})?$/, { error: `${field} must be an amount of USD such as 2000 or "2000.50"` }),
    ], { error: `${field} must be an amount of USD such as 2000 or "2000.50"` })
    .transform((value) => formatDecimal(value)!)
    .refine((value) => Number(value) <= 1e12, { error: `${field} is too large` });

const tokens = (field: string) =>
  z
    .number({ error: `${field} must be a number of tokens` })
    .int({ error: `${field} must be a whole number of tokens` })
    .min(0, { error: `${field} cannot be negative` })
    .max(10_000_000, { error: `${field} is over 10,000,000 tokens` });

const requestsPerMonth = z
  .number({ error: 'requestsPerMonth must be a number of requests' })
  .int({ error: 'requestsPerMonth must be a whole number' })
  .min(0, { error: 'requestsPerMonth cannot be negative' })
  .max(1e12, { error: 'requestsPerMonth is over 10^12' });

const peakToAverage = z
  .number({ error: 'peakToAverage must be a number (peak request rate / average, at least 1)' })
  .min(1, { error: 'peakToAverage is peak / average: at least 1' })
  .max(1000, { error: 'peakToAverage is over 1000' });

const share = (field: string) =>
  z
    .number({ error: `${field} must be a share between 0 and 1` })
    .min(0, { error: `${field} must be between 0 and 1` })
    .max(1, { error: `${field} must be between 0 and 1` });

export const workloadSchema = z.strictObject({
  requestsPerMonth: requestsPerMonth.describe('API calls a month (the article: 10,000,000)'),
  inputTokensPerRequest: tokens('inputTokensPerRequest').describe('input tokens per call (the article: 500)'),
  outputTokensPerRequest: tokens('outputTokensPerRequest').describe('output tokens per call (the article: 500)'),
  /** Peak request rate over the average: self-hosting is sized for the peak. */
  peakToAverage: peakToAverage.default(1).describe('peak request rate / average: self-hosting is sized for the peak'),
  /** Share of input tokens served from the provider's prompt cache. */
  cachedInputShare: share('cachedInputShare').default(0).describe("share of input tokens served from the provider's prompt cache (0..1)"),
  /** Share of requests sent through a batch API. */
  batchShare: share('batchShare').default(0).describe('share of calls sent through a batch API (0..1)'),
});

/** A workload with its defaults applied. */
export type WorkloadSpec = z.output<typeof workloadSchema>;

const benchmarkSlug = z
  .string({ error: 'benchmark must be a benchmark slug such as mmlu' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, { error: 'benchmark must be a benchmark slug such as mmlu or gpqa-diamond' });

/** `"best"` (the top MMLU score, the article's quality column), or a minimum score on a benchmark. */
export const qualitySchema = z.union(
  [
    z.literal('best'),
    z.strictObject({
      benchmark: benchmarkSlug.default('mmlu'),
      minScore: z.number({ error: 'minScore must be a number' }).min(0, { error: 'minScore cannot be negative' }).max(100_000),
    }),
  ],
  { error: 'quality must be "best" or {"benchmark": "mmlu", "minScore": 85}' },
);

export type QualityInput = z.output<typeof qualitySchema>;

const slugs = (field: string) =>
  z
    .array(z.string({ error: `${field} must be a list of slugs` }).trim().min(1).max(200), { error: `${field} must be a list of slugs` })
    .max(500, { error: `${field} has more than 500 entries` });

/** Providers (API providers and GPU clouds) and models (slugs or aliases) to keep or leave out. */
const selectionSchema = z.strictObject({
  providers: slugs('providers').optional(),
  models: slugs('models').optional(),
});

export type Selection = z.output<typeof selectionSchema>;

const priceSourceSchema = z
  .string()
  .regex(/^[a-z0-9.-]+$/, { error: 'priceSource must be a source name such as article, litellm, seed' });

/** The license facts (the license engine's `use`), every field defaulted. */
const useSchema = licenseUseSchema.prefault({});

export const sensitivitySchema = z.enum(DATA_SENSITIVITIES, { error: `must be one of ${DATA_SENSITIVITIES.join(', ')}` });

export const decisionRequestSchema = z.strictObject({
  workload: workloadSchema,
  /** Absent: no quality bar (scores are still shown, on MMLU). */
  quality: qualitySchema.optional().describe('"best" (top MMLU: closed API preferred) or {benchmark, minScore}; absent: no quality bar'),
  dataSensitivity: sensitivitySchema.default('internal').describe('sensitive or regulated: self-hosted only'),
  latencyCritical: z.boolean({ error: 'latencyCritical must be true or false' }).default(false).describe('prefer self-hosted (no network hop)'),
  needsFineTuning: z.boolean({ error: 'needsFineTuning must be true or false' }).default(false).describe('fine-tuning control: open models only; the license is checked for fine-tuning'),
  budgetUsdPerMonth: usdAmount('budgetUsdPerMonth').optional().describe('options costing more miss the budget'),
  /** Engineering time of running a self-hosted deployment; default from the config (DECISION_OPS_COST_USD_PER_MONTH). */
  opsCostUsdPerMonth: usdAmount('opsCostUsdPerMonth').optional().describe('engineering time of running a self-hosted deployment, USD a month (default: the service setting, 0)'),
  use: useSchema.describe("what is done with the model: the license engine's use (commercial, monthlyActiveUsers, distributesWeights, fineTunes, outputsTrainOtherModels, productLicense, region)"),
  only: selectionSchema.optional().describe('only these providers (API providers, GPU clouds) / models (slugs or aliases)'),
  exclude: selectionSchema.optional().describe('leave out these providers / models'),
  /** Price the decision as on that day (end of day, UTC): prices, GPU prices and license versions then in force. */
  pricesAsOf: isoDateSchema.optional().describe('YYYY-MM-DD: price the decision as on that day (token and GPU prices, license versions)'),
  /** Only this source's prices (token and GPU prices), e.g. "article". */
  priceSource: priceSourceSchema.optional().describe('only this source\'s token and GPU prices, e.g. "article"'),
  /** How many ranked options to return (the best of each tier is always among them). */
  limit: z.number({ error: 'limit must be a number' }).int().min(1).max(200).default(20).describe('ranked options returned (the best of each tier always is)'),
});

export type DecisionRequest = z.output<typeof decisionRequestSchema>;
export type DecisionRequestInput = z.input<typeof decisionRequestSchema>;

export const COMPLEXITIES = ['simple', 'standard', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const taskClassSchema = z
  .strictObject({
    name: z.string({ error: 'name must be text' }).trim().min(1, { error: 'name cannot be empty' }).max(100),
    requestsPerMonth,
    inputTokensPerRequest: tokens('inputTokensPerRequest').optional(),
    outputTokensPerRequest: tokens('outputTokensPerRequest').optional(),
    /** Tokens per request, in and out together: split half and half, as the article's 1,000-token calls. */
    tokensPerRequest: tokens('tokensPerRequest').optional(),
    peakToAverage: peakToAverage.default(1),
    sensitivity: sensitivitySchema.default('internal'),
    complexity: z.enum(COMPLEXITIES, { error: `complexity must be one of ${COMPLEXITIES.join(', ')}` }).default('standard'),
    /** Default by complexity (see ROUTE_QUALITY_BY_COMPLEXITY). */
    quality: qualitySchema.optional(),
  })
  .superRefine((task, context) => {
    const split = task.inputTokensPerRequest !== undefined || task.outputTokensPerRequest !== undefined;
    if (split && task.tokensPerRequest !== undefined) {
      context.addIssue({ code: 'custom', path: ['tokensPerRequest'], message: 'give tokensPerRequest or inputTokensPerRequest/outputTokensPerRequest, not both' });
    } else if (!split && task.tokensPerRequest === undefined) {
      context.addIssue({ code: 'custom', path: ['tokensPerRequest'], message: 'give inputTokensPerRequest and outputTokensPerRequest, or tokensPerRequest' });
    } else if (split && (task.inputTokensPerRequest === undefined || task.outputTokensPerRequest === undefined)) {
      const missing = task.inputTokensPerRequest === undefined ? 'inputTokensPerRequest' : 'outputTokensPerRequest';
      context.addIssue({ code: 'custom', path: [missing], message: `${missing} is required with the other one` });
    }
  });

export type TaskClass = z.output<typeof taskClassSchema>;

export const routeRequestSchema = z
  .strictObject({
    classes: z.array(taskClassSchema, { error: 'classes must be a list of task classes' }).min(1, { error: 'give at least one task class' }).max(50),
    opsCostUsdPerMonth: usdAmount('opsCostUsdPerMonth').optional(),
    use: useSchema,
    only: selectionSchema.optional(),
    exclude: selectionSchema.optional(),
    pricesAsOf: isoDateSchema.optional(),
    priceSource: priceSourceSchema.optional(),
  })
  .superRefine((request, context) => {
    const seen = new Set<string>();
    request.classes.forEach((task, index) => {
      if (seen.has(task.name)) context.addIssue({ code: 'custom', path: ['classes', index, 'name'], message: `duplicate class name "${task.name}"` });
      seen.add(task.name);
    });
  });

export type RouteRequest = z.output<typeof routeRequestSchema>;
export type RouteRequestInput = z.input<typeof routeRequestSchema>;

export { TIERS };
