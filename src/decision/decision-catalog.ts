/**
 * What the decision framework reads from the catalog, as plain data: models with the score they are
 * judged on, licenses (the version in force), API offerings with their token prices in force,
 * deployment profiles and GPU prices. Loaded once per (catalog revision, price source, date) by
 * DecisionCatalogRepository; everything after that is pure.
 */
import type { Tier } from './decision-rules.js';
import type { TokenPriceLine } from './cost-model.js';
import type { LicenseRecord } from './license/license-check.js';

export interface ScoreFact {
  benchmark: string;
  /** Decimal string. */
  score: string;
  value: number;
  source: string;
  setting: string;
}

export interface CatalogModel {
  slug: string;
  name: string;
  kind: 'closed' | 'open-weights';
  parametersB: string | null;
  licenseId: string | null;
  /** Benchmark slug -> the score the model is judged on (see DecisionCatalogRepository). */
  scores: Map<string, ScoreFact>;
}

export interface PricedLine extends TokenPriceLine {
  source: string;
}

export interface ApiOffering {
  id: number;
  tier: Extract<Tier, 'closed-api' | 'hosted-open'>;
  modelSlug: string;
  providerSlug: string;
  providerName: string;
  providerModelId: string;
  supportsFineTuning: boolean | null;
  lines: PricedLine[];
  /** The lowest USD per 1M each kind of token can be charged (see PriceFloor). */
  floor: PriceFloor;
}

/**
 * Per kind of token, the lowest USD per 1M the cost model can charge it on this offering, whatever
 * the long-context tier applies: the lowest of the component's tier lines and its unconditional line,
 * or of the price it falls back to without one (cached and batch input fall back to input, batch
 * output to output). The float lower bound of a workload's cost (apiCostLowerBound) is built on it;
 * it is the cost itself for offerings without long-context tiers.
 */
export interface PriceFloor {
  input: number;
  cachedInput: number;
  batchInput: number;
  output: number;
  batchOutput: number;
}

/** Token amounts a month by how they are charged, for apiCostLowerBound. */
export interface TokenMix {
  input: number;
  cachedInput: number;
  batchInput: number;
  output: number;
  batchOutput: number;
}

/** The workload's tokens split as apiMonthlyCost charges them (batch share first, then the cached share of the rest). */
export function tokenMix(workload: { requestsPerMonth: number; inputTokensPerRequest: number; outputTokensPerRequest: number; cachedInputShare?: number; batchShare?: number }): TokenMix {
  const input = workload.requestsPerMonth * workload.inputTokensPerRequest;
  const output = workload.requestsPerMonth * workload.outputTokensPerRequest;
  const batch = workload.batchShare ?? 0;
  const cached = workload.cachedInputShare ?? 0;
  return {
    input: input * (1 - batch) * (1 - cached),
    cachedInput: input * (1 - batch) * cached,
    batchInput: input * batch,
    output: output * (1 - batch),
    batchOutput: output * batch,
  };
}

const LOWER_BOUND_SLACK = 1 - 1e-9;

/** A float lower bound of apiMonthlyCost on the catalog's index-th offering (slightly under it, so float rounding never puts it above). */
export function apiCostLowerBound(mix: TokenMix, columns: DecisionCatalog['columns'], index: number): number {
  return (
    ((mix.input * columns.input[index]! +
      mix.cachedInput * columns.cachedInput[index]! +
      mix.batchInput * columns.batchInput[index]! +
      mix.output * columns.output[index]! +
      mix.batchOutput * columns.batchOutput[index]!) /
      1_000_000) *
    LOWER_BOUND_SLACK
  );
}

export interface DeploymentProfileRow {
  id: number;
  modelSlug: string;
  gpuSlug: string;
  gpuName: string;
  gpusPerReplica: number;
  sustainedTokensPerSecond: string;
  infrastructureUsdPerMonth: string;
  runtime: string;
  source: string;
}

export interface GpuOffer {
  gpuSlug: string;
  providerSlug: string;
  providerName: string;
  pricingTier: string;
  usdPerHour: string;
  source: string;
}

export interface DecisionCatalog {
  models: Map<string, CatalogModel>;
  licenses: Map<string, LicenseRecord>;
  /** API offerings with an input and an output price in force, in id order. */
  offerings: ApiOffering[];
  /**
   * The offerings' hot fields as parallel arrays (index = position in `offerings`): a decision scans
   * all of them, and typed arrays scan in a millisecond where 50,000 objects do not.
   */
  columns: {
    /** Index into `modelList`. */
    model: Int32Array;
    /** Index into `providerList`. */
    provider: Int32Array;
    /** Entry of the offering: one per (provider, model); a provider may list a model under several ids. */
    entry: Int32Array;
    /** PriceFloor, by field. */
    input: Float64Array;
    cachedInput: Float64Array;
    batchInput: Float64Array;
    output: Float64Array;
    batchOutput: Float64Array;
  };
  modelList: CatalogModel[];
  providerList: string[];
  /** Offerings by entry: those of entry e are entryOfferings[entryStart[e] .. entryStart[e + 1]). */
  entryStart: Int32Array;
  entryOfferings: Int32Array;
  profiles: DeploymentProfileRow[];
  /** GPU slug -> its prices in force, cheapest first. */
  gpuOffers: Map<string, GpuOffer[]>;
  prices: { at: string; asOf: string | null; source: string | null };
}

export type CatalogParts = Omit<DecisionCatalog, 'columns' | 'modelList' | 'providerList' | 'entryStart' | 'entryOfferings'>;

/** Adds the column arrays and the entries; offerings of models not in `models` are dropped. */
export function assembleCatalog(parts: CatalogParts): DecisionCatalog {
  const modelList = [...parts.models.values()];
  const modelIndex = new Map(modelList.map((model, index) => [model.slug, index]));
  const providerIndex = new Map<string, number>();
  const entryIndex = new Map<string, number>();
  const offerings = parts.offerings.filter((offering) => modelIndex.has(offering.modelSlug));
  const count = offerings.length;
  const columns = {
    model: new Int32Array(count),
    provider: new Int32Array(count),
    entry: new Int32Array(count),
    input: new Float64Array(count),
    cachedInput: new Float64Array(count),
    batchInput: new Float64Array(count),
    output: new Float64Array(count),
    batchOutput: new Float64Array(count),
  };
  offerings.forEach((offering, index) => {
    let provider = providerIndex.get(offering.providerSlug);
    if (provider === undefined) providerIndex.set(offering.providerSlug, (provider = providerIndex.size));
    const entryKey = `${offering.providerSlug}\u0000${offering.modelSlug}`;
    let entry = entryIndex.get(entryKey);
    if (entry === undefined) entryIndex.set(entryKey, (entry = entryIndex.size));
    columns.model[index] = modelIndex.get(offering.modelSlug)!;
    columns.provider[index] = provider;
    columns.entry[index] = entry;
    columns.input[index] = offering.floor.input;
    columns.cachedInput[index] = offering.floor.cachedInput;
    columns.batchInput[index] = offering.floor.batchInput;
    columns.output[index] = offering.floor.output;
    columns.batchOutput[index] = offering.floor.batchOutput;
  });
  // Counting sort of the offerings by entry.
  const entryStart = new Int32Array(entryIndex.size + 1);
  for (let index = 0; index < count; index++) entryStart[columns.entry[index]! + 1]!++;
  for (let entry = 0; entry < entryIndex.size; entry++) entryStart[entry + 1]! += entryStart[entry]!;
  const next = entryStart.slice(0, entryIndex.size);
  const entryOfferings = new Int32Array(count);
  for (let index = 0; index < count; index++) entryOfferings[next[columns.entry[index]!]!++] = index;
  return { ...parts, offerings, columns, modelList, providerList: [...providerIndex.keys()], entryStart, entryOfferings };
}

/**
 * An API offering from its price lines, or null when it lacks an unconditional input or output
 * price (a per-token workload cannot be priced on it).
 */
export function apiOffering(base: Omit<ApiOffering, 'lines' | 'floor'>, lines: readonly PricedLine[]): ApiOffering | null {
  const unconditional = (component: string) => lines.find((line) => line.component === component && line.condition === null);
  if (!unconditional('input') || !unconditional('output')) return null;
  // What the cost model can charge a component: a long-context tier's line (a condition with
  // promptTokensAbove), else the unconditional line, else (for cached and batch tokens) the fallback.
  const floorOf = (component: string, fallback = Infinity) => {
    let lowest = Number(unconditional(component)?.usd ?? fallback);
    for (const line of lines) {
      if (line.component === component && line.condition !== null && 'promptTokensAbove' in line.condition) lowest = Math.min(lowest, Number(line.usd));
    }
    return lowest;
  };
  const input = floorOf('input');
  const output = floorOf('output');
  const floor: PriceFloor = {
    input,
    cachedInput: floorOf('cached_input', input),
    batchInput: floorOf('batch_input', input),
    output,
    batchOutput: floorOf('batch_output', output),
  };
  return { ...base, lines: [...lines], floor };
}
