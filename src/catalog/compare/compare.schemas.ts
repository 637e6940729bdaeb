import { z } from 'zod';

import { formatSchema, slugListSchema } from '../../common/list-query.js';

const tokens = z.coerce.number().int().min(0).max(10_000_000);

export const compareQuerySchema = z
  .object({
    models: slugListSchema.pipe(z.array(z.string()).min(1).max(10)),
    requestsPerMonth: z.coerce.number().int().min(0).max(1e12).default(10_000_000),
    inputTokens: tokens.default(500),
    outputTokens: tokens.default(500),
    format: formatSchema,
  })
  .strict();

export type CompareQuery = z.output<typeof compareQuerySchema>;
