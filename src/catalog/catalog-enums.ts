import type { ModelKind, ProviderKind } from '../generated/prisma/enums.js';

/** The API spells enum values as the database does ("open-weights"); Prisma needs identifiers. */
export const MODEL_KINDS = ['closed', 'open-weights'] as const;
export type ApiModelKind = (typeof MODEL_KINDS)[number];

const MODEL_KIND_TO_DB: Record<ApiModelKind, ModelKind> = { closed: 'closed', 'open-weights': 'open_weights' };
export const modelKindToDb = (kind: ApiModelKind): ModelKind => MODEL_KIND_TO_DB[kind];
export const modelKindToApi = (kind: ModelKind): ApiModelKind => (kind === 'open_weights' ? 'open-weights' : 'closed');

export const PROVIDER_KINDS = ['closed-lab', 'inference-host', 'cloud', 'gpu-cloud', 'self-host-runtime'] as const;
export type ApiProviderKind = (typeof PROVIDER_KINDS)[number];
export const providerKindToDb = (kind: ApiProviderKind): ProviderKind => kind.replaceAll('-', '_') as ProviderKind;
export const providerKindToApi = (kind: ProviderKind): ApiProviderKind => kind.replaceAll('_', '-') as ApiProviderKind;

/** A date column as "YYYY-MM-DD". */
export function isoDay(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
