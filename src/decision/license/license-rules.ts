/**
 * The license rule engine: rules as data, one engine, no license of its own.
 *
 * Each rule reads ONE term of a license's terms (catalog/licenses/license-terms.ts) and the caller's use.
 * Its condition is declarative (term value in a set, a use flag, the use's monthly active users against
 * the term's number), so the rules can be listed, documented and tested as a table. No rule and no line
 * of this file knows a license by name: a license behaves as its terms say, and a new license (or a new
 * version of one) is a new row of data in the catalog.
 */
import type { LicenseTerms } from '../../catalog/licenses/license-terms.js';
import type { LicenseUse } from './license-use.schema.js';

export type Verdict = 'compatible' | 'conditional' | 'incompatible';
/** What a rule can yield when it fires: a rule never makes a use "more compatible". */
export type RuleVerdict = Exclude<Verdict, 'compatible'>;

const VERDICT_RANK: Record<Verdict, number> = { compatible: 0, conditional: 1, incompatible: 2 };

/** The worse of verdicts (compatible when given none). */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'compatible';
  for (const verdict of verdicts) if (VERDICT_RANK[verdict] > VERDICT_RANK[worst]) worst = verdict;
  return worst;
}

/** The better of verdicts (incompatible when given none). */
export function bestVerdict(verdicts: Iterable<Verdict>): Verdict {
  let best: Verdict | undefined;
  for (const verdict of verdicts) if (best === undefined || VERDICT_RANK[verdict] < VERDICT_RANK[best]) best = verdict;
  return best ?? 'incompatible';
}

/** Terms that carry a value and a clause (every key but the bare `spdxCompatible` flag). */
export type TermKey = Exclude<keyof LicenseTerms, 'spdxCompatible'>;
export type TermOf<K extends TermKey> = NonNullable<LicenseTerms[K]>;
export type TermValue<K extends TermKey> = TermOf<K>['value'];

/** Boolean facts of the use a condition can test. */
export type UseFlag = 'commercial' | 'distributesWeights' | 'fineTunes' | 'outputsTrainOtherModels';

/**
 * A declarative condition over (term value, use):
 * - `{ valueIn: [...] }`: the term's value is one of these;
 * - `{ use: 'fineTunes', is: true }`: a flag of the use;
 * - `{ usersVsValue: 'above' | 'atMost' }`: use.monthlyActiveUsers compared with the term's (numeric) value;
 * - `{ all: [...] }`, `{ any: [...] }`, `{ not: ... }`; `{ all: [] }` always holds.
 */
export type Condition<K extends TermKey> =
  | { readonly valueIn: readonly TermValue<K>[] }
  | { readonly use: UseFlag; readonly is: boolean }
  | { readonly usersVsValue: 'above' | 'atMost' }
  | { readonly all: readonly Condition<K>[] }
  | { readonly any: readonly Condition<K>[] }
  | { readonly not: Condition<K> };

/**
 * Text templates, filled from the term, the license and the use:
 * {value} the term's value (numbers grouped: 700,000,000), {detail} the term's detail (else its quote),
 * {section}, {quote}, {license} the license's name, {version}, {users} use.monthlyActiveUsers.
 */
export type Template = string;

export interface RuleFor<K extends TermKey> {
  /** Stable id, cited in every reason the rule gives. */
  readonly id: string;
  /** The one term the rule reads; a license without the term never fires the rule. */
  readonly term: K;
  readonly when: Condition<K>;
  readonly verdict: RuleVerdict;
  /** What the user must do; none for rules that only forbid. */
  readonly obligation?: Template;
  readonly reason: {
    /** The clause's name, as a lawyer would file it: "Commercial use", "User cap"... */
    readonly clause: string;
    /** Why the rule fired, in one sentence. */
    readonly message: Template;
  };
}

/** Any rule: a union over the terms, so each rule's `valueIn` is checked against its own term's values. */
export type LicenseRule = { [K in TermKey]: RuleFor<K> }[TermKey];

const ALWAYS = { all: [] } as const;

export const LICENSE_RULES = [
  // -- commercial use ---------------------------------------------------------------------------
  {
    id: 'commercial-use-forbidden',
    term: 'commercialUse',
    when: { all: [{ valueIn: ['forbidden'] }, { use: 'commercial', is: true }] },
    verdict: 'incompatible',
    reason: {
      clause: 'Commercial use',
      message: 'The {license} forbids commercial use; a commercial use needs a separate license from the licensor.',
    },
  },
  {
    id: 'non-commercial-only',
    term: 'commercialUse',
    when: { all: [{ valueIn: ['forbidden'] }, { use: 'commercial', is: false }] },
    verdict: 'conditional',
    obligation: 'Keep every use non-commercial, as “{section}” of the {license} requires; a commercial use needs a separate license from the licensor.',
    reason: { clause: 'Commercial use', message: 'The {license} allows non-commercial use only.' },
  },
  {
    id: 'commercial-use-conditional',
    term: 'commercialUse',
    when: { all: [{ valueIn: ['conditional'] }, { use: 'commercial', is: true }] },
    verdict: 'conditional',
    obligation: 'Meet the conditions on commercial use in “{section}” of the {license}.',
    reason: { clause: 'Commercial use', message: 'The {license} allows commercial use on conditions.' },
  },
  // -- user cap -----------------------------------------------------------------------------------
  {
    id: 'user-cap-exceeded',
    term: 'userCapMau',
    when: { usersVsValue: 'above' },
    verdict: 'incompatible',
    reason: {
      clause: 'Monthly active user cap',
      message: '{users} monthly active users exceed the {value} cap of the {license}: the use needs a separate license from the licensor.',
    },
  },
  {
    id: 'user-cap-watch',
    term: 'userCapMau',
    when: { usersVsValue: 'atMost' },
    verdict: 'conditional',
    obligation: 'Stay at or below {value} monthly active users (now {users}); above that, request a separate license from the licensor.',
    reason: { clause: 'Monthly active user cap', message: '{users} monthly active users are within the {value} cap of the {license}.' },
  },
  // -- attribution and naming ---------------------------------------------------------------------
  {
    id: 'attribution',
    term: 'attribution',
    when: ALWAYS,
    verdict: 'conditional',
    obligation: 'Display “{value}” on the product, its website or its documentation (“{section}”).',
    reason: { clause: 'Attribution', message: 'The {license} requires attribution: “{value}”.' },
  },
  {
    id: 'derivative-naming',
    term: 'derivativeNaming',
    when: { use: 'fineTunes', is: true },
    verdict: 'conditional',
    obligation: 'Begin the name of the fine-tuned model with “{value}” when it is distributed or made available (“{section}”).',
    reason: { clause: 'Naming of derivative models', message: 'Under the {license}, a model created or improved with this model must carry “{value}” at the start of its name.' },
  },
  // -- outputs ------------------------------------------------------------------------------------
  {
    id: 'output-training-forbidden',
    term: 'outputTraining',
    when: { all: [{ valueIn: ['forbidden'] }, { use: 'outputsTrainOtherModels', is: true }] },
    verdict: 'incompatible',
    reason: { clause: 'Training other models on outputs', message: 'The {license} forbids using outputs to train other models: {detail}' },
  },
  {
    id: 'output-training-family-only',
    term: 'outputTraining',
    when: { all: [{ valueIn: ['family-only'] }, { use: 'outputsTrainOtherModels', is: true }] },
    verdict: 'incompatible',
    reason: {
      clause: 'Training other models on outputs',
      message: 'Under the {license}, outputs may improve only the licensor’s own model family, not another model: {detail}',
    },
  },
  {
    id: 'output-training-family-scope',
    term: 'outputTraining',
    when: { all: [{ valueIn: ['family-only'] }, { use: 'fineTunes', is: true }, { use: 'outputsTrainOtherModels', is: false }] },
    verdict: 'conditional',
    obligation: 'Use outputs to improve only this model family and its derivatives, no other model: {detail}',
    reason: { clause: 'Training other models on outputs', message: 'The {license} limits training with its outputs to its own model family.' },
  },
  {
    id: 'output-training-conditional',
    term: 'outputTraining',
    when: { all: [{ valueIn: ['conditional'] }, { use: 'outputsTrainOtherModels', is: true }] },
    verdict: 'conditional',
    obligation: 'When training other models on outputs: {detail}',
    reason: { clause: 'Training other models on outputs', message: 'The {license} allows training other models on outputs on conditions.' },
  },
  {
    id: 'output-use-restricted-commercial',
    term: 'outputUseRestricted',
    when: { all: [{ valueIn: [true] }, { use: 'commercial', is: true }] },
    verdict: 'incompatible',
    reason: {
      clause: 'Use of outputs',
      message: 'Under the {license}, outputs carry the same limits as the model: a commercial use of outputs is not allowed.',
    },
  },
  {
    id: 'output-use-restricted',
    term: 'outputUseRestricted',
    when: { all: [{ valueIn: [true] }, { use: 'commercial', is: false }] },
    verdict: 'conditional',
    obligation: 'Use the outputs too only for the purposes the {license} permits (“{section}”).',
    reason: { clause: 'Use of outputs', message: 'Under the {license}, outputs carry the same limits as the model.' },
  },
  // -- use policy ---------------------------------------------------------------------------------
  {
    id: 'acceptable-use-policy',
    term: 'acceptableUsePolicy',
    when: ALWAYS,
    verdict: 'conditional',
    obligation: 'Comply with the acceptable use policy at {value} (“{section}”).',
    reason: { clause: 'Acceptable use policy', message: 'Every use of the model must follow the acceptable use policy of the {license}.' },
  },
  // -- distribution -------------------------------------------------------------------------------
  {
    id: 'pass-through',
    term: 'passThrough',
    when: { all: [{ valueIn: [true] }, { use: 'distributesWeights', is: true }] },
    verdict: 'conditional',
    obligation:
      'Pass the {license} and its use restrictions on to every recipient of the weights or of derivatives (fine-tuned or distilled models), as “{section}” requires.',
    reason: { clause: 'Pass-through of restrictions', message: 'Recipients of the weights or of derivatives must be bound by the use restrictions of the {license}.' },
  },
  {
    id: 'notice-required',
    term: 'noticeRequired',
    when: { all: [{ valueIn: [true] }, { use: 'distributesWeights', is: true }] },
    verdict: 'conditional',
    obligation: 'Ship the {license} text and its notice with every copy of the weights or derivatives (“{section}”).',
    reason: { clause: 'License and notice', message: 'Copies of the weights and derivatives must carry the {license} and its notice.' },
  },
  {
    id: 'redistribution-forbidden',
    term: 'redistribution',
    when: { all: [{ valueIn: ['forbidden'] }, { use: 'distributesWeights', is: true }] },
    verdict: 'incompatible',
    reason: { clause: 'Redistribution', message: 'The {license} does not allow distributing the model or its materials.' },
  },
  {
    id: 'redistribution-conditional',
    term: 'redistribution',
    when: { all: [{ valueIn: ['conditional'] }, { use: 'distributesWeights', is: true }] },
    verdict: 'conditional',
    obligation: 'Distribute the weights and derivatives only on the conditions of “{section}” of the {license}.',
    reason: { clause: 'Redistribution', message: 'The {license} allows distribution on conditions.' },
  },
  {
    id: 'copyleft',
    term: 'copyleft',
    when: { all: [{ valueIn: ['weak', 'strong'] }, { use: 'distributesWeights', is: true }] },
    verdict: 'conditional',
    obligation: 'Release distributed modifications of the model under the {license} ({value} copyleft, “{section}”).',
    reason: { clause: 'Copyleft', message: 'The {license} is {value} copyleft: distributed modifications stay under it.' },
  },
  {
    id: 'no-patent-grant',
    term: 'patentGrant',
    when: { all: [{ valueIn: [false] }, { use: 'commercial', is: true }, { use: 'distributesWeights', is: true }] },
    verdict: 'conditional',
    obligation: 'Clear patent rights separately: the {license} grants none (“{section}”).',
    reason: { clause: 'Patents', message: 'The {license} grants no patent license.' },
  },
] as const satisfies readonly LicenseRule[];

/** The term cited when no rule fires: the license's grant, which a compatible verdict rests on. */
export const GRANT_TERM = 'commercialUse' satisfies TermKey;

/** A clause a verdict rests on. */
export interface LicenseReason {
  /** The rule that fired (or "grant", or "product-license:..." for product-license checks). */
  rule: string;
  verdict: Verdict;
  clause: string;
  section: string;
  quote: string;
  url: string;
  message: string;
}

export interface LicenseEvaluation {
  verdict: Verdict;
  obligations: string[];
  reasons: LicenseReason[];
}

export interface LicenseIdentity {
  id: string;
  name: string;
  /** The license version's URL: the default source of every quote. */
  url: string;
  version: string;
}

interface AnyTerm {
  value: unknown;
  section: string;
  quote: string;
  url?: string;
  detail?: string;
}

function termOf(terms: LicenseTerms, key: TermKey): AnyTerm | undefined {
  return terms[key] as AnyTerm | undefined;
}

function holds(condition: Condition<TermKey>, term: AnyTerm, use: LicenseUse): boolean {
  if ('valueIn' in condition) return (condition.valueIn as readonly unknown[]).includes(term.value);
  if ('use' in condition) return use[condition.use] === condition.is;
  if ('usersVsValue' in condition) {
    if (typeof term.value !== 'number') return false;
    return condition.usersVsValue === 'above' ? use.monthlyActiveUsers > term.value : use.monthlyActiveUsers <= term.value;
  }
  if ('all' in condition) return condition.all.every((part) => holds(part, term, use));
  if ('any' in condition) return condition.any.some((part) => holds(part, term, use));
  return !holds(condition.not, term, use);
}

const numberFormat = new Intl.NumberFormat('en-US');

function display(value: unknown): string {
  return typeof value === 'number' ? numberFormat.format(value) : String(value);
}

/** Fills a template; an unknown placeholder is a bug in the rules, so it throws. */
export function fillTemplate(template: Template, term: AnyTerm, license: LicenseIdentity, use: LicenseUse): string {
  const values: Record<string, string> = {
    value: display(term.value),
    detail: term.detail ?? term.quote,
    section: term.section,
    quote: term.quote,
    license: license.name,
    version: license.version,
    users: display(use.monthlyActiveUsers),
  };
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`license rule template uses unknown placeholder {${name}}: ${template}`);
    return value;
  });
}

export function reasonFor(
  rule: string,
  verdict: Verdict,
  clause: string,
  term: { section: string; quote: string; url?: string },
  license: LicenseIdentity,
  message: string,
): LicenseReason {
  return { rule, verdict, clause, section: term.section, quote: term.quote, url: term.url ?? license.url, message };
}

/**
 * Runs every rule over the license's terms for this use. Verdict = the worst of the rules that fired
 * (compatible when none did, resting then on the license's grant clause); obligations in rule order,
 * without duplicates; one reason per fired rule, each with the clause's section, quote and URL.
 */
export function evaluateLicense(
  terms: LicenseTerms,
  license: LicenseIdentity,
  use: LicenseUse,
  rules: readonly LicenseRule[] = LICENSE_RULES,
): LicenseEvaluation {
  const obligations: string[] = [];
  const reasons: LicenseReason[] = [];
  for (const rule of rules) {
    const term = termOf(terms, rule.term);
    if (!term || !holds(rule.when as Condition<TermKey>, term, use)) continue;
    if (rule.obligation !== undefined) {
      const obligation = fillTemplate(rule.obligation, term, license, use);
      if (!obligations.includes(obligation)) obligations.push(obligation);
    }
    reasons.push(reasonFor(rule.id, rule.verdict, rule.reason.clause, term, license, fillTemplate(rule.reason.message, term, license, use)));
  }
  const verdict = worstVerdict(reasons.map((reason) => reason.verdict));
  if (reasons.length === 0) {
    const grant = termOf(terms, GRANT_TERM)!;
    reasons.push(
      reasonFor('grant', 'compatible', 'Grant of rights', grant, license, `No term of the ${license.name} restricts this use.`),
    );
  }
  return { verdict, obligations, reasons };
}
