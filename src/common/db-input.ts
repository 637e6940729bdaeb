import { z } from 'zod';

/**
 * Input bounded to what the database column can hold, checked with the rest of the input (a 400
 * naming the field) instead of failing in PostgreSQL (a 500): `offeringId: 2147483648` does not
 * fit an int4, a cursor's "1e999" is not a numeric, a NUL cannot be stored in text.
 */

/** Largest value of an `integer` (int4, Prisma `Int`, `serial`) column. */
export const INT4_MAX = 2_147_483_647;
/** Largest value of a `bigint` (int8, Prisma `BigInt`, `bigserial`) column. */
export const INT8_MAX = 9_223_372_036_854_775_807n;

const NUL = '\u0000';

function idRange(what: string) {
  const range = `${what}: a whole number from 1 to ${INT4_MAX}`;
  return { type: `expected ${range}`, small: `too small, expected ${range}`, large: `too large, expected ${range}` };
}

/**
 * An id of an int4 column (`serial`, Prisma `Int`), 1..2147483647, from JSON (a body, GraphQL
 * variables, a decoded cursor): a string, a float, -1, 1e300 or 2147483648 is a 400.
 */
export function int4IdSchema(what = 'an id') {
  const message = idRange(what);
  return z.number({ error: message.type }).int({ error: message.type }).positive({ error: message.small }).max(INT4_MAX, { error: message.large });
}

/** The same id from text (a path or query parameter, "42"), coerced to a number first. */
export function int4IdTextSchema(what = 'an id') {
  const message = idRange(what);
  return z.coerce.number({ error: message.type }).int({ error: message.type }).positive({ error: message.small }).max(INT4_MAX, { error: message.large });
}

/**
 * An id of a bigint column written as decimal text (price point ids outgrow JS numbers):
 * 1..9223372036854775807, digits only.
 */
export function int8IdTextSchema(what = 'an id') {
  const range = `${what}: a whole number from 1 to ${INT8_MAX}, as digits`;
  return (
    z
      .string({ error: `expected ${range}` })
      .regex(/^\d{1,19}$/, { error: `expected ${range}` })
      // Checks do not stop at the first failure: only digits reach BigInt.
      .refine((value) => !/^\d{1,19}$/.test(value) || (BigInt(value) >= 1n && BigInt(value) <= INT8_MAX), { error: `out of range, expected ${range}` })
  );
}

/** Text that PostgreSQL can store and compare: no NUL, bounded length. */
export function dbTextSchema(maxLength = 1000, minLength = 0) {
  return z
    .string()
    .min(minLength)
    .max(maxLength)
    .refine((value) => !value.includes(NUL), { error: 'must not contain the NUL character (U+0000)' });
}

/**
 * A decimal as PostgreSQL writes a finite `numeric` as text ("128000", "0.15000000", "-2.5"):
 * what may go back to the database as `$n::numeric`. No exponent, no NaN or Infinity.
 */
export const numericTextSchema = z.string().regex(/^-?\d{1,40}(\.\d{1,40})?$/, { error: 'expected a finite decimal number such as 0.15' });

/** A calendar day as PostgreSQL writes a `date` (ISO DateStyle), years 0001..9999. */
export const dateTextSchema = z.iso
  .date({ error: 'expected a date as YYYY-MM-DD' })
  .refine((value) => !value.startsWith('0000-'), { error: 'expected a date from year 0001' });

/** An instant as `Date#toISOString` writes it, years 0001..9999 (what a timestamptz parameter can hold). */
export const timestampTextSchema = z.iso
  .datetime({ precision: 3, error: 'expected an ISO timestamp such as 2026-01-01T00:00:00.000Z' })
  .refine((value) => !value.startsWith('0000-') && !Number.isNaN(Date.parse(value)), { error: 'expected a real instant from year 0001' });

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A day (YYYY-MM-DD, its start in UTC) or an ISO date-time with an offset, as a `timestamptz`
 * written through Prisma can hold: 0001-01-01 to 9999-12-31 in UTC, after the offset
 * (`0000-01-01` and `9999-12-31T23:59:59-14:00` were a 500).
 */
export const dayOrInstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'expected YYYY-MM-DD or an ISO date-time' }).refine(
  (value) => {
    const at = Date.parse(value.length === 10 ? `${value}T00:00:00.000Z` : value);
    return at >= FIRST_INSTANT && at <= LAST_INSTANT;
  },
  { error: 'out of range: expected a time from 0001-01-01 to 9999-12-31 (UTC)' },
);
