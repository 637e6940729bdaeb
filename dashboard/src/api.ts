/**
 * The dashboard's only data source: the public GraphQL API at POST /graphql (same origin).
 * When the service requires a key for reads, the key the user typed is sent as x-api-key.
 */

const KEY_STORAGE = 'model-ledger.apiKey';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key lasts until the page is reloaded.
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const key = apiKey();
  if (key) headers['x-api-key'] = key;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('The service did not answer: is it running?', 0);
  }
  const body = (await response.json().catch(() => null)) as (GraphqlResponse<T> & { message?: string }) | null;
  if (response.status === 401 || response.status === 403) {
    throw new ApiError(body?.message ?? 'This service requires an API key for reads', response.status, 'UNAUTHORIZED');
  }
  if (response.status === 429) throw new ApiError(body?.message ?? 'Too many requests: wait a minute', 429);
  const first = body?.errors?.[0];
  if (first) {
    const where = first.extensions?.argument ? ` (${first.extensions.argument})` : '';
    throw new ApiError(`${first.message}${where}`, response.status, first.extensions?.code);
  }
  if (!response.ok || !body?.data) throw new ApiError(body?.message ?? `The service answered ${response.status}`, response.status);
  return body.data;
}

// ------------------------------------------------------------------------------------------------
// Types of what the views ask for
// ------------------------------------------------------------------------------------------------

export interface LicenseSummary {
  id: string;
  name: string;
  commercialUse: string;
  userCapMau: number | null;
}

export interface ModelRow {
  slug: string;
  name: string;
  kind: string;
  status: string;
  parametersB: string | null;
  contextWindow: number | null;
  releaseDate: string | null;
  aliases: string[];
  license: LicenseSummary | null;
  mmlu: string | null;
  cheapestOffering: { provider: string; providerModelId: string; input: string; output: string | null } | null;
}

export interface ModelsPage {
  models: { nodes: ModelRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

export const MODELS_QUERY = `query Models($filter: ModelFilter, $sort: String, $first: Int, $after: String) {
  models(filter: $filter, sort: $sort, first: $first, after: $after) {
    nodes {
      slug name kind status parametersB contextWindow releaseDate aliases
      license { id name commercialUse userCapMau }
      mmlu: score(benchmark: "mmlu")
      cheapestOffering { provider providerModelId input output }
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const LICENSES_QUERY = `{ licenses { id name commercialUse userCapMau } }`;

export const MODEL_NAMES_QUERY = `query Names($after: String) {
  models(first: 50, after: $after, sort: "name") { nodes { slug name kind } pageInfo { endCursor hasNextPage } }
}`;

export const BENCHMARKS_QUERY = `{ benchmarks { slug name unit higherIsBetter } }`;

export interface PricePoint {
  id: string;
  component: string;
  usd: string | null;
  unit: string;
  condition: unknown;
  validFrom: string;
  source: string;
  sourceUrl: string | null;
}

export interface CurrentPrice {
  component: string;
  usd: string;
  unit: string;
  condition: unknown;
  source: string;
  sourceUrl: string | null;
  validFrom: string;
}

export interface ModelDetail {
  slug: string;
  name: string;
  kind: string;
  status: string;
  description: string | null;
  family: string | null;
  aliases: string[];
  parametersB: string | null;
  activeParametersB: string | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  releaseDate: string | null;
  knowledgeCutoff: string | null;
  inputModalities: string[];
  outputModalities: string[];
  huggingFaceId: string | null;
  creator: { name: string; url: string | null } | null;
  license: (LicenseSummary & { spdxId: string | null; category: string; url: string | null; terms: unknown }) | null;
  benchmarkResults: {
    benchmarkSlug: string;
    benchmark: { name: string; unit: string } | null;
    score: string;
    setting: string;
    source: string;
    sourceUrl: string | null;
    measuredOn: string | null;
  }[];
  offerings: {
    id: number;
    providerModelId: string;
    contextWindow: number | null;
    provider: { slug: string; name: string };
    features: Record<string, boolean | null>;
    currentPrices: CurrentPrice[];
    priceHistory: PricePoint[];
  }[];
}

export const MODEL_QUERY = `query Model($slug: String!) {
  model(slug: $slug) {
    slug name kind status description family aliases parametersB activeParametersB contextWindow maxOutputTokens
    releaseDate knowledgeCutoff inputModalities outputModalities huggingFaceId
    creator { name url }
    license { id name spdxId category commercialUse userCapMau url terms }
    benchmarkResults { benchmarkSlug benchmark { name unit } score setting source sourceUrl measuredOn }
    offerings {
      id providerModelId contextWindow
      provider { slug name }
      features { batch fineTuning promptCaching structuredOutput toolCalling vision }
      currentPrices { component usd unit condition source sourceUrl validFrom }
      priceHistory { id component usd unit condition validFrom source sourceUrl }
    }
  }
}`;

export interface LicenseReason {
  rule: string;
  verdict: string;
  clause: string;
  section: string;
  quote: string;
  url: string;
  message: string;
}

export interface LicenseCheck {
  verdict: string;
  obligations: string[];
  reasons: LicenseReason[];
}

export const LICENSE_CHECK_QUERY = `query LicenseCheck($input: LicenseCheckInput!) {
  licenseCheck(input: $input) { verdict obligations reasons { rule verdict clause section quote url message } }
}`;

export interface Comparison {
  compare: {
    rows: { field: string; values: Record<string, unknown> }[];
    models: { slug: string; name: string; providers: { provider: string; providerModelId: string; priceSource: string | null }[] }[];
    workload: Record<string, unknown>;
  };
}

export const COMPARE_QUERY = `query Compare($models: [String!]!, $workload: CompareWorkload) {
  compare(models: $models, workload: $workload) { rows { field values } models workload }
}`;

export interface DecisionOption {
  rank: number;
  tier: string;
  model: { slug: string; name: string; kind: string; parametersB: string | null };
  provider: { slug: string; name: string };
  offering: { id: number; providerModelId: string } | null;
  deployment: {
    gpu: { slug: string; name: string };
    gpusPerReplica: number;
    replicas: number;
    gpus: number;
    runtime: string;
    gpuPrice?: { provider: string; usdPerHour: string; source: string; pricingTier: string };
  } | null;
  monthlyCostUsd: string;
  breakdown: Record<string, unknown>;
  priceSources: string[];
  quality: { benchmark: string; score: string; source: string } | null;
  license: { id: string; name: string; version?: string; verdict: string; obligations: string[]; reasons: LicenseReason[] } | null;
  meetsAllConstraints: boolean;
  missedConstraints: { constraint: string; reason: string }[];
  preferredByRules: string[];
}

export interface Decision {
  decision: {
    options: DecisionOption[];
    recommendation: { tier: string; optionIndex: number; model: string; provider: string; monthlyCostUsd: string; meetsAllConstraints: boolean; rationale: string[] } | null;
    rules: { id: string; question: string; origin: string; effect: { kind: string; tiers?: string[] }; inputs: Record<string, unknown>; message: string }[];
    optionsConsidered: { total: number; byTier: Record<string, number> };
    prices: { asOf: string | null; source: string | null };
    workload: Record<string, unknown>;
  };
}

export const DECISION_QUERY = `query Decide($input: DecisionInput!) {
  decision(input: $input) {
    options {
      rank tier model provider offering deployment monthlyCostUsd breakdown priceSources quality license
      meetsAllConstraints missedConstraints preferredByRules
    }
    recommendation { tier optionIndex model provider monthlyCostUsd meetsAllConstraints rationale }
    rules { id question origin effect inputs message }
    optionsConsidered prices workload
  }
}`;

// ------------------------------------------------------------------------------------------------
// Small caches for lists every view reuses
// ------------------------------------------------------------------------------------------------

let licensesCache: Promise<LicenseSummary[]> | null = null;
export function licenses(): Promise<LicenseSummary[]> {
  licensesCache ??= gql<{ licenses: LicenseSummary[] }>(LICENSES_QUERY).then((data) => data.licenses);
  licensesCache.catch(() => (licensesCache = null));
  return licensesCache;
}

let benchmarksCache: Promise<{ slug: string; name: string; unit: string }[]> | null = null;
export function benchmarks(): Promise<{ slug: string; name: string; unit: string }[]> {
  benchmarksCache ??= gql<{ benchmarks: { slug: string; name: string; unit: string }[] }>(BENCHMARKS_QUERY).then((data) => data.benchmarks);
  benchmarksCache.catch(() => (benchmarksCache = null));
  return benchmarksCache;
}

let namesCache: Promise<{ slug: string; name: string; kind: string }[]> | null = null;
/** Every model's slug and name (for pickers), following the cursor. */
export function modelNames(): Promise<{ slug: string; name: string; kind: string }[]> {
  namesCache ??= (async () => {
    const all: { slug: string; name: string; kind: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 40; page++) {
      const data: { models: { nodes: { slug: string; name: string; kind: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } =
        await gql(MODEL_NAMES_QUERY, { after });
      all.push(...data.models.nodes);
      if (!data.models.pageInfo.hasNextPage || !data.models.pageInfo.endCursor) break;
      after = data.models.pageInfo.endCursor;
    }
    return all;
  })();
  namesCache.catch(() => (namesCache = null));
  return namesCache;
}
