import { z } from 'zod';

import { MODEL_KINDS } from '../catalog-enums.js';

export const modelSlugSchema = z.string().min(1).max(200);

export const modelListQuerySchema = z
  .object({
    kind: z.enum(MODEL_KINDS).optional(),
    q: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

export type ModelListQuery = z.output<typeof modelListQuerySchema>;
