import { z } from 'zod';

import { formatSchema, isoDateSchema, slugListSchema } from '../../common/list-query.js';

const tokens = z.coerce.number().int().min(0).max(10_000_000);

export const compareQuerySchema = z
  .object({
    models: slugListSchema.pipe(z.array(z.string()).min(1).max(10)),
    requestsPerMonth: z.coerce.number().int().min(0).max(1e12).default(10_000_000),
    inputTokens: tokens.default(500),
    outputTokens: tokens.default(500),
    /** Price as of this day (end of day, UTC) instead of now. */
    pricesAsOf: isoDateSchema.optional(),
    /** Only prices from this source, e.g. "article" to reproduce the article's figures. */
    priceSource: z.string().regex(/^[a-z0-9.-]+$/, 'a source name such as article, litellm, seed').optional(),
    format: formatSchema,
  })
  .strict();

export type CompareQuery = z.output<typeof compareQuerySchema>;
