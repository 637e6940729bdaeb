import { describe, expect, it } from 'vitest';

import { countToBillions, decimalStringToText, floatToDecimal, numberToDecimalText, perTokenToPerMillion, plainDecimal } from './decimal.js';

describe('price decimals', () => {
  it.each([
    [2.5e-6, '2.5'],
    [1.5e-7, '0.15'],
    [1e-5, '10'],
    [3e-6, '3'],
    [8.8e-7, '0.88'],
    [2.19e-6, '2.19'],
    [6.25e-8, '0.0625'],
    [1.0490417e-8, '0.010490417'],
    [0, '0'],
    [3.0000000000000004e-7, '0.3'], // float noise, 17 digits
  ])('%s USD per token -> %s USD per 1M tokens', (perToken, perMillion) => {
    expect(perTokenToPerMillion(perToken)).toBe(perMillion);
  });

  it('converts per-token strings exactly', () => {
    expect(perTokenToPerMillion('0.000003')).toBe('3');
    expect(decimalStringToText('0.000003', true)).toBe('3');
    expect(decimalStringToText('0.00000008333333333333334', true)).toBe('0.08333333333333334');
    expect(decimalStringToText('abc')).toBeUndefined();
  });

  it('never writes exponents or trailing zeros', () => {
    expect(plainDecimal('1e-12')).toBe('0.000000000001');
    expect(plainDecimal('2.50')).toBe('2.5');
    expect(plainDecimal('1440.00')).toBe('1440');
    expect(numberToDecimalText(0.049999999999999996)).toBe('0.05');
    expect(numberToDecimalText(0.00875)).toBe('0.00875');
    expect(floatToDecimal(2000000).toFixed()).toBe('2000000');
  });

  it('refuses negative and non-finite numbers', () => {
    expect(() => perTokenToPerMillion(-1e-6)).toThrow(RangeError);
    expect(() => numberToDecimalText(Number.NaN)).toThrow(RangeError);
  });

  it('writes parameter counts in billions', () => {
    expect(countToBillions(70553706496)).toBe('70.553706496');
    expect(countToBillions(8_000_000_000)).toBe('8');
  });
});
