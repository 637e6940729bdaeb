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
  /** Lowest USD per 1M over the input-side lines (input, cached, batch; any condition): a cost lower bound. */
  minInputUsd: number;
  /** Lowest USD per 1M over the output-side lines. */
  minOutputUsd: number;
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
  offerings: ApiOffering[];
  profiles: DeploymentProfileRow[];
  /** GPU slug -> its prices in force, cheapest first. */
  gpuOffers: Map<string, GpuOffer[]>;
  prices: { at: string; asOf: string | null; source: string | null };
}

const INPUT_SIDE = new Set(['input', 'cached_input', 'batch_input']);
const OUTPUT_SIDE = new Set(['output', 'batch_output']);

/**
 * An API offering from its price lines, or null when it lacks an unconditional input or output
 * price (a per-token workload cannot be priced on it).
 */
export function apiOffering(
  base: Omit<ApiOffering, 'lines' | 'minInputUsd' | 'minOutputUsd'>,
  lines: readonly PricedLine[],
): ApiOffering | null {
  let hasInput = false;
  let hasOutput = false;
  let minInputUsd = Infinity;
  let minOutputUsd = Infinity;
  for (const line of lines) {
    const usd = Number(line.usd);
    if (INPUT_SIDE.has(line.component)) minInputUsd = Math.min(minInputUsd, usd);
    else if (OUTPUT_SIDE.has(line.component)) minOutputUsd = Math.min(minOutputUsd, usd);
    if (line.condition === null && line.component === 'input') hasInput = true;
    if (line.condition === null && line.component === 'output') hasOutput = true;
  }
  if (!hasInput || !hasOutput) return null;
  return { ...base, lines: [...lines], minInputUsd, minOutputUsd };
}
