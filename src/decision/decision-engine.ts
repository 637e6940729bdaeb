/**
 * The decision, as pure functions over the loaded catalog: every way to serve the workload (a closed
 * API offering, a hosted open-model offering, a self-hosted deployment profile with a GPU price), its
 * monthly cost by the cost model, the license verdict for the use, the constraints it meets, and the
 * framework's rules (decision-rules.ts) that rank them.
 */
import { compareDecimals, formatDecimal, toMoney } from '../common/money.js';
import type { ApiOffering, CatalogModel, DecisionCatalog, DeploymentProfileRow, GpuOffer, ScoreFact } from './decision-catalog.js';
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
import { apiMonthlyCost, type ApiCost, selfHostMonthlyCost, type SelfHostCost, type Workload } from './cost-model.js';
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

export interface Candidate {
  tier: Tier;
  model: CatalogModel;
  offering: ApiOffering | null;
  deployment: { profile: DeploymentProfileRow; gpu: GpuOffer; cost: SelfHostCost } | null;
  /** Lower bound of the monthly cost (exact for self-hosted options). */
  lowerBound: number;
  score: ScoreFact | null;
  license: LicenseView | null;
  /** Constraints missed whatever the cost (all but the budget). Shared between candidates: replace it, never push to it. */
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
const LOWER_BOUND_SLACK = 1 - 1e-9;

export function qualityBenchmark(quality: QualityInput | undefined): string {
  return quality === undefined || quality === 'best' ? DEFAULT_BENCHMARK : quality.benchmark;
}

/** Checks the product license expression up front: an unknown SPDX id is an input error even if no option needs it. */
export function validateUse(use: LicenseUse): void {
  if (use.productLicense !== undefined) parseSpdxExpression(use.productLicense, 'use.productLicense');
}

/** Every option the catalog offers for the workload, with the constraints that do not depend on its cost. */
export function buildCandidates(catalog: DecisionCatalog, context: EngineContext): Candidate[] {
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

  // Per model: the score, the license verdict and the misses they give, shared by all its candidates (never mutated).
  const perModel = new Map<string, { score: ScoreFact | null; license: LicenseView | null; misses: Miss[] }>();
  const factsOf = (model: CatalogModel) => {
    let facts = perModel.get(model.slug);
    if (!facts) {
      const score = model.scores.get(benchmark) ?? null;
      const license = licenseOf(model);
      facts = { score, license, misses: staticMisses(model, score, license) };
      perModel.set(model.slug, facts);
    }
    return facts;
  };

  const staticMisses = (model: CatalogModel, score: ScoreFact | null, license: LicenseView | null): Miss[] => {
    const misses: Miss[] = [];
    if (context.quality !== undefined && context.quality !== 'best') {
      const { minScore } = context.quality;
      if (score === null) misses.push({ constraint: 'quality', reason: `no ${benchmark} score on record for ${model.name}` });
      else if (score.value < minScore) misses.push({ constraint: 'quality', reason: `${benchmark} ${score.score} is below ${minScore}` });
    }
    if (license === null) misses.push({ constraint: 'license', reason: `no license terms on record for ${model.name}` });
    else if (license.verdict === 'incompatible') {
      const reason = license.reasons.find((candidate) => candidate.verdict === 'incompatible') ?? license.reasons[0];
      misses.push({ constraint: 'license', reason: `the ${license.name} does not allow this use${reason ? `: ${reason.message} (${reason.section})` : ''}` });
    }
    return misses;
  };

  const inputTokens = workload.requestsPerMonth * workload.inputTokensPerRequest;
  const outputTokens = workload.requestsPerMonth * workload.outputTokensPerRequest;
  const candidates: Candidate[] = [];
  for (const offering of catalog.offerings) {
    if (!modelAllowed(offering.modelSlug) || !providerAllowed(offering.providerSlug)) continue;
    const model = catalog.models.get(offering.modelSlug);
    if (!model) continue;
    const { score, license, misses } = factsOf(model);
    candidates.push({
      tier: offering.tier,
      model,
      offering,
      deployment: null,
      lowerBound: ((inputTokens * offering.minInputUsd + outputTokens * offering.minOutputUsd) / 1_000_000) * LOWER_BOUND_SLACK,
      score,
      license,
      misses,
    });
  }
  for (const profile of catalog.profiles) {
    if (!modelAllowed(profile.modelSlug)) continue;
    const model = catalog.models.get(profile.modelSlug);
    const gpu = catalog.gpuOffers.get(profile.gpuSlug)?.find((offer) => providerAllowed(offer.providerSlug));
    if (!model || !gpu) continue;
    const cost = selfHostMonthlyCost(
      workload,
      {
        gpuSlug: profile.gpuSlug,
        gpusPerReplica: profile.gpusPerReplica,
        sustainedTokensPerSecond: profile.sustainedTokensPerSecond,
        infrastructureUsdPerMonth: profile.infrastructureUsdPerMonth,
      },
      gpu.usdPerHour,
      { hoursPerMonth: context.hoursPerMonth, opsUsdPerMonth: context.opsCostUsdPerMonth },
    );
    const { score, license, misses } = factsOf(model);
    candidates.push({
      tier: 'self-hosted',
      model,
      offering: null,
      deployment: { profile, gpu, cost },
      lowerBound: Number(cost.monthlyCostUsd),
      score,
      license,
      misses,
    });
  }
  return candidates;
}

/** With quality "best": options below the top score among those otherwise allowed miss the quality bar. */
export function applyBestQuality(candidates: Candidate[], benchmark: string): ScoreFact | null {
  let leader: Candidate | null = null;
  let leaderAllowed = false;
  for (const candidate of candidates) {
    if (!candidate.score) continue;
    const allowed = candidate.misses.length === 0;
    if (!leader || (allowed && !leaderAllowed) || (allowed === leaderAllowed && candidate.score.value > leader.score!.value)) {
      leader = candidate;
      leaderAllowed = allowed;
    }
  }
  const top = leader?.score ?? null;
  if (top === null) return null;
  const replaced = new Map<readonly Miss[], readonly Miss[]>();
  for (const candidate of candidates) {
    const { score } = candidate;
    if (score !== null && score.value >= top.value) continue;
    let misses = replaced.get(candidate.misses);
    if (!misses) {
      const reason =
        score === null
          ? `no ${benchmark} score on record; the best available is ${top.score} (${leader!.model.name})`
          : `${benchmark} ${score.score} is below the best available, ${top.score} (${leader!.model.name})`;
      misses = [...candidate.misses, { constraint: 'quality', reason }];
      replaced.set(candidate.misses, misses);
    }
    candidate.misses = misses;
  }
  return top;
}

export function evaluateExact(candidate: Candidate, workload: Workload, level: number, budgetUsd?: string): Evaluated {
  let api: ApiCost | null = null;
  let monthlyCostUsd: string;
  if (candidate.deployment) monthlyCostUsd = candidate.deployment.cost.monthlyCostUsd;
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

/** Total order of evaluated options: level, cost, then tier, model, provider, offering or profile. */
export function compareEvaluated(a: Evaluated, b: Evaluated): number {
  return (
    a.level - b.level ||
    compareDecimals(a.monthlyCostUsd, b.monthlyCostUsd) ||
    (b.candidate.score?.value ?? -1) - (a.candidate.score?.value ?? -1) ||
    estimated(a.candidate) - estimated(b.candidate) ||
    TIER_ORDER[a.candidate.tier] - TIER_ORDER[b.candidate.tier] ||
    a.candidate.model.slug.localeCompare(b.candidate.model.slug) ||
    providerOf(a.candidate).localeCompare(providerOf(b.candidate)) ||
    (a.candidate.offering?.id ?? a.candidate.deployment!.profile.id) - (b.candidate.offering?.id ?? b.candidate.deployment!.profile.id)
  );
}

/** At equal cost and score, a deployment profile the source documents beats an estimated one. */
function estimated(candidate: Candidate): number {
  return candidate.deployment?.profile.source === 'estimate' ? 1 : 0;
}

function providerOf(candidate: Candidate): string {
  return candidate.offering?.providerSlug ?? candidate.deployment!.gpu.providerSlug;
}

/** One entry per provider and model (a provider may list a model under several ids: its cheapest counts), per deployment profile. */
function dedupeKey(candidate: Candidate): string {
  return candidate.offering ? `${candidate.offering.providerSlug}|${candidate.model.slug}` : `profile|${candidate.deployment!.profile.id}`;
}

/** The k best candidates by (level, exact cost), each evaluated exactly. */
export function rankCandidates(
  candidates: readonly Candidate[],
  workload: Workload,
  k: number,
  levelOf: (candidate: Candidate) => number = () => 0,
  budgetUsd?: string,
): Evaluated[] {
  return topK(candidates, {
    k,
    level: levelOf,
    lowerBound: (candidate) => candidate.lowerBound,
    evaluate: (candidate) => evaluateExact(candidate, workload, levelOf(candidate), budgetUsd),
    exactBound: (evaluated) => ({ level: evaluated.level, cost: evaluated.cost }),
    compare: compareEvaluated,
    dedupeKey,
  });
}

/** The cheapest candidate, exactly (or null). */
export function cheapest(candidates: readonly Candidate[], workload: Workload): Evaluated | null {
  return rankCandidates(candidates, workload, 1)[0] ?? null;
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
  const candidates = buildCandidates(catalog, context);

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
    selfHostedOptions: candidates.filter((candidate) => candidate.tier === 'self-hosted').length,
    cheapestSelfHostedUsd: null,
    cheapestSelfHostedModel: null,
    cheapestSelfHostedReplicas: null,
    cheapestApiUsd: null,
    cheapestApiModel: null,
  };

  // Requirements read only the caller's constraints, so they apply before anything is priced.
  const requirements = evaluateFramework(facts, FRAMEWORK_RULES.filter((rule) => rule.effect.kind === 'require'));
  const allowed = allowedTiers(requirements);
  const tierMisses = new Map<string, Map<readonly Miss[], readonly Miss[]>>(TIERS.map((tier) => [tier, new Map()]));
  for (const candidate of candidates) {
    if (allowed.has(candidate.tier)) continue;
    const memo = tierMisses.get(candidate.tier)!;
    let misses = memo.get(candidate.misses);
    if (!misses) {
      const added = requirements
        .filter((rule) => rule.effect.kind === 'require' && !rule.effect.tiers.includes(candidate.tier))
        .map((rule) => ({ constraint: constraintOf(rule.id), reason: `${rule.message} (rule ${rule.id})` }));
      misses = [...candidate.misses, ...added];
      memo.set(candidate.misses, misses);
    }
    candidate.misses = misses;
  }
  if (request.quality === 'best') applyBestQuality(candidates, benchmark);

  // What the thresholds are read against.
  const meetsQuality = (candidate: Candidate) => !candidate.misses.some((miss) => miss.constraint === 'quality');
  const adequate = candidates.filter(meetsQuality);
  const adequateApi = adequate.filter((candidate) => candidate.tier !== 'self-hosted');
  const spend = cheapest(adequateApi.filter((candidate) => candidate.tier === 'closed-api'), workload) ?? cheapest(adequateApi, workload);
  const cheapestApi = cheapest(adequateApi, workload);
  const selfHosted = candidates.filter((candidate) => candidate.tier === 'self-hosted');
  const cheapestSelf = cheapest(selfHosted.filter(meetsQuality), workload) ?? cheapest(selfHosted, workload);
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
  const levelOf = (candidate: Candidate) => candidate.misses.length * MISS_WEIGHT + penalties[candidate.tier];

  // The top `limit` overall is within the union of each tier's top `limit`; the best of each tier always shows.
  const perTier = TIERS.map((tier) =>
    rankCandidates(
      candidates.filter((candidate) => candidate.tier === tier),
      workload,
      request.limit,
      levelOf,
      request.budgetUsdPerMonth,
    ),
  );
  const merged = perTier.flat().sort(compareEvaluated);
  const shown = merged.slice(0, request.limit);
  for (const tierBest of perTier) if (tierBest[0] && !shown.includes(tierBest[0])) shown.push(tierBest[0]);
  shown.sort(compareEvaluated);

  const preferring = (tier: Tier) => rules.filter((rule) => rule.effect.kind === 'prefer' && rule.effect.tiers.includes(tier)).map((rule) => rule.id);
  const options = shown.map((evaluated, index) => presentOption(evaluated, index + 1, preferring(evaluated.candidate.tier)));
  const byTier = Object.fromEntries(TIERS.map((tier) => [tier, candidates.filter((candidate) => candidate.tier === tier).length])) as Record<Tier, number>;

  return {
    workload,
    prices: { asOf: catalog.prices.asOf, source: catalog.prices.source, at: catalog.prices.at },
    settings: { hoursPerMonth: settings.hoursPerMonth, opsCostUsdPerMonth, qualityBenchmark: benchmark },
    optionsConsidered: { total: candidates.length, byTier },
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
