/**
 * Hybrid routing, as data: each task class goes to the tier and model the first matching routing rule
 * picks (sensitive -> self-hosted; complex -> frontier closed; high volume -> cheapest adequate...),
 * priced by the cost model. Classes routed to the same self-hosted deployment share it (sized for
 * their combined peak, its cost split by tokens). The total is compared with sending every class to
 * one frontier model: the best-quality closed model.
 */
import { type Decimal } from 'decimal.js';

import { formatDecimal, Money, toMoney } from '../common/money.js';
import { apiCostLowerBound, type DecisionCatalog, type TokenMix, tokenMix } from './decision-catalog.js';
import {
  applyBestQuality,
  buildCandidates,
  candidateOf,
  cheapest,
  evaluateExact,
  groupOf,
  offeringsOf,
  DEFAULT_BENCHMARK,
  type EngineContext,
  type Evaluated,
  type ModelFilters,
  presentOption,
  qualityBenchmark,
  selfHostBreakdown,
  validateUse,
  withOwnGroups,
} from './decision-engine.js';
import { TIERS, type Tier } from './decision-rules.js';
import type { Complexity, QualityInput, RouteRequest, TaskClass, WorkloadSpec } from './decision.schemas.js';
import { apiMonthlyCost, selfHostMonthlyCost, type Workload } from './cost-model.js';
import type { LicenseUse } from './license/license-check.js';
import { ALWAYS, type Condition, displayFact, factsRead, fillFacts, holds } from './rule-conditions.js';
import { topK } from './top-k.js';

/** The quality bar of a class that gives none, by complexity. */
export const ROUTE_QUALITY_BY_COMPLEXITY: Record<Complexity, QualityInput | undefined> = {
  simple: undefined,
  standard: { benchmark: DEFAULT_BENCHMARK, minScore: 80 },
  complex: 'best',
};

/** Requests a month from which a class counts as high volume. */
export const HIGH_VOLUME_REQUESTS = 1_000_000;

export type RouteFactName = 'name' | 'sensitivity' | 'complexity' | 'requestsPerMonth' | 'benchmark' | 'quality';

export interface RouteRule {
  readonly id: string;
  readonly when: Condition<RouteFactName>;
  readonly tiers: readonly Tier[];
  /** cheapest: the cheapest option meeting the class's quality bar; best: the top score, cheapest among ties. */
  readonly pick: 'cheapest' | 'best';
  /** When no option in the tiers qualifies, the class stays unrouted instead of trying the next rule. */
  readonly strict?: boolean;
  readonly message: string;
}

export const ROUTE_RULES = [
  {
    id: 'sensitive-to-self-hosted',
    when: { fact: 'sensitivity', in: ['sensitive', 'regulated'] },
    tiers: ['self-hosted'],
    pick: 'cheapest',
    strict: true,
    message: 'Data marked {sensitivity} stays on your infrastructure: the cheapest adequate self-hosted open model.',
  },
  {
    id: 'complex-to-frontier',
    when: { fact: 'complexity', equals: 'complex' },
    tiers: ['closed-api'],
    pick: 'best',
    message: 'Complex task: the frontier closed model (the best {benchmark} score).',
  },
  {
    id: 'high-volume-cheapest',
    when: { fact: 'requestsPerMonth', atLeast: HIGH_VOLUME_REQUESTS },
    tiers: TIERS,
    pick: 'cheapest',
    message: 'High volume ({requestsPerMonth} requests/month): the cheapest adequate option, open or closed.',
  },
  {
    id: 'simple-cheapest',
    when: { fact: 'complexity', equals: 'simple' },
    tiers: TIERS,
    pick: 'cheapest',
    message: 'Simple task: the cheapest option.',
  },
  {
    id: 'default-hosted-open',
    when: ALWAYS,
    tiers: ['hosted-open'],
    pick: 'cheapest',
    message: 'Default: good quality at a reasonable cost, the cheapest adequate hosted open model.',
  },
  {
    id: 'fallback-cheapest-adequate',
    when: ALWAYS,
    tiers: TIERS,
    pick: 'cheapest',
    message: 'No hosted open model qualifies: the cheapest adequate option in any tier.',
  },
] as const satisfies readonly RouteRule[];

export interface RouteNote {
  readonly id: string;
  readonly when: Condition<'selfHostedDeployments' | 'sharedDeployments' | 'opsCostUsdPerMonth'>;
  readonly message: string;
}

/** What the cost model shows about the routing as a whole ("When open-source costs MORE"). */
export const ROUTE_NOTES = [
  {
    id: 'several-model-sizes',
    when: { fact: 'selfHostedDeployments', above: 1 },
    message:
      '{selfHostedDeployments} self-hosted deployments: each model is its own deployment, paid for at least one replica all month, with its own infrastructure and ops.',
  },
  {
    id: 'shared-deployment',
    when: { fact: 'sharedDeployments', above: 0 },
    message: 'Classes routed to the same self-hosted model share one deployment sized for their combined peak; its cost is split by their share of its tokens.',
  },
  {
    id: 'ops-cost-not-counted',
    when: { all: [{ fact: 'opsCostUsdPerMonth', equals: 0 }, { fact: 'selfHostedDeployments', above: 0 }] },
    message: 'Self-hosted costs include no engineering time (opsCostUsdPerMonth is 0): pass opsCostUsdPerMonth to count it (once per deployment).',
  },
] as const satisfies readonly RouteNote[];

export interface RouteSettings {
  hoursPerMonth: string;
  opsCostUsdPerMonth: string;
  filters: ModelFilters;
}

/** A class's workload: tokensPerRequest is split half in, half out (the article's 1,000-token calls). */
export function classWorkload(task: TaskClass): WorkloadSpec {
  const input = task.inputTokensPerRequest ?? task.tokensPerRequest! / 2;
  const output = task.outputTokensPerRequest ?? task.tokensPerRequest! / 2;
  return { requestsPerMonth: task.requestsPerMonth, inputTokensPerRequest: input, outputTokensPerRequest: output, peakToAverage: task.peakToAverage, cachedInputShare: 0, batchShare: 0 };
}

/** One workload equivalent, for sizing, to several served by one deployment: their tokens and their peaks add up. */
export function combineWorkloads(workloads: readonly Workload[]): Workload {
  let tokens: Decimal = new Money(0);
  let peak: Decimal = new Money(0);
  for (const workload of workloads) {
    const monthly = toMoney(workload.requestsPerMonth).mul(toMoney(workload.inputTokensPerRequest).add(toMoney(workload.outputTokensPerRequest)));
    tokens = tokens.add(monthly);
    peak = peak.add(monthly.mul(toMoney(workload.peakToAverage ?? 1)));
  }
  return { requestsPerMonth: 1, inputTokensPerRequest: tokens.toFixed(), outputTokensPerRequest: 0, peakToAverage: tokens.gt(0) ? peak.div(tokens).toFixed() : 1 };
}

/** Splits a total by weights, to the cent, the last share taking the remainder: the parts add up exactly. */
export function allocate(total: string, weights: readonly Decimal[]): string[] {
  const sum = weights.reduce((acc, weight) => acc.add(weight), new Money(0));
  const parts: string[] = [];
  let given: Decimal = new Money(0);
  weights.forEach((weight, index) => {
    if (index === weights.length - 1) {
      parts.push(formatDecimal(toMoney(total).sub(given))!);
      return;
    }
    const share = sum.gt(0) ? toMoney(total).mul(weight).div(sum) : toMoney(total).div(weights.length);
    const rounded = share.toDecimalPlaces(2);
    given = given.add(rounded);
    parts.push(formatDecimal(rounded)!);
  });
  return parts;
}

interface Routed {
  task: TaskClass;
  workload: WorkloadSpec;
  quality: QualityInput | undefined;
  rule: (typeof ROUTE_RULES)[number] | null;
  facts: Record<RouteFactName, string | number | null>;
  skipped: { id: string; reason: string }[];
  chosen: Evaluated | null;
}

function routeClass(catalog: DecisionCatalog, task: TaskClass, use: LicenseUse, settings: RouteSettings, opsCostUsdPerMonth: string): Routed {
  const workload = classWorkload(task);
  const quality = task.quality ?? ROUTE_QUALITY_BY_COMPLEXITY[task.complexity];
  const benchmark = qualityBenchmark(quality);
  const context: EngineContext = {
    workload,
    quality: quality === 'best' ? undefined : quality,
    use,
    hoursPerMonth: settings.hoursPerMonth,
    opsCostUsdPerMonth,
    filters: settings.filters,
  };
  const all = buildCandidates(catalog, context);
  const facts: Record<RouteFactName, string | number | null> = {
    name: task.name,
    sensitivity: task.sensitivity,
    complexity: task.complexity,
    requestsPerMonth: task.requestsPerMonth,
    benchmark,
    quality: quality === undefined ? 'none' : quality === 'best' ? 'best' : `${quality.benchmark} >= ${quality.minScore}`,
  };
  const skipped: Routed['skipped'] = [];
  for (const rule of ROUTE_RULES) {
    if (!holds(rule.when, facts)) continue;
    const tiers: readonly Tier[] = rule.tiers;
    const set = withOwnGroups(all);
    const pool = set.entries.filter((entry) => tiers.includes(groupOf(set, entry).tier));
    if (quality === 'best' || rule.pick === 'best') applyBestQuality(set, pool, benchmark);
    const chosen = cheapest(set, pool.filter((entry) => groupOf(set, entry).misses.length === 0));
    if (chosen) return { task, workload, quality, rule, facts, skipped, chosen };
    const reason = pool.length === 0 ? `no ${tiers.join('/')} option in the catalog` : `no ${tiers.join('/')} option meets the quality bar and the license`;
    skipped.push({ id: rule.id, reason });
    if ('strict' in rule && rule.strict) return { task, workload, quality, rule, facts, skipped, chosen: null };
  }
  return { task, workload, quality, rule: null, facts, skipped, chosen: null };
}

export function route(catalog: DecisionCatalog, request: RouteRequest, settings: RouteSettings) {
  validateUse(request.use);
  const opsCostUsdPerMonth = request.opsCostUsdPerMonth ?? settings.opsCostUsdPerMonth;
  const routed = request.classes.map((task) => routeClass(catalog, task, request.use, settings, opsCostUsdPerMonth));

  // Self-hosted classes on the same profile and GPU offer share one deployment.
  const groups = new Map<string, Routed[]>();
  for (const entry of routed) {
    const deployment = entry.chosen?.candidate.deployment;
    if (!deployment) continue;
    const key = `${deployment.profile.id}|${deployment.gpu.providerSlug}|${deployment.gpu.pricingTier}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const allocated = new Map<Routed, string>();
  const deployments = [...groups.values()].map((members) => {
    const { profile, gpu } = members[0]!.chosen!.candidate.deployment!;
    const cost = selfHostMonthlyCost(
      combineWorkloads(members.map((member) => member.workload)),
      {
        gpuSlug: profile.gpuSlug,
        gpusPerReplica: profile.gpusPerReplica,
        sustainedTokensPerSecond: profile.sustainedTokensPerSecond,
        infrastructureUsdPerMonth: profile.infrastructureUsdPerMonth,
      },
      gpu.usdPerHour,
      { hoursPerMonth: settings.hoursPerMonth, opsUsdPerMonth: opsCostUsdPerMonth },
    );
    const weights = members.map((member) =>
      toMoney(member.workload.requestsPerMonth).mul(toMoney(member.workload.inputTokensPerRequest).add(toMoney(member.workload.outputTokensPerRequest))),
    );
    allocate(cost.monthlyCostUsd, weights).forEach((share, index) => allocated.set(members[index]!, share));
    return {
      model: members[0]!.chosen!.candidate.model.slug,
      gpu: { slug: profile.gpuSlug, name: profile.gpuName },
      provider: gpu.providerSlug,
      gpusPerReplica: profile.gpusPerReplica,
      replicas: cost.replicas,
      gpus: cost.gpus,
      runtime: profile.runtime,
      classes: members.map((member) => member.task.name),
      monthlyCostUsd: cost.monthlyCostUsd,
      breakdown: selfHostBreakdown(cost, profile),
    };
  });

  const frontier = frontierModel(catalog, routed, request.use, settings, opsCostUsdPerMonth);
  let total: Decimal = new Money(0);
  let frontierTotal: Decimal = new Money(0);
  const classes = routed.map((entry) => {
    const cost = entry.chosen ? (allocated.get(entry) ?? entry.chosen.monthlyCostUsd) : null;
    const frontierCost = frontier ? apiMonthlyCost(entry.workload, frontier.candidate.offering!.lines).monthlyCostUsd : null;
    if (cost !== null) {
      total = total.add(toMoney(cost));
      if (frontierCost !== null) frontierTotal = frontierTotal.add(toMoney(frontierCost));
    }
    const rule = entry.rule;
    return {
      name: entry.task.name,
      workload: entry.workload,
      sensitivity: entry.task.sensitivity,
      complexity: entry.task.complexity,
      quality: entry.quality ?? null,
      tier: entry.chosen?.candidate.tier ?? null,
      rule: rule && {
        id: rule.id,
        message: fillFacts(rule.message, entry.facts),
        inputs: Object.fromEntries(factsRead(rule.when).map((name) => [name, entry.facts[name]])),
      },
      skippedRules: entry.skipped,
      option: entry.chosen ? presentOption(entry.chosen, 1, []) : null,
      monthlyCostUsd: cost,
      /** What the class would cost on its own (differs from monthlyCostUsd when it shares a deployment). */
      standaloneMonthlyCostUsd: entry.chosen?.monthlyCostUsd ?? null,
      frontierMonthlyCostUsd: cost === null ? null : frontierCost,
    };
  });

  const totalUsd = formatDecimal(total)!;
  const frontierUsd = frontier ? formatDecimal(frontierTotal)! : null;
  const saving = frontier ? frontierTotal.sub(total) : null;
  const noteFacts = {
    selfHostedDeployments: deployments.length,
    sharedDeployments: deployments.filter((deployment) => deployment.classes.length > 1).length,
    opsCostUsdPerMonth,
  };
  const firedRules = ROUTE_RULES.flatMap((rule) => {
    const names = routed.filter((entry) => entry.rule?.id === rule.id && entry.chosen).map((entry) => entry.task.name);
    return names.length ? [{ id: rule.id, tiers: [...rule.tiers], pick: rule.pick, classes: names }] : [];
  });
  const notes = ROUTE_NOTES.filter((note) => holds(note.when, noteFacts)).map((note) => ({
    id: note.id,
    inputs: Object.fromEntries(factsRead(note.when).map((name) => [name, noteFacts[name]])),
    message: fillFacts(note.message, noteFacts),
  }));

  return {
    prices: { asOf: catalog.prices.asOf, source: catalog.prices.source, at: catalog.prices.at },
    settings: { hoursPerMonth: settings.hoursPerMonth, opsCostUsdPerMonth },
    classes,
    deployments,
    totalMonthlyCostUsd: totalUsd,
    unrouted: classes.filter((entry) => entry.tier === null).map((entry) => entry.name),
    frontier: frontier && {
      model: frontier.candidate.model.slug,
      modelName: frontier.candidate.model.name,
      provider: frontier.candidate.offering!.providerSlug,
      providerModelId: frontier.candidate.offering!.providerModelId,
      score: frontier.candidate.score && { benchmark: frontier.candidate.score.benchmark, score: frontier.candidate.score.score },
      reason: `The best-quality closed model (top ${DEFAULT_BENCHMARK} score) whose license allows the use, at its cheapest provider.`,
      monthlyCostUsd: frontierUsd,
    },
    savingUsd: saving && formatDecimal(saving),
    savingPercent: saving && frontierTotal.gt(0) ? saving.div(frontierTotal).mul(100).toDecimalPlaces(1).toString() : null,
    summary:
      frontier && saving
        ? `Routing costs $${displayFact(totalUsd)}/month against $${displayFact(frontierUsd)} sending every routed class to ${frontier.candidate.model.name}: ` +
          (saving.gte(0) ? `saves $${displayFact(formatDecimal(saving))}/month.` : `costs $${displayFact(formatDecimal(saving.abs()))}/month more.`)
        : `Routing costs $${displayFact(totalUsd)}/month.`,
    rules: firedRules,
    notes,
  };
}

/** The best-quality closed model the license allows, at the provider where the routed classes cost least. */
function frontierModel(catalog: DecisionCatalog, routed: readonly Routed[], use: LicenseUse, settings: RouteSettings, opsCostUsdPerMonth: string): Evaluated | null {
  const first = routed.find((entry) => entry.chosen) ?? routed[0];
  if (!first) return null;
  const set = buildCandidates(catalog, {
    workload: first.workload,
    quality: undefined,
    use,
    hoursPerMonth: settings.hoursPerMonth,
    opsCostUsdPerMonth,
    filters: settings.filters,
  });
  const closed = set.entries.filter((entry) => {
    const group = groupOf(set, entry);
    return group.tier === 'closed-api' && group.misses.length === 0 && group.score !== null;
  });
  if (closed.length === 0) return null;
  const top = Math.max(...closed.map((entry) => groupOf(set, entry).score!.value));
  const leaders = closed.filter((entry) => groupOf(set, entry).score!.value === top).flatMap((entry) => offeringsOf(set, entry));
  // Priced class by class (long-context tiers depend on each class's request size), summed; the leader offering that costs least.
  const mixes = routed.map((entry) => tokenMix(entry.workload));
  const mix = (Object.keys(mixes[0]!) as (keyof TokenMix)[]).reduce(
    (sum, key) => ({ ...sum, [key]: mixes.reduce((acc, one) => acc + one[key], 0) }),
    {} as TokenMix,
  );
  const [best] = topK(leaders, {
    k: 1,
    level: () => 0,
    lowerBound: (id) => apiCostLowerBound(mix, catalog.columns, id),
    evaluate: (id) => {
      const candidate = candidateOf(set, id);
      let total: Decimal = new Money(0);
      for (const entry of routed) total = total.add(toMoney(apiMonthlyCost(entry.workload, candidate.offering!.lines).monthlyCostUsd));
      return { candidate, total };
    },
    exactBound: (entry) => ({ level: 0, cost: entry.total.toNumber() }),
    compare: (a, b) => a.total.comparedTo(b.total) || a.candidate.id - b.candidate.id,
  });
  return best ? evaluateExact(best.candidate, first.workload, 0) : null;
}
