import { z } from 'zod';

import { cursorSchema, formatSchema, limitSchema } from '../../common/list-query.js';
import { PROVIDER_KINDS } from '../catalog-enums.js';

export const providerListQuerySchema = z
  .object({
    kind: z.enum(PROVIDER_KINDS).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    limit: limitSchema,
    cursor: cursorSchema,
    format: formatSchema,
  })
  .strict();
export type ProviderListQuery = z.output<typeof providerListQuerySchema>;

export const providerSlugSchema = z.string().min(1).max(200);
