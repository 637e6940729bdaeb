/**
 * The article's decision framework as data: one record per rule, evaluated by one function.
 *
 * A rule reads facts of the decision (the caller's constraints and what the cost model found: the
 * API spend, the cheapest self-hosted option...) and, when its condition holds, has one effect:
 * - `require` tiers: a hard constraint; options outside them miss it;
 * - `prefer` tiers: among options that meet every constraint, those in the tiers most rules prefer win;
 * - `note`: no effect on the choice; it says what the cost model shows (the "when open costs more" table).
 * No rule names a model or a provider; adding a rule is adding a record.
 */
import { type Condition, factsRead, fillFacts, holds } from './rule-conditions.js';

export const TIERS = ['closed-api', 'hosted-open', 'self-hosted'] as const;
export type Tier = (typeof TIERS)[number];

export const DATA_SENSITIVITIES = ['public', 'internal', 'sensitive', 'regulated'] as const;
export type DataSensitivity = (typeof DATA_SENSITIVITIES)[number];

/** What the rules can read. Money is a decimal string; a fact the decision could not establish is null. */
export interface DecisionFacts {
  /** "best", "threshold" ({benchmark, minScore}) or "none". */
  quality: 'best' | 'threshold' | 'none';
  qualityBenchmark: string;
  minScore: string | null;
  dataSensitivity: DataSensitivity;
  needsFineTuning: boolean;
  latencyCritical: boolean;
  /** The monthly API spend the framework's thresholds are read against: the cheapest closed API that meets the quality bar. */
  apiSpendUsd: string | null;
  apiSpendModel: string | null;
  apiSpendProvider: string | null;
  requestsPerMonth: number;
  peakToAverage: number;
  opsCostUsdPerMonth: string;
  /** Self-hosted options priced (deployment profile with a GPU price in force). */
  selfHostedOptions: number;
  cheapestSelfHostedUsd: string | null;
  cheapestSelfHostedModel: string | null;
  cheapestSelfHostedReplicas: number | null;
  /** The cheapest API option (closed or hosted open) that meets the quality bar. */
  cheapestApiUsd: string | null;
  cheapestApiModel: string | null;
}

export type DecisionFactName = keyof DecisionFacts;

export type RuleEffect =
  | { readonly kind: 'require'; readonly tiers: readonly Tier[] }
  | { readonly kind: 'prefer'; readonly tiers: readonly Tier[] }
  | { readonly kind: 'note' };

export interface FrameworkRule {
  readonly id: string;
  /** The article's question, rule of thumb or scenario the rule encodes. */
  readonly question: string;
  readonly origin: 'decision-table' | 'rule-of-thumb' | 'when-open-costs-more';
  readonly when: Condition<DecisionFactName>;
  readonly effect: RuleEffect;
  /** Facts reported with the rule besides those its condition reads. */
  readonly context?: readonly DecisionFactName[];
  /** Why it fired, with {fact} placeholders. */
  readonly message: string;
}

/** Thresholds of the article ("Rule of thumb", "When Open-Source Costs MORE"). */
export const THRESHOLDS = {
  evaluateOpenAboveUsd: 10_000,
  hostedApisBelowUsd: 2_000,
  lowVolumeBelowRequests: 100_000,
} as const;

export const FRAMEWORK_RULES = [
  // -- the decision table ------------------------------------------------------------------------
  {
    id: 'best-quality-closed-api',
    question: 'Need absolute best quality?',
    origin: 'decision-table',
    when: { fact: 'quality', equals: 'best' },
    effect: { kind: 'prefer', tiers: ['closed-api'] },
    context: ['qualityBenchmark'],
    message: 'Absolute best quality asked: closed APIs (frontier models) are preferred; only the options with the top {qualityBenchmark} score meet the quality bar.',
  },
  {
    id: 'sensitive-data-self-hosted',
    question: 'Processing sensitive data?',
    origin: 'decision-table',
    when: { fact: 'dataSensitivity', equals: 'sensitive' },
    effect: { kind: 'require', tiers: ['self-hosted'] },
    message: 'Sensitive data must not leave your infrastructure: only a self-hosted open model qualifies.',
  },
  {
    id: 'regulated-industry-self-hosted',
    question: 'Regulated industry?',
    origin: 'decision-table',
    when: { fact: 'dataSensitivity', equals: 'regulated' },
    effect: { kind: 'require', tiers: ['self-hosted'] },
    message: 'Regulated data: self-hosting gives the full control compliance needs; only self-hosted options qualify.',
  },
  {
    id: 'spend-over-10k-evaluate-open',
    question: 'AI spend > $10K/month?',
    origin: 'decision-table',
    when: { fact: 'apiSpendUsd', above: THRESHOLDS.evaluateOpenAboveUsd },
    effect: { kind: 'prefer', tiers: ['hosted-open', 'self-hosted'] },
    context: ['apiSpendModel', 'apiSpendProvider'],
    message: 'The cheapest closed API that meets the quality bar ({apiSpendModel} at {apiSpendProvider}) would cost ${apiSpendUsd}/month, above $10,000: open models, hosted or self-hosted, are preferred.',
  },
  {
    id: 'fine-tuning-control-open',
    question: 'Need fine-tuning control?',
    origin: 'decision-table',
    when: { fact: 'needsFineTuning', equals: true },
    effect: { kind: 'require', tiers: ['hosted-open', 'self-hosted'] },
    message: 'Fine-tuning control needs the weights: only open models (hosted or self-hosted) qualify, and the license is checked for fine-tuning.',
  },
  {
    id: 'latency-critical-self-hosted',
    question: 'Latency critical?',
    origin: 'decision-table',
    when: { fact: 'latencyCritical', equals: true },
    effect: { kind: 'prefer', tiers: ['self-hosted'] },
    message: 'Latency critical: self-hosted (no network hop to an API provider) is preferred; edge deployment is the other answer, which the catalog does not price.',
  },
  // -- the rule of thumb -------------------------------------------------------------------------
  {
    id: 'spend-under-2k-hosted-apis',
    question: 'Below $2,000/month in API costs, use hosted APIs.',
    origin: 'rule-of-thumb',
    when: { fact: 'apiSpendUsd', below: THRESHOLDS.hostedApisBelowUsd },
    effect: { kind: 'prefer', tiers: ['closed-api', 'hosted-open'] },
    context: ['apiSpendModel'],
    message: 'API spend of ${apiSpendUsd}/month ({apiSpendModel}) is below $2,000: hosted APIs are preferred over running infrastructure.',
  },
  // -- when open-source costs more: the cost model shows it --------------------------------------
  {
    id: 'low-volume',
    question: 'Low volume (<100K calls/month)?',
    origin: 'when-open-costs-more',
    when: { fact: 'requestsPerMonth', below: THRESHOLDS.lowVolumeBelowRequests },
    effect: { kind: 'note' },
    context: ['cheapestSelfHostedUsd', 'cheapestSelfHostedModel', 'cheapestApiUsd', 'cheapestApiModel'],
    message: 'Low volume: self-hosting pays for at least one replica all month (cheapest: {cheapestSelfHostedModel} at ${cheapestSelfHostedUsd}) against ${cheapestApiUsd} on the cheapest adequate API ({cheapestApiModel}).',
  },
  {
    id: 'spiky-traffic',
    question: 'Spiky traffic?',
    origin: 'when-open-costs-more',
    when: { fact: 'peakToAverage', above: 1 },
    effect: { kind: 'note' },
    context: ['cheapestSelfHostedReplicas'],
    message: 'Peak traffic is {peakToAverage}x the average: self-hosted options are sized for the peak (replicas = ceil(peak tokens/s / sustained tokens/s)) and pay for idle capacity; APIs charge per token.',
  },
  {
    id: 'ops-cost-counted',
    question: 'DevOps cost?',
    origin: 'when-open-costs-more',
    when: { all: [{ fact: 'opsCostUsdPerMonth', above: 0 }, { fact: 'selfHostedOptions', above: 0 }] },
    effect: { kind: 'note' },
    message: 'Engineering time of ${opsCostUsdPerMonth}/month is added to every self-hosted option.',
  },
  {
    id: 'ops-cost-not-counted',
    question: 'DevOps cost?',
    origin: 'when-open-costs-more',
    when: { all: [{ fact: 'opsCostUsdPerMonth', equals: 0 }, { fact: 'selfHostedOptions', above: 0 }] },
    effect: { kind: 'note' },
    message: 'Self-hosted costs include no engineering time (opsCostUsdPerMonth is 0): pass opsCostUsdPerMonth to count the people who run the infrastructure.',
  },
] as const satisfies readonly FrameworkRule[];

export interface FiredRule {
  id: string;
  question: string;
  origin: FrameworkRule['origin'];
  effect: RuleEffect;
  /** The facts the rule read (and its context), as they were. */
  inputs: Partial<DecisionFacts>;
  message: string;
}

/** Every rule whose condition holds, in rule order, with its inputs. */
export function evaluateFramework(facts: DecisionFacts, rules: readonly FrameworkRule[] = FRAMEWORK_RULES): FiredRule[] {
  const record = facts as unknown as Record<string, string | number | boolean | null>;
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    if (!holds(rule.when, record)) continue;
    const ordered = [...factsRead(rule.when), ...(rule.context ?? [])].filter((name, index, all) => all.indexOf(name) === index);
    const inputs = Object.fromEntries(ordered.map((name) => [name, facts[name]])) as Partial<DecisionFacts>;
    fired.push({ id: rule.id, question: rule.question, origin: rule.origin, effect: rule.effect, inputs, message: fillFacts(rule.message, record) });
  }
  return fired;
}

/** The tiers every `require` rule allows (all tiers when none fired). */
export function allowedTiers(fired: readonly FiredRule[]): Set<Tier> {
  let allowed = new Set<Tier>(TIERS);
  for (const rule of fired) {
    if (rule.effect.kind !== 'require') continue;
    const tiers = rule.effect.tiers;
    allowed = new Set([...allowed].filter((tier) => tiers.includes(tier)));
  }
  return allowed;
}

/** Per tier, how far it is from the most preferred: 0 for the tiers the most `prefer` rules name. */
export function preferencePenalties(fired: readonly FiredRule[]): Record<Tier, number> {
  const counts: Record<Tier, number> = { 'closed-api': 0, 'hosted-open': 0, 'self-hosted': 0 };
  for (const rule of fired) if (rule.effect.kind === 'prefer') for (const tier of rule.effect.tiers) counts[tier]++;
  const most = Math.max(...Object.values(counts));
  return { 'closed-api': most - counts['closed-api'], 'hosted-open': most - counts['hosted-open'], 'self-hosted': most - counts['self-hosted'] };
}
