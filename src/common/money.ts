import { Decimal } from 'decimal.js';

/** Exact decimals for money: 40 significant digits, no exponent notation in output. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Money = Decimal;

export type DecimalInput = string | number | { toString(): string };

export function toMoney(value: DecimalInput): Decimal {
  return new Money(typeof value === 'object' ? value.toString() : value);
}

/** A decimal as a plain string without trailing zeros: "0.270000000000" -> "0.27", "1440.00" -> "1440". */
export function formatDecimal(value: DecimalInput | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = toMoney(value).toFixed();
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Rounds to cents for display of totals (half-even), keeping the exact value elsewhere. */
export function formatUsdCents(value: DecimalInput): string {
  return toMoney(value).toFixed(2);
}

export const TOKENS_PER_PRICE_UNIT = 1_000_000;
export { TOKEN_PRICE_UNIT } from '../../scrapers/shared/price-line.js';

export function compareDecimals(a: DecimalInput, b: DecimalInput): number {
  return toMoney(a).comparedTo(toMoney(b));
}
