import { z } from 'zod';

import { cursorSchema, decimalStringSchema, formatSchema, limitSchema, slugListSchema } from '../../common/list-query.js';
import { MODEL_KINDS } from '../catalog-enums.js';

export const modelSlugSchema = z.string().min(1).max(200);

const benchmarkSlug = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'a benchmark slug such as mmlu');

/** "mmlu:85" -> {benchmark: "mmlu", min: "85"}: models whose best MMLU is at least 85. */
const scoreFilterSchema = z
  .string()
  .transform((value, ctx) => {
    const match = /^([a-z0-9][a-z0-9.-]*):(\d{1,6}(?:\.\d{1,6})?)$/.exec(value.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'expected benchmark:minimum, e.g. mmlu:85' });
      return z.NEVER;
    }
    return { benchmark: match[1]!, min: match[2]! };
  });

export const MODEL_SORT_KEYS = [
  'slug',
  'name',
  'releaseDate',
  'contextWindow',
  'parameters',
  'inputPrice',
  'outputPrice',
] as const;

/** "-releaseDate", "inputPrice", "-score:mmlu". */
const sortSchema = z
  .string()
  .transform((value, ctx) => {
    const descending = value.startsWith('-');
    const key = descending ? value.slice(1) : value;
    if (key.startsWith('score:')) {
      const benchmark = benchmarkSlug.safeParse(key.slice('score:'.length));
      if (benchmark.success) return { key: 'score' as const, benchmark: benchmark.data, descending };
    } else if ((MODEL_SORT_KEYS as readonly string[]).includes(key)) {
      return { key: key as (typeof MODEL_SORT_KEYS)[number], descending };
    }
    ctx.addIssue({
      code: 'custom',
      message: `unknown sort key "${value}": use ${MODEL_SORT_KEYS.join(', ')} or score:<benchmark>, with - for descending`,
    });
    return z.NEVER;
  });

export type ModelSort = z.output<typeof sortSchema>;

export const modelListQuerySchema = z
  .object({
    kind: z.enum(MODEL_KINDS).optional(),
    creator: slugListSchema.optional(),
    family: slugListSchema.optional(),
    license: slugListSchema.optional(),
    commercialUse: z.enum(['allowed', 'conditional', 'forbidden']).optional(),
    provider: slugListSchema.optional(),
    modality: z.enum(['text', 'image', 'audio', 'video', 'pdf', 'embedding']).optional(),
    minContext: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
    score: z.union([scoreFilterSchema, z.array(scoreFilterSchema).max(10)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
    maxInputPrice: decimalStringSchema.optional(),
    maxOutputPrice: decimalStringSchema.optional(),
    status: z.enum(['active', 'deprecated', 'discovered', 'all']).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    sort: sortSchema.default({ key: 'slug', descending: false }),
    limit: limitSchema,
    cursor: cursorSchema,
    format: formatSchema,
  })
  .strict();

export type ModelListQuery = z.output<typeof modelListQuerySchema>;
