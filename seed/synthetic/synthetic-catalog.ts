/**
 * A synthetic catalog at scale for the benchmark harness, deterministic from a seed number.
 *
 * Shapes (defaults): 5,000 models, 200 providers, 50,000 offerings, 1,000,000 price points over
 * the 3 years before `endDate`. Popularity is Zipf-like (a few models and providers carry many
 * offerings); most offerings see 1-20 price changes, about 1% see hundreds; every offering has
 * input and output lines, some cached_input / batch / cache_write lines, some conditional lines
 * ({"promptTokensAbove":200000}); a few points tie on valid_from from two sources. It references
 * the curated seed's licenses, creators, benchmarks and GPU types (load the seed first).
 *
 * Generation is pure: `generateSyntheticCatalog(options, seed)` returns the entities, and
 * `pricePointRows(catalog)` streams the price points as COPY text lines without holding them.
 */
import type { CatalogSeed } from '../catalog.schema.js';
import { Rng, WeightedTable, zipfWeights } from './prng.js';

export interface SyntheticOptions {
  seed: number;
  models: number;
  providers: number;
  offerings: number;
  pricePoints: number;
  /** Last day of the price history (exclusive), YYYY-MM-DD; fixed so a seed always gives the same data. */
  endDate: string;
  /** Length of the price history in years. */
  years: number;
}

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = {
  seed: 42,
  models: 5_000,
  providers: 200,
  offerings: 50_000,
  pricePoints: 1_000_000,
  endDate: '2026-11-01',
  years: 3,
};

/** The small catalog of `npm run bench -- --quick`. */
export const QUICK_SYNTHETIC_OPTIONS: SyntheticOptions = {
  ...DEFAULT_SYNTHETIC_OPTIONS,
  models: 500,
  providers: 40,
  offerings: 5_000,
  pricePoints: 100_000,
};

/** Offering ids start here (the curated seed's own offerings stay below). */
export const SYNTHETIC_OFFERING_ID_BASE = 100_000;

/** Price point sources, with how often an offering's history comes from each. */
const PRICE_SOURCES: readonly (readonly [string, number])[] = [
  ['litellm', 5],
  ['provider-page', 3],
  ['openrouter', 2],
  ['models.dev', 2],
];

const FAMILY_WORDS = [
  'aurora', 'nimbus', 'falcon', 'orca', 'comet', 'atlas', 'zephyr', 'helix', 'lumen', 'quark',
  'sable', 'tundra', 'vertex', 'willow', 'ember', 'cobalt', 'delta', 'fjord', 'granite', 'harbor',
  'iris', 'juniper', 'kestrel', 'lynx', 'mistral-x', 'nova', 'onyx', 'pylon', 'quill', 'raven',
  'sierra', 'topaz', 'umbra', 'vega', 'wren', 'xenon', 'yarrow', 'zenith', 'basalt', 'cinder',
];
const PROVIDER_WORDS = [
  'cloud', 'infer', 'hosted', 'serve', 'compute', 'stack', 'grid', 'forge', 'flux', 'relay',
  'spark', 'core', 'pulse', 'edge', 'nexus', 'orbit', 'swift', 'prime', 'scale', 'fabric',
];
const COUNTRIES = ['US', 'FR', 'CN', 'GB', 'DE', 'CA', 'IL', 'KR', 'JP', 'AE'];
const OPEN_SIZES_B = [0.5, 1, 1.5, 3, 7, 8, 9, 12, 14, 22, 27, 32, 34, 70, 72, 110, 123, 236, 405, 671];
const CLOSED_TIERS = ['mini', 'flash', 'pro', 'ultra', 'turbo', 'haiku', 'sonnet', 'opus'];
const CONTEXT_WINDOWS: readonly (readonly [number, number])[] = [
  [4096, 1], [8192, 3], [32768, 6], [128000, 10], [131072, 5], [200000, 3], [1000000, 1], [2000000, 0.3],
];
const ID_SUFFIXES = ['-turbo', '-fp8', '-instruct', ':free', '-v2', '-lite', '-batch', '-int4'];
const DAY_MS = 86_400_000;

export interface SyntheticCreator {
  slug: string;
  name: string;
  url: string;
  country: string;
}

export interface SyntheticModel {
  index: number;
  slug: string;
  name: string;
  family: string;
  creatorSlug: string;
  kind: 'closed' | 'open-weights';
  status: 'active' | 'deprecated' | 'discovered';
  parametersB: number | null;
  activeParametersB: number | null;
  contextWindow: number;
  maxOutputTokens: number;
  inputModalities: string[];
  outputModalities: string[];
  releaseDate: string;
  knowledgeCutoff: string;
  licenseId: string;
  huggingFaceId: string | null;
  description: string | null;
  alias: string;
}

export interface SyntheticProvider {
  slug: string;
  name: string;
  kinds: string[];
  url: string;
  pricingModel: string;
  idStyle: 'hf' | 'slug' | 'accounts' | 'vendor';
}

export interface PriceLine {
  component: string;
  /** Canonical condition JSON ("" when none), as src/prices/price-line.ts conditionKey() writes it. */
  conditionKey: string;
  /** Starting price, USD per 1M tokens. */
  usd: number;
  /** Moves with the input price (true) or the output price (false) when a change touches it. */
  followsInput: boolean;
}

export interface SyntheticOffering {
  index: number;
  id: number;
  providerSlug: string;
  modelSlug: string;
  providerModelId: string;
  status: 'listed' | 'unlisted';
  listedAt: number;
  unlistedAt: number | null;
  toolCalling: boolean | null;
  structuredOutput: boolean | null;
  promptCaching: boolean;
  batch: boolean;
  fineTuning: boolean | null;
  vision: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  latencyMsP50: number | null;
  throughput: number | null;
  source: string;
  sourceUrl: string;
  lines: PriceLine[];
  /** Exactly how many price points this offering gets. */
  pointBudget: number;
  /** Sampled number of price changes before the budgets were normalized to the requested total. */
  sampledChanges: number;
}

export interface SyntheticBenchmarkResult {
  modelSlug: string;
  benchmarkSlug: string;
  score: string;
  measuredOn: string;
}

export interface SyntheticGpuPrice {
  gpuSlug: string;
  providerSlug: string;
  pricingTier: string;
  usdPerHour: string;
  validFrom: number;
}

export interface SyntheticDeploymentProfile {
  modelSlug: string;
  gpuSlug: string;
  gpusPerReplica: number;
  sustainedTokensPerSecond: string;
  runtime: string;
  infrastructureUsdPerMonth: string;
}

export interface SyntheticCatalog {
  options: SyntheticOptions;
  startMs: number;
  endMs: number;
  creators: SyntheticCreator[];
  models: SyntheticModel[];
  providers: SyntheticProvider[];
  offerings: SyntheticOffering[];
  benchmarkResults: SyntheticBenchmarkResult[];
  gpuPrices: SyntheticGpuPrice[];
  deploymentProfiles: SyntheticDeploymentProfile[];
}

/** Options from defaults (or the quick set), a `--scale` factor on price points, and overrides. */
export function resolveSyntheticOptions(
  overrides: Partial<SyntheticOptions> = {},
  { quick = false, scale = 1 }: { quick?: boolean; scale?: number } = {},
): SyntheticOptions {
  const base = quick ? QUICK_SYNTHETIC_OPTIONS : DEFAULT_SYNTHETIC_OPTIONS;
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${scale}`);
  const options = { ...base, pricePoints: Math.round(base.pricePoints * scale), ...overrides };
  for (const key of ['models', 'providers', 'offerings', 'pricePoints'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`${key} must be a positive integer`);
  }
  if (options.pricePoints < options.offerings * 2) {
    throw new Error(`pricePoints (${options.pricePoints}) must be at least 2 per offering (${options.offerings * 2})`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate)) throw new Error('endDate must be YYYY-MM-DD');
  return options;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const titleCase = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A decimal string without exponent or trailing zeros, at most `digits` decimals. */
export function decimal(value: number, digits = 6): string {
  const fixed = Math.max(value, 10 ** -digits).toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

function generateCreators(options: SyntheticOptions): SyntheticCreator[] {
  const count = Math.max(5, Math.min(40, Math.round(options.models / 125)));
  return Array.from({ length: count }, (_, i) => {
    const rng = Rng.for(options.seed, 'creator', i);
    const word = FAMILY_WORDS[(i * 7) % FAMILY_WORDS.length]!;
    return {
      slug: `syn-${word}-labs-${i}`,
      name: `${titleCase(word)} Labs ${i}`,
      url: `https://${word}-labs-${i}.example`,
      country: rng.pick(COUNTRIES),
    };
  });
}

function generateModels(options: SyntheticOptions, seed: CatalogSeed, creators: SyntheticCreator[], startMs: number, endMs: number) {
  const creatorChoices: [string, number][] = [
    ...seed.creators.map((c) => [c.slug, 4] as [string, number]),
    ...creators.map((c) => [c.slug, 1] as [string, number]),
  ];
  const proprietary = seed.licenses.filter((l) => l.category === 'proprietary').map((l) => l.id);
  const open = seed.licenses.filter((l) => l.category !== 'proprietary').map((l) => l.id);
  const openWeights: [string, number][] = open.map((id) => [id, /^(Apache-2\.0|MIT|llama-3\.[13]|qwen)$/.test(id) ? 4 : 1]);
  const models: SyntheticModel[] = [];
  for (let i = 0; i < options.models; i++) {
    const rng = Rng.for(options.seed, 'model', i);
    const creatorSlug = rng.weighted(creatorChoices);
    const isOpen = rng.chance(0.45);
    const family = rng.pick(FAMILY_WORDS);
    const major = rng.int(1, 5);
    const minor = rng.int(0, 9);
    const tag = String(i).padStart(5, '0');
    let parametersB: number | null = null;
    let activeParametersB: number | null = null;
    let sizeTag: string;
    if (isOpen) {
      parametersB = rng.pick(OPEN_SIZES_B);
      if (parametersB >= 20 && rng.chance(0.2)) activeParametersB = Math.round(parametersB * rng.range(0.05, 0.25) * 10) / 10;
      sizeTag = `${String(parametersB).replace('.', '-')}b`;
    } else {
      sizeTag = rng.pick(CLOSED_TIERS);
      if (rng.chance(0.15)) parametersB = rng.pick([20, 70, 175, 300, 1000]);
    }
    const releaseMs = startMs - 180 * DAY_MS + Math.floor(rng.float() * (endMs - startMs + 166 * DAY_MS));
    const contextWindow = rng.weighted(CONTEXT_WINDOWS);
    const licenseId = isOpen
      ? rng.weighted(openWeights)
      : proprietary.find((id) => id === `proprietary-${creatorSlug}`) ?? rng.pick(proprietary);
    const inputModalities = ['text', ...(rng.chance(0.35) ? ['image'] : []), ...(rng.chance(0.05) ? ['audio'] : [])];
    const slug = `syn-${family}-${major}-${minor}-${sizeTag}-${tag}`;
    const name = `${titleCase(family)} ${major}.${minor} ${sizeTag.toUpperCase().replace('-', '.')}${isOpen ? ' Instruct' : ''} #${tag}`;
    const statusRoll = rng.float();
    models.push({
      index: i,
      slug,
      name,
      family: titleCase(family),
      creatorSlug,
      kind: isOpen ? 'open-weights' : 'closed',
      status: statusRoll < 0.85 ? 'active' : statusRoll < 0.95 ? 'deprecated' : 'discovered',
      parametersB,
      activeParametersB,
      contextWindow,
      maxOutputTokens: Math.min(contextWindow, rng.pick([4096, 8192, 16384, 32768, 65536])),
      inputModalities,
      outputModalities: ['text', ...(rng.chance(0.03) ? ['image'] : [])],
      releaseDate: isoDay(releaseMs),
      knowledgeCutoff: isoDay(releaseMs - rng.int(120, 400) * DAY_MS).slice(0, 7),
      licenseId,
      huggingFaceId: isOpen ? `${creatorSlug}/${titleCase(family)}-${major}.${minor}-${sizeTag.toUpperCase()}-${tag}` : null,
      description: rng.chance(0.6) ? `Synthetic ${isOpen ? 'open-weights' : 'closed'} model ${i} of the ${titleCase(family)} family.` : null,
      alias: `${creatorSlug}/${family}-${major}.${minor}-${sizeTag}-instruct-${tag}`,
    });
  }
  return models;
}

function generateProviders(options: SyntheticOptions): SyntheticProvider[] {
  return Array.from({ length: options.providers }, (_, i) => {
    const rng = Rng.for(options.seed, 'provider', i);
    const kinds = rng.weighted<string[]>([
      [['inference-host'], 60],
      [['cloud', 'inference-host'], 18],
      [['closed-lab'], 10],
      [['gpu-cloud'], 12],
    ]);
    const word = PROVIDER_WORDS[i % PROVIDER_WORDS.length]!;
    const slug = `syn-${word}-${i}`;
    return {
      slug,
      name: `${titleCase(word)} ${i}`,
      kinds,
      url: `https://${slug}.example`,
      pricingModel: kinds.includes('gpu-cloud') ? 'per-gpu-hour' : 'per-token',
      idStyle: rng.pick(['hf', 'slug', 'accounts', 'vendor'] as const),
    };
  });
}

/** Starting token prices of an offering, USD per 1M tokens, from the model's size and kind. */
function basePrices(rng: Rng, model: SyntheticModel): { input: number; output: number } {
  let input: number;
  if (model.kind === 'open-weights' && model.parametersB !== null) {
    const effective = model.activeParametersB ? (model.parametersB + model.activeParametersB * 3) / 4 : model.parametersB;
    input = 0.012 * Math.pow(effective, 0.85) * rng.range(0.6, 1.6);
  } else {
    input = rng.logRange(0.05, 15);
  }
  input = Math.max(0.01, input);
  const output = input * (model.kind === 'closed' ? rng.range(1.5, 5) : rng.range(1, 1.6));
  return { input, output };
}

function priceLines(rng: Rng, model: SyntheticModel, offering: { promptCaching: boolean; batch: boolean }): PriceLine[] {
  const { input, output } = basePrices(rng, model);
  const lines: PriceLine[] = [
    { component: 'input', conditionKey: '', usd: input, followsInput: true },
    { component: 'output', conditionKey: '', usd: output, followsInput: false },
  ];
  if (offering.promptCaching) {
    lines.push({ component: 'cached_input', conditionKey: '', usd: input * rng.range(0.1, 0.5), followsInput: true });
    if (rng.chance(0.15)) lines.push({ component: 'cache_write', conditionKey: '', usd: input * 1.25, followsInput: true });
  }
  if (offering.batch) {
    lines.push({ component: 'batch_input', conditionKey: '', usd: input * 0.5, followsInput: true });
    lines.push({ component: 'batch_output', conditionKey: '', usd: output * 0.5, followsInput: false });
  }
  if (model.contextWindow > 200_000 && rng.chance(0.4)) {
    const key = JSON.stringify({ promptTokensAbove: 200000 });
    lines.push({ component: 'input', conditionKey: key, usd: input * 2, followsInput: true });
    lines.push({ component: 'output', conditionKey: key, usd: output * 1.5, followsInput: false });
  }
  return lines;
}

function providerModelId(provider: SyntheticProvider, model: SyntheticModel): string {
  switch (provider.idStyle) {
    case 'hf':
      return model.huggingFaceId ?? `${model.creatorSlug}/${model.slug}`;
    case 'slug':
      return model.slug;
    case 'accounts':
      return `accounts/${provider.slug}/models/${model.slug}`;
    case 'vendor':
      return `${model.creatorSlug}.${model.slug}-v1:0`;
  }
}

function generateOfferings(
  options: SyntheticOptions,
  models: SyntheticModel[],
  providers: SyntheticProvider[],
  startMs: number,
  endMs: number,
): SyntheticOffering[] {
  const shapeRng = Rng.for(options.seed, 'popularity');
  const modelWeights = zipfWeights(models.length, 0.8, 50, shapeRng).map((weight, i) => {
    const model = models[i]!;
    return weight * (model.status === 'discovered' ? 0.1 : 1) * (model.kind === 'open-weights' ? 1.5 : 1);
  });
  const tokenProviders = providers.filter((p) => !p.kinds.includes('gpu-cloud'));
  if (tokenProviders.length === 0) throw new Error('no provider serves tokens: raise --providers');
  const providerWeights = zipfWeights(tokenProviders.length, 0.7, 5, shapeRng);
  const modelTable = new WeightedTable(modelWeights);
  const providerTable = new WeightedTable(providerWeights);
  const taken = new Set<string>();
  const offerings: SyntheticOffering[] = [];
  for (let j = 0; j < options.offerings; j++) {
    const rng = Rng.for(options.seed, 'offering', j);
    const model = models[modelTable.sample(rng)]!;
    const provider = tokenProviders[providerTable.sample(rng)]!;
    let id = providerModelId(provider, model);
    for (let n = 0; taken.has(`${provider.slug}\u0000${id}`); n++) {
      id = `${providerModelId(provider, model)}${ID_SUFFIXES[n % ID_SUFFIXES.length]}${n >= ID_SUFFIXES.length ? `-${n}` : ''}`;
    }
    taken.add(`${provider.slug}\u0000${id}`);
    const releaseMs = Date.parse(`${model.releaseDate}T00:00:00Z`);
    const listedAt = Math.min(Math.max(releaseMs, startMs) + Math.floor(rng.float() ** 2 * 120 * DAY_MS), endMs - 2 * DAY_MS);
    const unlisted = rng.chance(model.status === 'deprecated' ? 0.4 : 0.05);
    const unlistedAt = unlisted ? listedAt + Math.floor(rng.float() * (endMs - DAY_MS - listedAt)) : null;
    const promptCaching = rng.chance(0.35);
    const batch = rng.chance(0.15);
    const lines = priceLines(rng, model, { promptCaching, batch });
    const sampledChanges = rng.chance(0.01) ? rng.int(100, 500) : 1 + Math.floor(19 * rng.float() ** 2.2);
    const source = rng.weighted(PRICE_SOURCES);
    offerings.push({
      index: j,
      id: SYNTHETIC_OFFERING_ID_BASE + j,
      providerSlug: provider.slug,
      modelSlug: model.slug,
      providerModelId: id,
      status: unlisted ? 'unlisted' : 'listed',
      listedAt,
      unlistedAt,
      toolCalling: rng.chance(0.1) ? null : rng.chance(0.6),
      structuredOutput: rng.chance(0.2) ? null : rng.chance(0.5),
      promptCaching,
      batch,
      fineTuning: rng.chance(0.3) ? null : rng.chance(0.15),
      vision: model.inputModalities.includes('image'),
      contextWindow: rng.chance(0.2) ? Math.min(model.contextWindow, 32768) : model.contextWindow,
      maxOutputTokens: model.maxOutputTokens,
      latencyMsP50: rng.chance(0.5) ? rng.int(80, 2500) : null,
      throughput: rng.chance(0.5) ? Math.round(rng.range(20, 900) * 100) / 100 : null,
      source,
      sourceUrl: `https://${provider.slug}.example/pricing`,
      lines,
      pointBudget: 0,
      sampledChanges,
    });
  }
  assignPointBudgets(offerings, options.pricePoints);
  return offerings;
}

/**
 * Spreads exactly `total` points over the offerings in proportion to their sampled number of
 * changes (each change writes about 2.3 points: input and output, sometimes more lines), at
 * least 2 points (input and output) each.
 */
function assignPointBudgets(offerings: SyntheticOffering[], total: number): void {
  const raw = offerings.map((o) => o.lines.length + (o.sampledChanges - 1) * 2.3);
  const floor = 2;
  const spare = total - floor * offerings.length;
  const rawSpare = raw.reduce((sum, r) => sum + Math.max(0, r - floor), 0);
  let assigned = 0;
  offerings.forEach((offering, i) => {
    offering.pointBudget = floor + Math.floor(rawSpare > 0 ? (Math.max(0, raw[i]! - floor) * spare) / rawSpare : spare / offerings.length);
    assigned += offering.pointBudget;
  });
  // Rounding leftovers, one point each, spread deterministically.
  for (let i = 0; assigned < total; i = (i + 7919) % offerings.length) {
    offerings[i]!.pointBudget++;
    assigned++;
  }
}

function generateBenchmarkResults(options: SyntheticOptions, seed: CatalogSeed, models: SyntheticModel[]): SyntheticBenchmarkResult[] {
  const known = new Set(seed.benchmarks.map((b) => b.slug));
  const others = ['gpqa-diamond', 'humaneval', 'mmlu-pro', 'math-500', 'lmarena', 'math'].filter((slug) => known.has(slug));
  const results: SyntheticBenchmarkResult[] = [];
  for (const model of models) {
    const rng = Rng.for(options.seed, 'benchmarks', model.index);
    const chosen = new Set<string>();
    if (known.has('mmlu') && rng.chance(0.9)) chosen.add('mmlu');
    while (chosen.size < 3 && chosen.size < others.length) chosen.add(rng.pick(others));
    // Bigger models score higher, with noise.
    const size = model.parametersB ?? (model.kind === 'closed' ? 300 : 30);
    const skill = Math.min(1, Math.max(0, 0.25 + 0.12 * Math.log10(size + 1) + rng.range(-0.15, 0.2)));
    for (const benchmark of chosen) {
      const score = benchmark === 'lmarena' ? 1000 + skill * 420 + rng.range(-30, 30) : Math.min(97, 25 + skill * 68 + rng.range(-8, 8));
      results.push({
        modelSlug: model.slug,
        benchmarkSlug: benchmark,
        score: decimal(Math.max(1, score), 1),
        measuredOn: model.releaseDate,
      });
    }
  }
  return results;
}

function generateGpuPrices(options: SyntheticOptions, seed: CatalogSeed, providers: SyntheticProvider[], startMs: number, endMs: number) {
  const prices: SyntheticGpuPrice[] = [];
  const gpuClouds = providers.filter((p) => p.kinds.includes('gpu-cloud'));
  gpuClouds.forEach((provider, p) => {
    const rng = Rng.for(options.seed, 'gpu-cloud', p);
    const gpus = rng.shuffle(seed.gpuTypes).slice(0, rng.int(3, Math.min(7, seed.gpuTypes.length)));
    for (const gpu of gpus) {
      const tiers = ['on-demand', ...(rng.chance(0.4) ? ['spot'] : []), ...(rng.chance(0.2) ? ['reserved-1y'] : [])];
      for (const tier of tiers) {
        let usd = 0.03 * gpu.memoryGb * rng.range(0.7, 1.5) * (tier === 'spot' ? 0.5 : tier === 'reserved-1y' ? 0.7 : 1);
        const changes = rng.int(1, 12);
        const times = Array.from({ length: changes }, () => startMs + Math.floor(rng.float() * (endMs - startMs - DAY_MS))).sort((a, b) => a - b);
        for (const validFrom of times) {
          prices.push({ gpuSlug: gpu.slug, providerSlug: provider.slug, pricingTier: tier, usdPerHour: decimal(usd, 4), validFrom });
          usd *= rng.chance(0.75) ? rng.range(0.75, 0.98) : rng.range(1.02, 1.2);
        }
      }
    }
  });
  return prices;
}

function generateDeploymentProfiles(options: SyntheticOptions, seed: CatalogSeed, models: SyntheticModel[]) {
  const gpus = new Set(seed.gpuTypes.map((g) => g.slug));
  const profiles: SyntheticDeploymentProfile[] = [];
  for (const model of models) {
    if (model.kind !== 'open-weights' || model.parametersB === null) continue;
    const rng = Rng.for(options.seed, 'deployment', model.index);
    if (!rng.chance(0.25)) continue;
    const size = model.parametersB;
    const candidates: [string, number][] =
      size <= 9 ? [['l4', 1], ['a10g', 1], ['a100-80gb', 1]]
      : size <= 34 ? [['a100-80gb', 1], ['h100-80gb', 1], ['l40s', 2]]
      : size <= 80 ? [['a100-80gb', 4], ['h100-80gb', 2], ['h200-141gb', 1]]
      : size <= 130 ? [['h100-80gb', 4], ['a100-80gb', 8], ['mi300x', 2]]
      : [['h100-80gb', 8], ['h200-141gb', 8], ['mi300x', 8]];
    const usable = candidates.filter(([gpu]) => gpus.has(gpu));
    const chosen = rng.shuffle(usable).slice(0, rng.int(1, 2));
    for (const [gpu, count] of chosen) {
      const perReplica = (2_000_000 / Math.pow(model.activeParametersB ?? size, 0.9)) * count * rng.range(0.02, 0.05);
      profiles.push({
        modelSlug: model.slug,
        gpuSlug: gpu,
        gpusPerReplica: count,
        sustainedTokensPerSecond: decimal(Math.max(50, perReplica), 0),
        runtime: rng.pick(['vllm', 'sglang', 'tgi']),
        infrastructureUsdPerMonth: decimal(rng.pick([200, 300, 500, 800]), 0),
      });
    }
  }
  return profiles;
}

export function generateSyntheticCatalog(options: SyntheticOptions, seed: CatalogSeed): SyntheticCatalog {
  const endMs = Date.parse(`${options.endDate}T00:00:00Z`);
  const startMs = endMs - Math.round(options.years * 365.25) * DAY_MS;
  const creators = generateCreators(options);
  const models = generateModels(options, seed, creators, startMs, endMs);
  const providers = generateProviders(options);
  const offerings = generateOfferings(options, models, providers, startMs, endMs);
  return {
    options,
    startMs,
    endMs,
    creators,
    models,
    providers,
    offerings,
    benchmarkResults: generateBenchmarkResults(options, seed, models),
    gpuPrices: generateGpuPrices(options, seed, providers, startMs, endMs),
    deploymentProfiles: generateDeploymentProfiles(options, seed, models),
  };
}

/** One price point before formatting. */
export interface SyntheticPricePoint {
  offeringId: number;
  component: string;
  conditionKey: string;
  usd: number | null;
  validFrom: number;
  observedAt: number;
  source: string;
}

/**
 * The price history of one offering, oldest first: exactly `pointBudget` points. The first change
 * lists every line; later ones move input and output (usually together, mostly down), sometimes
 * the other lines; about 2% of changes also bring a second source's point at the same instant.
 * An unlisted offering's last change may withdraw the lines it touches (NULL price).
 */
export function offeringPricePoints(catalog: SyntheticCatalog, offering: SyntheticOffering): SyntheticPricePoint[] {
  const rng = Rng.for(catalog.options.seed, 'prices', offering.index);
  const lines = offering.lines.map((line) => ({ ...line }));
  type Touch = { line: number; altSource: boolean };
  const events: Touch[][] = [];
  let remaining = offering.pointBudget;
  const first = lines.slice(0, remaining).map((_, line) => ({ line, altSource: false }));
  events.push(first);
  remaining -= first.length;
  while (remaining > 0) {
    const touched: Touch[] = [];
    const roll = rng.float();
    if (roll < 0.8 || roll >= 0.9) touched.push({ line: 0, altSource: false });
    if (roll < 0.9) touched.push({ line: 1, altSource: false });
    for (let l = 2; l < lines.length; l++) if (rng.chance(0.25)) touched.push({ line: l, altSource: false });
    if (rng.chance(0.02)) touched.push({ line: 0, altSource: true });
    events.push(touched.slice(0, remaining));
    remaining -= Math.min(touched.length, remaining);
  }
  // Change instants, strictly increasing, between listing and the end of the window.
  const horizon = Math.max(offering.listedAt + events.length, catalog.endMs - 3_600_000);
  const times = [offering.listedAt];
  const later = Array.from({ length: events.length - 1 }, () => offering.listedAt + 1 + Math.floor(rng.float() * (horizon - offering.listedAt - 1)));
  later.sort((a, b) => a - b);
  for (const t of later) times.push(Math.max(t, times[times.length - 1]! + 1));

  const alternates = PRICE_SOURCES.map(([source]) => source).filter((source) => source !== offering.source);
  const points: SyntheticPricePoint[] = [];
  events.forEach((touched, e) => {
    const validFrom = times[e]!;
    const observedAt = validFrom + Math.floor(rng.float() * 2 * DAY_MS);
    const withdraw = offering.status === 'unlisted' && e === events.length - 1 && e > 0 && rng.chance(0.5);
    if (e > 0) {
      // One move for the input side and one for the output side, mostly price cuts.
      const move = () => (rng.chance(0.72) ? rng.range(0.6, 0.98) : rng.range(1.02, 1.3));
      const inputMove = move();
      const outputMove = rng.chance(0.7) ? inputMove : move();
      for (const { line, altSource } of touched) {
        if (altSource) continue;
        lines[line]!.usd *= lines[line]!.followsInput ? inputMove : outputMove;
      }
    }
    for (const { line, altSource } of touched) {
      const current = lines[line]!;
      points.push({
        offeringId: offering.id,
        component: current.component,
        conditionKey: current.conditionKey,
        usd: withdraw ? null : altSource ? current.usd * rng.range(0.95, 1.05) : current.usd,
        validFrom,
        observedAt,
        source: altSource ? rng.pick(alternates) : offering.source,
      });
    }
  });
  return points;
}

// ---- COPY text formatting -------------------------------------------------------------------

/** A value in COPY text format: \N for NULL, backslash escapes for the special characters. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A text[] literal for COPY: {a,b}. The values here never need quoting. */
export function copyArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

export function copyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(copyValue).join('\t') + '\n';
}

export const PRICE_POINT_COLUMNS = [
  'offering_id', 'component', 'unit', 'condition_key', 'condition', 'usd', 'valid_from', 'observed_at', 'source', 'source_url',
] as const;

/** Every price point of the catalog as COPY text, in chunks of about `chunkBytes`; nothing is kept. */
export function* pricePointChunks(catalog: SyntheticCatalog, chunkBytes = 1 << 20): Generator<string> {
  let chunk = '';
  for (const offering of catalog.offerings) {
    const url = copyValue(offering.sourceUrl);
    for (const point of offeringPricePoints(catalog, offering)) {
      const condition = point.conditionKey === '' ? '\\N' : point.conditionKey;
      chunk +=
        `${point.offeringId}\t${point.component}\t1M tokens\t${point.conditionKey}\t${condition}\t` +
        `${point.usd === null ? '\\N' : decimal(point.usd, 6)}\t${new Date(point.validFrom).toISOString()}\t` +
        `${new Date(point.observedAt).toISOString()}\t${point.source}\t${url}\n`;
    }
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Counts that describe the shape of the generated history (for the CLI's summary). */
export function describeShape(catalog: SyntheticCatalog) {
  const budgets = catalog.offerings.map((o) => o.pointBudget).sort((a, b) => a - b);
  const at = (q: number) => budgets[Math.min(budgets.length - 1, Math.floor(q * budgets.length))]!;
  const changes = catalog.offerings.map((o) => o.sampledChanges);
  return {
    pointsPerOffering: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: budgets[budgets.length - 1] },
    offeringsWith1to20Changes: changes.filter((c) => c <= 20).length,
    offeringsWithHundredsOfChanges: changes.filter((c) => c >= 100).length,
  };
}
