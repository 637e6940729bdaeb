import { z } from 'zod';

import { int4IdTextSchema } from '../common/db-input.js';
import { cursorSchema, formatSchema, isoDateSchema } from '../common/list-query.js';
import { PRICE_COMPONENTS } from '../../scrapers/shared/price-line.js';

const offeringFilter = {
  provider: z.string().min(1).max(200).optional(),
  providerModelId: z.string().min(1).max(300).optional(),
  model: z.string().min(1).max(200).optional(),
  component: z.enum(PRICE_COMPONENTS).optional(),
  source: z.string().regex(/^[a-z0-9.-]+$/, 'a source name such as litellm, seed, article').optional(),
};

export const priceAtQuerySchema = z.object({ date: isoDateSchema, ...offeringFilter, format: formatSchema }).strict();
export type PriceAtQuery = z.output<typeof priceAtQuerySchema>;

const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'expected YYYY-MM-DD or an ISO date-time' });

export const priceHistoryQuerySchema = z
  .object({
    ...offeringFilter,
    from: dateOrTime.optional(),
    to: dateOrTime.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    cursor: cursorSchema,
    format: formatSchema,
  })
  .strict();
export type PriceHistoryQuery = z.output<typeof priceHistoryQuerySchema>;

export const changesQuerySchema = z
  .object({
    since: dateOrTime.optional(),
    until: dateOrTime.optional(),
    provider: offeringFilter.provider,
    model: offeringFilter.model,
    providerModelId: offeringFilter.providerModelId,
    component: offeringFilter.component,
    source: offeringFilter.source,
    minChangePct: z.coerce.number().min(0).max(1_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    format: formatSchema,
  })
  .strict();
export type ChangesQuery = z.output<typeof changesQuerySchema>;

export const offeringIdSchema = int4IdTextSchema('an offering id');
