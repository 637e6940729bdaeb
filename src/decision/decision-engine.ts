/**
 * The decision, as pure functions over the loaded catalog: every way to serve the workload (a closed
 * API offering, a hosted open-model offering, a self-hosted deployment profile with a GPU price), its
 * monthly cost by the cost model, the license verdict for the use, the constraints it meets, and the
 * framework's rules (decision-rules.ts) that rank them.
 */
import { compareDecimals, formatDecimal, toMoney } from '../common/money.js';
import {
  apiCostLowerBound,
  type ApiOffering,
  type CatalogModel,
  type DecisionCatalog,
  type DeploymentProfileRow,
  type GpuOffer,
  type ScoreFact,
  tokenMix,
} from './decision-catalog.js';
import {
  allowedTiers,
  evaluateFramework,
  FRAMEWORK_RULES,
  type DecisionFacts,
  type FiredRule,
  preferencePenalties,
  type Tier,
  TIERS,
} from './decision-rules.js';
import type { DecisionRequest, QualityInput, Selection, WorkloadSpec } from './decision.schemas.js';
import { apiMonthlyCost, type ApiCost, selfHostCostLowerBound, selfHostMonthlyCost, type SelfHostCost, type Workload } from './cost-model.js';
import { checkLicense, type LicenseCheckResult, type LicenseUse } from './license/license-check.js';
import { parseSpdxExpression } from './license/spdx-compatibility.js';
import { displayFact } from './rule-conditions.js';
import { topK } from './top-k.js';

/** The benchmark "best" and an absent quality are judged on: the article's quality column. */
export const DEFAULT_BENCHMARK = 'mmlu';

export interface Miss {
  /** The input field whose constraint the option misses: quality, license, dataSensitivity, needsFineTuning, budgetUsdPerMonth. */
  constraint: string;
  reason: string;
}

/**
 * A miss whose reason is worded only if it is read: a decision finds thousands of misses (every
 * model below the best score) and shows a dozen.
 */
function lazyMiss(constraint: string, reason: () => string): Miss {
  let text: string | undefined;
  return {
    constraint,
    get reason() {
      return (text ??= reason());
    },
  };
}

export interface ModelFilters {
  onlyModels: ReadonlySet<string> | null;
  excludeModels: ReadonlySet<string>;
  onlyProviders: ReadonlySet<string> | null;
  excludeProviders: ReadonlySet<string>;
}

export const NO_FILTERS: ModelFilters = { onlyModels: null, excludeModels: new Set(), onlyProviders: null, excludeProviders: new Set() };

/** Filters with model names already resolved to slugs (aliases are the repository's business). */
export function modelFilters(only: Selection | undefined, exclude: Selection | undefined, resolve: (name: string) => string): ModelFilters {
  return {
    onlyModels: only?.models ? new Set(only.models.map(resolve)) : null,
    excludeModels: new Set((exclude?.models ?? []).map(resolve)),
    onlyProviders: only?.providers ? new Set(only.providers) : null,
    excludeProviders: new Set(exclude?.providers ?? []),
  };
}

export interface EngineContext {
  workload: WorkloadSpec;
  quality: QualityInput | undefined;
  use: LicenseUse;
  hoursPerMonth: string;
  opsCostUsdPerMonth: string;
  filters: ModelFilters;
}

export interface LicenseView {
  id: string;
  name: string;
  version: string;
  verdict: LicenseCheckResult['verdict'];
  obligations: string[];
  reasons: LicenseCheckResult['reasons'];
}

/**
 * What the candidates of one model in one tier share: the score they are judged on, the license
 * verdict, the constraints missed whatever the cost. `misses` is replaced, never pushed to.
 */
export interface Group {
  index: number;
  tier: Tier;
  model: CatalogModel;
  score: ScoreFact | null;
  license: LicenseView | null;
  misses: readonly Miss[];
}

interface SelfHostedEntry {
  group: number;
  profile: DeploymentProfileRow;
  gpu: GpuOffer;
  /** Worked out (in decimals) the first time it is read: most deployments never reach the top. */
  readonly cost: SelfHostCost;
}

/**
 * Every way to serve the workload, by entry: one per (provider, model) of API offerings (a provider
 * may list a model under several ids: its cheapest counts), one per self-hosted deployment
 * (`entry = entryCount + i`). 50,000 offerings are scanned through the catalog's typed columns; only
 * the entries that can reach the top are priced exactly, and become objects.
 */
export interface CandidateSet {
  catalog: DecisionCatalog;
  workload: WorkloadSpec;
  groups: Group[];
  /** Entries present (not filtered out). */
  entries: number[];
  /** Per entry, its group (-1: filtered out). */
  entryGroup: Int32Array;
  /** Per entry, a lower bound of its cheapest option's monthly cost (exact for self-hosted options). */
  entryBound: Float64Array;
  /** Per API offering, a lower bound of its monthly cost. */
  offeringBound: Float64Array;
  selfHosted: SelfHostedEntry[];
  /** Offerings and deployments considered. */
  optionCount: number;
  /** Per entry, its cheapest offering once priced (the cost does not depend on constraints). */
  cheapestOfEntry: Map<number, { id: number; api: ApiCost | null; monthlyCostUsd: string }>;
}

/** One option, as an object. */
export interface Candidate {
  /** An API offering's index in the catalog, or -1 - i for the i-th self-hosted deployment. */
  id: number;
  tier: Tier;
  model: CatalogModel;
  offering: ApiOffering | null;
  deployment: { profile: DeploymentProfileRow; gpu: GpuOffer; cost: SelfHostCost } | null;
  score: ScoreFact | null;
  license: LicenseView | null;
  misses: readonly Miss[];
}

export interface Evaluated {
  candidate: Candidate;
  level: number;
  misses: readonly Miss[];
  monthlyCostUsd: string;
  cost: number;
  api: ApiCost | null;
}

const TIER_ORDER: Record<Tier, number> = { 'closed-api': 0, 'hosted-open': 1, 'self-hosted': 2 };
/** Level = constraints missed x MISS_WEIGHT + preference penalty (never reaches MISS_WEIGHT). */
const MISS_WEIGHT = 64;

export function qualityBenchmark(quality: QualityInput | undefined): string {
  return quality === undefined || quality === 'best' ? DEFAULT_BENCHMARK : quality.benchmark;
}

/** Checks the product license expression up front: an unknown SPDX id is an input error even if no option needs it. */
export function validateUse(use: LicenseUse): void {
  if (use.productLicense !== undefined) parseSpdxExpression(use.productLicense, 'use.productLicense');
}

/** Every option the catalog offers for the workload, with the constraints that do not depend on its cost. */
export function buildCandidates(catalog: DecisionCatalog, context: EngineContext): CandidateSet {
  const { filters, workload } = context;
  const benchmark = qualityBenchmark(context.quality);
  const modelAllowed = (slug: string) => (filters.onlyModels === null || filters.onlyModels.has(slug)) && !filters.excludeModels.has(slug);
  const providerAllowed = (slug: string) =>
    (filters.onlyProviders === null || filters.onlyProviders.has(slug)) && !filters.excludeProviders.has(slug);

  const licenses = new Map<string, LicenseView | null>();
  const licenseOf = (model: CatalogModel): LicenseView | null => {
    if (model.licenseId === null) return null;
    let view = licenses.get(model.licenseId);
    if (view === undefined) {
      const record = catalog.licenses.get(model.licenseId);
      if (record) {
        const result = checkLicense(record, context.use);
        view = { ...result.license, verdict: result.verdict, obligations: result.obligations, reasons: result.reasons };
      } else view = null;
      licenses.set(model.licenseId, view);
    }
    return view;
  };
  const staticMisses = (model: CatalogModel, score: ScoreFact | null, license: LicenseView | null): Miss[] => {
    const misses: Miss[] = [];
    if (context.quality !== undefined && context.quality !== 'best') {
      const { minScore } = context.quality;
      if (score === null) misses.push(lazyMiss('quality', () => `no ${benchmark} score on record for ${model.name}`));
      else if (score.value < minScore) misses.push(lazyMiss('quality', () => `${benchmark} ${score.score} is below ${minScore}`));
    }
    if (license === null) misses.push({ constraint: 'license', reason: `no license terms on record for ${model.name}` });
    else if (license.verdict === 'incompatible') {
      const reason = license.reasons.find((candidate) => candidate.verdict === 'incompatible') ?? license.reasons[0];
      misses.push({ constraint: 'license', reason: `the ${license.name} does not allow this use${reason ? `: ${reason.message} (${reason.section})` : ''}` });
    }
    return misses;
  };
  const groups: Group[] = [];
  const newGroup = (model: CatalogModel, tier: Tier): number => {
    const score = model.scores.get(benchmark) ?? null;
    const license = licenseOf(model);
    groups.push({ index: groups.length, tier, model, score, license, misses: staticMisses(model, score, license) });
    return groups.length - 1;
  };

  const { columns, modelList, providerList } = catalog;
  const modelOk = modelList.map((model) => modelAllowed(model.slug));
  const providerOk = providerList.map(providerAllowed);
  const apiGroupOfModel = new Int32Array(modelList.length).fill(-1);
  const count = catalog.offerings.length;
  const entryCount = catalog.entryStart.length - 1;
  const size = entryCount + catalog.profiles.length;
  const entryGroup = new Int32Array(size).fill(-1);
  const entryBound = new Float64Array(size).fill(Infinity);
  const offeringBound = new Float64Array(count);
  const mix = tokenMix(workload);
  const filtered = filters.onlyModels !== null || filters.onlyProviders !== null || filters.excludeModels.size > 0 || filters.excludeProviders.size > 0;
  const modelColumn = columns.model;
  const providerColumn = columns.provider;
  const entryColumn = columns.entry;
  let optionCount = 0;
  // The hot loop of a decision: typed arrays only.
  for (let index = 0; index < count; index++) {
    const model = modelColumn[index]!;
    if (filtered && (!modelOk[model] || !providerOk[providerColumn[index]!])) continue;
    let group = apiGroupOfModel[model]!;
    if (group === -1) {
      const found = modelList[model]!;
      group = apiGroupOfModel[model] = newGroup(found, found.kind === 'closed' ? 'closed-api' : 'hosted-open');
    }
    const entry = entryColumn[index]!;
    const bound = apiCostLowerBound(mix, columns, index);
    offeringBound[index] = bound;
    entryGroup[entry] = group;
    if (bound < entryBound[entry]!) entryBound[entry] = bound;
    optionCount++;
  }
  const entries: number[] = [];
  for (let entry = 0; entry < entryCount; entry++) if (entryGroup[entry] !== -1) entries.push(entry);

  const selfHosted: SelfHostedEntry[] = [];
  const selfGroupOfModel = new Map<string, number>();
  for (const profile of catalog.profiles) {
    if (!modelAllowed(profile.modelSlug)) continue;
    const model = catalog.models.get(profile.modelSlug);
    const gpu = catalog.gpuOffers.get(profile.gpuSlug)?.find((offer) => providerAllowed(offer.providerSlug));
    if (!model || !gpu) continue;
    const shape = {
      gpuSlug: profile.gpuSlug,
      gpusPerReplica: profile.gpusPerReplica,
      sustainedTokensPerSecond: profile.sustainedTokensPerSecond,
      infrastructureUsdPerMonth: profile.infrastructureUsdPerMonth,
    };
    const rates = { hoursPerMonth: context.hoursPerMonth, opsUsdPerMonth: context.opsCostUsdPerMonth };
    let group = selfGroupOfModel.get(model.slug);
    if (group === undefined) selfGroupOfModel.set(model.slug, (group = newGroup(model, 'self-hosted')));
    const entry = entryCount + selfHosted.length;
    entryGroup[entry] = group;
    entryBound[entry] = selfHostCostLowerBound(workload, shape, gpu.usdPerHour, rates);
    entries.push(entry);
    let cost: SelfHostCost | undefined;
    selfHosted.push({
      group,
      profile,
      gpu,
      get cost() {
        return (cost ??= selfHostMonthlyCost(workload, shape, gpu.usdPerHour, rates));
      },
    });
    optionCount++;
  }
  return { catalog, workload, groups, entries, entryGroup, entryBound, offeringBound, selfHosted, optionCount, cheapestOfEntry: new Map() };
}

export function groupOf(set: CandidateSet, entry: number): Group {
  return set.groups[set.entryGroup[entry]!]!;
}

/** The API offerings (catalog indexes) of an entry. */
export function offeringsOf(set: CandidateSet, entry: number): number[] {
  const { entryStart, entryOfferings } = set.catalog;
  return entry < entryStart.length - 1 ? [...entryOfferings.subarray(entryStart[entry]!, entryStart[entry + 1]!)] : [];
}

/** How many offerings or deployments an entry stands for. */
export function optionsIn(set: CandidateSet, entry: number): number {
  const { entryStart } = set.catalog;
  return entry < entryStart.length - 1 ? entryStart[entry + 1]! - entryStart[entry]! : 1;
}

/** An option as an object (see Candidate.id). */
export function candidateOf(set: CandidateSet, id: number): Candidate {
  const entry = id >= 0 ? set.catalog.columns.entry[id]! : set.catalog.entryStart.length - 1 + (-1 - id);
  const group = groupOf(set, entry);
  const deployment = id < 0 ? set.selfHosted[-1 - id]! : null;
  return {
    id,
    tier: group.tier,
    model: group.model,
    offering: deployment ? null : set.catalog.offerings[id]!,
    deployment: deployment && { profile: deployment.profile, gpu: deployment.gpu, cost: deployment.cost },
    score: group.score,
    license: group.license,
    misses: group.misses,
  };
}

/** The best option of an entry: its offerings by lower bound, priced exactly while one could still be cheaper. */
function evaluateEntry(set: CandidateSet, entry: number, level: number, budgetUsd: string | undefined): Evaluated {
  const { entryStart, entryOfferings } = set.catalog;
  if (entry >= entryStart.length - 1) {
    return evaluateExact(candidateOf(set, -1 - (entry - (entryStart.length - 1))), set.workload, level, budgetUsd);
  }
  // All offerings of an entry share a model, so a level: the cheapest is the best, whatever the level or budget.
  const known = set.cheapestOfEntry.get(entry);
  if (known) return evaluateExact(candidateOf(set, known.id), set.workload, level, budgetUsd, known);
  const from = entryStart[entry]!;
  const to = entryStart[entry + 1]!;
  let first = entryOfferings[from]!;
  for (let at = from + 1; at < to; at++) if (set.offeringBound[entryOfferings[at]!]! < set.offeringBound[first]!) first = entryOfferings[at]!;
  let best = evaluateExact(candidateOf(set, first), set.workload, level, budgetUsd);
  for (let at = from; at < to; at++) {
    const offering = entryOfferings[at]!;
    if (offering === first || set.offeringBound[offering]! >= best.cost) continue;
    const other = evaluateExact(candidateOf(set, offering), set.workload, level, budgetUsd);
    if (compareEvaluated(other, best) < 0) best = other;
  }
  set.cheapestOfEntry.set(entry, { id: best.candidate.id, api: best.api, monthlyCostUsd: best.monthlyCostUsd });
  return best;
}

/** The same candidates with groups of their own (their misses can then change without touching the original's). */
export function withOwnGroups(set: CandidateSet): CandidateSet {
  return { ...set, groups: set.groups.map((group) => ({ ...group })) };
}

/** With quality "best": options below the top score among those otherwise allowed miss the quality bar. */
export function applyBestQuality(set: CandidateSet, entries: readonly number[], benchmark: string): ScoreFact | null {
  // Every group has an entry: for all of them, no need to look at 50,000 entries.
  const present = entries === set.entries ? set.groups : [...new Set(entries.map((entry) => groupOf(set, entry)))];
  let leader: Group | null = null;
  let leaderAllowed = false;
  for (const group of present) {
    if (!group.score) continue;
    const allowed = group.misses.length === 0;
    if (!leader || (allowed && !leaderAllowed) || (allowed === leaderAllowed && group.score.value > leader.score!.value)) {
      leader = group;
      leaderAllowed = allowed;
    }
  }
  const top = leader?.score ?? null;
  if (top === null) return null;
  for (const group of present) {
    const { score } = group;
    if (score !== null && score.value >= top.value) continue;
    const reason = () =>
      score === null
        ? `no ${benchmark} score on record; the best available is ${top.score} (${leader!.model.name})`
        : `${benchmark} ${score.score} is below the best available, ${top.score} (${leader!.model.name})`;
    group.misses = [...group.misses, lazyMiss('quality', reason)];
  }
  return top;
}

export function evaluateExact(
  candidate: Candidate,
  workload: Workload,
  level: number,
  budgetUsd?: string,
  priced?: { api: ApiCost | null; monthlyCostUsd: string },
): Evaluated {
  let api: ApiCost | null = null;
  let monthlyCostUsd: string;
  if (priced) ({ api, monthlyCostUsd } = priced);
  else if (candidate.deployment) monthlyCostUsd = candidate.deployment.cost.monthlyCostUsd;
  else {
    api = apiMonthlyCost(workload, candidate.offering!.lines);
    monthlyCostUsd = api.monthlyCostUsd;
  }
  let misses = candidate.misses;
  let finalLevel = level;
  if (budgetUsd !== undefined && compareDecimals(monthlyCostUsd, budgetUsd) > 0) {
    misses = [...misses, { constraint: 'budgetUsdPerMonth', reason: `$${displayFact(monthlyCostUsd)}/month is over the $${displayFact(budgetUsd)} budget` }];
    finalLevel += MISS_WEIGHT;
  }
  return { candidate, level: finalLevel, misses, monthlyCostUsd, cost: Number(monthlyCostUsd), api };
}

/** Total order of evaluated options: level, cost, higher score, documented profile, then tier, model, provider, id. */
export function compareEvaluated(a: Evaluated, b: Evaluated): number {
  return (
    a.level - b.level ||
    // Number() keeps the order of decimals (a < b gives Number(a) <= Number(b)): the decimals decide
    // only a tie, and equal (canonical) strings are equal without parsing them.
    (a.cost !== b.cost ? a.cost - b.cost : a.monthlyCostUsd === b.monthlyCostUsd ? 0 : compareDecimals(a.monthlyCostUsd, b.monthlyCostUsd)) ||
    (b.candidate.score?.value ?? -1) - (a.candidate.score?.value ?? -1) ||
    estimated(a.candidate) - estimated(b.candidate) ||
    TIER_ORDER[a.candidate.tier] - TIER_ORDER[b.candidate.tier] ||
    a.candidate.model.slug.localeCompare(b.candidate.model.slug) ||
    providerOf(a.candidate).localeCompare(providerOf(b.candidate)) ||
    a.candidate.id - b.candidate.id
  );
}

/** At equal cost and score, a deployment profile the source documents beats an estimated one. */
function estimated(candidate: Candidate): number {
  return candidate.deployment?.profile.source === 'estimate' ? 1 : 0;
}

function providerOf(candidate: Candidate): string {
  return candidate.offering?.providerSlug ?? candidate.deployment!.gpu.providerSlug;
}

/** The k best entries by (level, exact cost), each priced exactly (its cheapest option). */
export function rankCandidates(
  set: CandidateSet,
  entries: readonly number[],
  k: number,
  levelOf: (group: Group) => number = () => 0,
  budgetUsd?: string,
): Evaluated[] {
  const groupLevels = set.groups.map(levelOf);
  const { entryGroup, entryBound } = set;
  const levelOfEntry = (entry: number) => groupLevels[entryGroup[entry]!]!;
  return topK(entries, {
    k,
    level: levelOfEntry,
    lowerBound: (entry) => entryBound[entry]!,
    evaluate: (entry) => evaluateEntry(set, entry, levelOfEntry(entry), budgetUsd),
    exactBound: (evaluated) => ({ level: evaluated.level, cost: evaluated.cost }),
    compare: compareEvaluated,
  });
}

/** The cheapest option of these entries, exactly (or null). */
export function cheapest(set: CandidateSet, entries: readonly number[]): Evaluated | null {
  return rankCandidates(set, entries, 1)[0] ?? null;
}

// ------------------------------------------------------------------------------------------------
// The decision
// ------------------------------------------------------------------------------------------------

export interface DecisionSettings {
  hoursPerMonth: string;
  /** The config's default; the request's opsCostUsdPerMonth wins. */
  opsCostUsdPerMonth: string;
  filters: ModelFilters;
}

export function decide(catalog: DecisionCatalog, request: DecisionRequest, settings: DecisionSettings) {
  const use: LicenseUse = { ...request.use, fineTunes: request.use.fineTunes || request.needsFineTuning };
  validateUse(use);
  const workload: WorkloadSpec = { ...request.workload };
  const opsCostUsdPerMonth = request.opsCostUsdPerMonth ?? settings.opsCostUsdPerMonth;
  const context: EngineContext = {
    workload,
    quality: request.quality,
    use,
    hoursPerMonth: settings.hoursPerMonth,
    opsCostUsdPerMonth,
    filters: settings.filters,
  };
  const benchmark = qualityBenchmark(request.quality);
  const set = buildCandidates(catalog, context);
  const tierOf = (entry: number) => groupOf(set, entry).tier;
  // The entries of each tier and the options they stand for, in one pass.
  const entriesOf = Object.fromEntries(TIERS.map((tier) => [tier, [] as number[]])) as Record<Tier, number[]>;
  const byTier = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<Tier, number>;
  for (const entry of set.entries) {
    const tier = tierOf(entry);
    entriesOf[tier].push(entry);
    byTier[tier] += optionsIn(set, entry);
  }
  const inTier = (tier: Tier) => entriesOf[tier];

  const facts: DecisionFacts = {
    quality: request.quality === undefined ? 'none' : request.quality === 'best' ? 'best' : 'threshold',
    qualityBenchmark: benchmark,
    minScore: request.quality !== undefined && request.quality !== 'best' ? formatDecimal(request.quality.minScore) : null,
    dataSensitivity: request.dataSensitivity,
    needsFineTuning: request.needsFineTuning,
    latencyCritical: request.latencyCritical,
    apiSpendUsd: null,
    apiSpendModel: null,
    apiSpendProvider: null,
    requestsPerMonth: workload.requestsPerMonth,
    peakToAverage: workload.peakToAverage,
    opsCostUsdPerMonth,
    selfHostedOptions: byTier['self-hosted'],
    cheapestSelfHostedUsd: null,
    cheapestSelfHostedModel: null,
    cheapestSelfHostedReplicas: null,
    cheapestApiUsd: null,
    cheapestApiModel: null,
  };

  // Requirements read only the caller's constraints, so they apply before anything is priced.
  const requirements = evaluateFramework(facts, FRAMEWORK_RULES.filter((rule) => rule.effect.kind === 'require'));
  const allowed = allowedTiers(requirements);
  for (const group of set.groups) {
    if (allowed.has(group.tier)) continue;
    const added = requirements
      .filter((rule) => rule.effect.kind === 'require' && !rule.effect.tiers.includes(group.tier))
      .map((rule) => ({ constraint: constraintOf(rule.id), reason: `${rule.message} (rule ${rule.id})` }));
    group.misses = [...group.misses, ...added];
  }
  if (request.quality === 'best') applyBestQuality(set, set.entries, benchmark);

  // What the thresholds are read against.
  const groupMeetsQuality = set.groups.map((group) => !group.misses.some((miss) => miss.constraint === 'quality'));
  const meetsQuality = (entry: number) => groupMeetsQuality[set.entryGroup[entry]!]!;
  const adequateClosed = inTier('closed-api').filter(meetsQuality);
  const adequateApi = [...adequateClosed, ...inTier('hosted-open').filter(meetsQuality)];
  const cheapestApi = cheapest(set, adequateApi);
  const spend = cheapest(set, adequateClosed) ?? cheapestApi;
  const selfHosted = inTier('self-hosted');
  const cheapestSelf = cheapest(set, selfHosted.filter(meetsQuality)) ?? cheapest(set, selfHosted);
  Object.assign(facts, {
    apiSpendUsd: spend?.monthlyCostUsd ?? null,
    apiSpendModel: spend?.candidate.model.slug ?? null,
    apiSpendProvider: spend ? providerOf(spend.candidate) : null,
    cheapestApiUsd: cheapestApi?.monthlyCostUsd ?? null,
    cheapestApiModel: cheapestApi?.candidate.model.slug ?? null,
    cheapestSelfHostedUsd: cheapestSelf?.monthlyCostUsd ?? null,
    cheapestSelfHostedModel: cheapestSelf?.candidate.model.slug ?? null,
    cheapestSelfHostedReplicas: cheapestSelf?.candidate.deployment?.cost.replicas ?? null,
  } satisfies Partial<DecisionFacts>);

  const rules = evaluateFramework(facts);
  const penalties = preferencePenalties(rules);
  const levelOf = (group: Group) => group.misses.length * MISS_WEIGHT + penalties[group.tier];

  // The top `limit` overall is within the union of each tier's top `limit`; the best of each tier always shows.
  const perTier = TIERS.map((tier) => rankCandidates(set, inTier(tier), request.limit, levelOf, request.budgetUsdPerMonth));
  const merged = perTier.flat().sort(compareEvaluated);
  const shown = merged.slice(0, request.limit);
  for (const tierBest of perTier) if (tierBest[0] && !shown.includes(tierBest[0])) shown.push(tierBest[0]);
  shown.sort(compareEvaluated);

  const preferring = (tier: Tier) => rules.filter((rule) => rule.effect.kind === 'prefer' && rule.effect.tiers.includes(tier)).map((rule) => rule.id);
  const options = shown.map((evaluated, index) => presentOption(evaluated, index + 1, preferring(evaluated.candidate.tier)));

  return {
    workload,
    prices: { asOf: catalog.prices.asOf, source: catalog.prices.source, at: catalog.prices.at },
    settings: { hoursPerMonth: settings.hoursPerMonth, opsCostUsdPerMonth, qualityBenchmark: benchmark },
    optionsConsidered: { total: set.optionCount, byTier },
    options,
    recommendation: options.length === 0 ? null : recommend(shown[0]!, options[0]!, rules, spend, penalties),
    rules,
  };
}

function constraintOf(ruleId: string): string {
  return ruleId === 'fine-tuning-control-open' ? 'needsFineTuning' : 'dataSensitivity';
}

export type DecisionOption = ReturnType<typeof presentOption>;

export function presentOption(evaluated: Evaluated, rank: number, preferredByRules: string[]) {
  const { candidate } = evaluated;
  const provider = candidate.offering
    ? { slug: candidate.offering.providerSlug, name: candidate.offering.providerName }
    : { slug: candidate.deployment!.gpu.providerSlug, name: candidate.deployment!.gpu.providerName };
  return {
    rank,
    tier: candidate.tier,
    model: { slug: candidate.model.slug, name: candidate.model.name, kind: candidate.model.kind, parametersB: candidate.model.parametersB },
    provider,
    offering: candidate.offering ? { id: candidate.offering.id, providerModelId: candidate.offering.providerModelId } : null,
    deployment: candidate.deployment ? presentDeployment(candidate.deployment) : null,
    monthlyCostUsd: evaluated.monthlyCostUsd,
    breakdown: candidate.deployment ? selfHostBreakdown(candidate.deployment.cost, candidate.deployment.profile) : evaluated.api!.breakdown,
    priceSources: priceSources(evaluated),
    quality: candidate.score
      ? { benchmark: candidate.score.benchmark, score: candidate.score.score, source: candidate.score.source, setting: candidate.score.setting }
      : null,
    license: candidate.license,
    meetsAllConstraints: evaluated.misses.length === 0,
    missedConstraints: evaluated.misses,
    preferredByRules,
  };
}

function presentDeployment(deployment: NonNullable<Candidate['deployment']>) {
  const { profile, gpu, cost } = deployment;
  return {
    gpu: { slug: profile.gpuSlug, name: profile.gpuName },
    gpusPerReplica: profile.gpusPerReplica,
    replicas: cost.replicas,
    gpus: cost.gpus,
    runtime: profile.runtime,
    sustainedTokensPerSecond: formatDecimal(profile.sustainedTokensPerSecond)!,
    profileSource: profile.source,
    gpuPrice: { provider: gpu.providerSlug, pricingTier: gpu.pricingTier, usdPerHour: gpu.usdPerHour, source: gpu.source },
  };
}

export function selfHostBreakdown(cost: SelfHostCost, profile: Pick<DeploymentProfileRow, 'gpusPerReplica'>) {
  const b = cost.breakdown;
  return {
    ...b,
    replicas: cost.replicas,
    gpusPerReplica: profile.gpusPerReplica,
    gpus: cost.gpus,
    formula:
      `${cost.replicas} replica${cost.replicas === 1 ? '' : 's'} x ${profile.gpusPerReplica} GPU${profile.gpusPerReplica === 1 ? '' : 's'} x ` +
      `${displayFact(b.hoursPerMonth)} h x $${displayFact(b.usdPerGpuHour)}/GPU-hour = $${displayFact(b.gpu)}; ` +
      `+ $${displayFact(b.infrastructure)} infrastructure + $${displayFact(b.ops)} ops = $${displayFact(cost.monthlyCostUsd)}`,
  };
}

function priceSources(evaluated: Evaluated): string[] {
  const { candidate } = evaluated;
  if (candidate.deployment) return [candidate.deployment.gpu.source];
  const condition = evaluated.api!.breakdown.condition;
  const sources = new Set<string>();
  for (const component of Object.keys(evaluated.api!.breakdown.pricesUsed)) {
    const line =
      candidate.offering!.lines.find((l) => l.component === component && condition !== null && JSON.stringify(l.condition) === JSON.stringify(condition)) ??
      candidate.offering!.lines.find((l) => l.component === component && l.condition === null);
    if (line) sources.add(line.source);
  }
  return [...sources];
}

function recommend(best: Evaluated, option: DecisionOption, rules: readonly FiredRule[], spend: Evaluated | null, penalties: Record<Tier, number>) {
  const rationale: string[] = [];
  const where = option.deployment
    ? `self-hosted on ${option.deployment.gpus} x ${option.deployment.gpu.name} (${option.deployment.replicas} replica${option.deployment.replicas === 1 ? '' : 's'} of ${option.deployment.gpusPerReplica}, GPUs at ${option.provider.name})`
    : `${option.tier === 'closed-api' ? 'closed API' : 'hosted open model'} at ${option.provider.name}`;
  rationale.push(`${option.model.name}, ${where}: $${displayFact(option.monthlyCostUsd)}/month.`);
  if (option.meetsAllConstraints) {
    const preferred = rules.filter((rule) => rule.effect.kind === 'prefer' && rule.effect.tiers.includes(option.tier)).map((rule) => rule.id);
    if (!rules.some((rule) => rule.effect.kind === 'prefer')) rationale.push('Cheapest option that meets every constraint.');
    else if (penalties[option.tier] === 0) {
      rationale.push(`Cheapest option that meets every constraint in the tiers the rules prefer (${option.tier}: ${preferred.join(', ')}).`);
    } else rationale.push('No option in the tiers the rules prefer most meets every constraint: this is the cheapest of those that do, in the next tier.');
  } else {
    rationale.push(
      `No option meets every constraint; this one misses the fewest: ${option.missedConstraints.map((miss) => `${miss.constraint} (${miss.reason})`).join('; ')}.`,
    );
  }
  for (const rule of rules) if (rule.effect.kind === 'require') rationale.push(`${rule.message} (rule ${rule.id})`);
  if (option.license) {
    rationale.push(
      `License: ${option.license.name} ${option.license.version}, ${option.license.verdict}` +
        (option.license.obligations.length ? ` (${option.license.obligations.length} obligation${option.license.obligations.length === 1 ? '' : 's'})` : '') +
        '.',
    );
  }
  if (spend && spend !== best && spend.candidate !== best.candidate) {
    const saving = toMoney(spend.monthlyCostUsd).sub(toMoney(best.monthlyCostUsd));
    if (saving.gt(0)) {
      const percent = saving.div(toMoney(spend.monthlyCostUsd)).mul(100).toDecimalPlaces(1).toString();
      rationale.push(
        `Saves $${displayFact(formatDecimal(saving))}/month (${percent}%) against the cheapest adequate closed API, ${spend.candidate.model.name} at ${providerOf(spend.candidate)} ($${displayFact(spend.monthlyCostUsd)}).`,
      );
    }
  }
  return {
    tier: option.tier,
    optionIndex: 0,
    model: option.model.slug,
    provider: option.provider.slug,
    monthlyCostUsd: option.monthlyCostUsd,
    meetsAllConstraints: option.meetsAllConstraints,
    rationale,
  };
}

export type DecisionResult = ReturnType<typeof decide>;
