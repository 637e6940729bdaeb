import { z } from 'zod';

import { cursorSchema, formatSchema, limitSchema, slugListSchema } from '../../common/list-query.js';

export const offeringListQuerySchema = z
  .object({
    provider: slugListSchema.optional(),
    model: slugListSchema.optional(),
    providerModelId: z.string().min(1).max(300).optional(),
    status: z.enum(['listed', 'unlisted', 'all']).default('listed'),
    limit: limitSchema,
    cursor: cursorSchema,
    format: formatSchema,
  })
  .strict();
export type OfferingListQuery = z.output<typeof offeringListQuerySchema>;
