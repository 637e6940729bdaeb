/**
 * Exact price arithmetic for scrapers. Sources hand us floats (LiteLLM, models.dev), strings
 * (OpenRouter) or page text ("$0.88"); records carry non-negative decimal text, never a float.
 */
import { Decimal } from 'decimal.js';

/** 40 significant digits, never exponent notation in toString. */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });

const TOKENS_PER_UNIT = 1_000_000;

/** Plain decimal text without exponent and without trailing zeros: "2.50" -> "2.5", "3.0" -> "3". */
export function plainDecimal(value: Decimal.Value): string {
  const text = new Exact(value).toFixed();
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * The decimal a float stands for: its shortest round-trip text (String(x)), except that a float
 * needing 16-17 significant digits is float-arithmetic noise (0.049999999999999996 for 0.05) and is
 * rounded to 15, the digits a double always holds exactly. Every value written with <= 15 digits is
 * taken verbatim.
 */
export function floatToDecimal(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const shortest = new Exact(String(value));
  const digits = shortest.isZero() ? 1 : shortest.precision(true);
  return digits > 15 ? new Exact(shortest.toSignificantDigits(15)) : shortest;
}

/** USD per token (a float) -> USD per 1M tokens as decimal text: 2.5e-06 -> "2.5", 1.5e-7 -> "0.15". */
export function perTokenToPerMillion(value: number | string): string {
  const decimal = typeof value === 'number' ? floatToDecimal(value) : new Exact(value.trim());
  if (decimal.isNegative()) throw new RangeError(`negative price: ${value}`);
  return plainDecimal(decimal.times(TOKENS_PER_UNIT));
}

/** A float already in its final unit (USD per 1M tokens, per image...) -> decimal text. */
export function numberToDecimalText(value: number): string {
  const decimal = floatToDecimal(value);
  if (decimal.isNegative()) throw new RangeError(`negative price: ${value}`);
  return plainDecimal(decimal);
}

/** A decimal string ("0.000003") -> decimal text, or undefined when it is not a plain number. */
export function decimalStringToText(value: string, timesMillion = false): string | undefined {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(trimmed) && !/^-?\.\d+$/.test(trimmed)) return undefined;
  const decimal = new Exact(trimmed);
  return plainDecimal(timesMillion ? decimal.times(TOKENS_PER_UNIT) : decimal);
}

/** Compare two decimal texts numerically. */
export function decimalEquals(a: string, b: string): boolean {
  return new Exact(a).equals(new Exact(b));
}

/** Billions from a raw count: 70553706496 -> "70.553706496". */
export function countToBillions(count: number): string {
  return plainDecimal(new Exact(Math.round(count)).dividedBy(1_000_000_000));
}

export function lessThan(value: string, threshold: string | number): boolean {
  return new Exact(value).lessThan(threshold);
}
