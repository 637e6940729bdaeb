/**
 * The vocabulary of a price line, shared by the scrapers' normalized records, the seed and the
 * service. Every component a price point may have; the database enum price_component holds the
 * same (src/prices/price-components.spec.ts checks it).
 */
export const PRICE_COMPONENTS = [
  'input', 'output', 'cached_input', 'cache_write', 'batch_input', 'batch_output', 'reasoning',
  'audio_input', 'audio_output', 'image', 'request', 'second', 'gpu_hour',
] as const;

export type PriceComponent = (typeof PRICE_COMPONENTS)[number];

/** Token prices are stored and shown in USD per this unit. */
export const TOKEN_PRICE_UNIT = '1M tokens';

/** A condition on a price ({"promptTokensAbove": 200000}, {"tier": "priority"}); none = {}. */
export type PriceCondition = Record<string, string | number | boolean>;

/**
 * Canonical text of a condition: keys sorted, "" for none. Part of the identity of a price line
 * (offering, component, condition), so the same condition always gives the same key.
 */
export function conditionKey(condition: PriceCondition | null | undefined): string {
  if (!condition) return '';
  const keys = Object.keys(condition).sort();
  if (keys.length === 0) return '';
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, condition[key]])));
}

const UNIT_BY_COMPONENT: Record<PriceComponent, string> = {
  input: TOKEN_PRICE_UNIT,
  output: TOKEN_PRICE_UNIT,
  cached_input: TOKEN_PRICE_UNIT,
  cache_write: TOKEN_PRICE_UNIT,
  batch_input: TOKEN_PRICE_UNIT,
  batch_output: TOKEN_PRICE_UNIT,
  reasoning: TOKEN_PRICE_UNIT,
  audio_input: TOKEN_PRICE_UNIT,
  audio_output: TOKEN_PRICE_UNIT,
  image: 'image',
  request: 'request',
  second: 'second',
  gpu_hour: 'GPU hour',
};

export function unitFor(component: PriceComponent): string {
  return UNIT_BY_COMPONENT[component];
}
