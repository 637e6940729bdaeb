/**
 * Declarative conditions over a record of facts, shared by the decision framework's rules and the
 * routing rules: a rule is data (`when`), and one function (`holds`) decides whether it fires.
 */
import { toMoney } from '../common/money.js';

export type FactValue = string | number | boolean | null;
export type Facts = Readonly<Record<string, FactValue>>;

/**
 * - `{ fact, equals }`: the fact has this value;
 * - `{ fact, in: [...] }`: the fact is one of these;
 * - `{ fact, above }` / `{ fact, below }` / `{ fact, atLeast }`: numeric comparison (exact decimals;
 *   a null fact never compares);
 * - `{ all: [...] }`, `{ any: [...] }`, `{ not }`; `{ all: [] }` always holds.
 */
export type Condition<F extends string = string> =
  | { readonly fact: F; readonly equals: string | number | boolean }
  | { readonly fact: F; readonly in: readonly (string | number | boolean)[] }
  | { readonly fact: F; readonly above: number | string }
  | { readonly fact: F; readonly below: number | string }
  | { readonly fact: F; readonly atLeast: number | string }
  | { readonly all: readonly Condition<F>[] }
  | { readonly any: readonly Condition<F>[] }
  | { readonly not: Condition<F> };

export const ALWAYS = { all: [] } as const;

function compare(value: FactValue, limit: number | string): number | null {
  if (value === null || typeof value === 'boolean') return null;
  return toMoney(value).comparedTo(toMoney(limit));
}

export function holds<F extends string>(condition: Condition<F>, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, facts));
  if ('any' in condition) return condition.any.some((part) => holds(part, facts));
  if ('not' in condition) return !holds(condition.not, facts);
  const value = facts[condition.fact] ?? null;
  if ('equals' in condition) {
    if (typeof condition.equals === 'number' && value !== null && typeof value !== 'boolean') return compare(value, condition.equals) === 0;
    return value === condition.equals;
  }
  if ('in' in condition) return value !== null && condition.in.includes(value);
  const limit = 'above' in condition ? condition.above : 'below' in condition ? condition.below : condition.atLeast;
  const order = compare(value, limit);
  if (order === null) return false;
  return 'above' in condition ? order > 0 : 'below' in condition ? order < 0 : order >= 0;
}

/** The facts a condition reads, in the order it reads them: a fired rule reports them as its inputs. */
export function factsRead<F extends string>(condition: Condition<F>, into: F[] = []): F[] {
  if ('all' in condition) for (const part of condition.all) factsRead(part, into);
  else if ('any' in condition) for (const part of condition.any) factsRead(part, into);
  else if ('not' in condition) factsRead(condition.not, into);
  else if (!into.includes(condition.fact)) into.push(condition.fact);
  return into;
}

/** Fills {fact} placeholders from the facts; an unknown placeholder is a bug in the rule data. */
export function fillFacts(template: string, facts: Facts): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (!(name in facts)) throw new Error(`rule template uses unknown fact {${name}}: ${template}`);
    return displayFact(facts[name] ?? null);
  });
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

/** Numbers and decimal strings grouped by thousands ("100,000", "6,260.5"), null as "n/a". */
export function displayFact(value: FactValue): string {
  if (value === null) return 'n/a';
  if (typeof value === 'number') return NUMBER_FORMAT.format(value);
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) {
    const [whole, fraction] = value.split('.');
    return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
  }
  return String(value);
}
