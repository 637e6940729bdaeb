import { z } from 'zod';

/** Pieces every list endpoint's query shares. */
export const limitSchema = z.coerce.number().int().min(1).max(500).default(50);
export const cursorSchema = z.string().min(1).max(1000).optional();
export const formatSchema = z.enum(['json', 'csv']).optional();

/** "a,b,c" or repeated ?x=a&x=b -> ["a","b","c"]. */
export const slugListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(200)).min(1).max(50));

/** Decimal written as text ("0.8", "12"), kept exact. */
export const decimalStringSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'expected a non-negative decimal such as 0.8');

/** A calendar day. Year 0000 passes the ISO pattern but PostgreSQL has no year 0 (it was a 500). */
export const isoDateSchema = z.iso
  .date('expected a date as YYYY-MM-DD')
  .refine((value) => !value.startsWith('0000-'), 'expected a date as YYYY-MM-DD, from year 0001');
