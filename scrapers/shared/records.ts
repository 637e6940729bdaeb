/**
 * Helpers every parser shares: reading the payload, validating records against the contract,
 * building candidate ids for matching, and turning a zod failure into a rejection reason.
 */
import type { z } from 'zod';

import { ScraperParseError } from '../http/scraper-errors.js';
import {
  scrapedModelMetaSchema,
  scrapedOfferingSchema,
  type RawPayload,
  type RejectedRecord,
  type ScrapedModelMeta,
  type ScrapedOffering,
  type ScrapedPrice,
} from '../scraper.types.js';

/** "prices.0.usd: a non-negative decimal as text; model.candidateIds: ..." */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export type Validated<T> = { ok: true; value: T } | { ok: false; rejected: RejectedRecord };

export function validateOffering(key: string, candidate: unknown): Validated<ScrapedOffering> {
  const result = scrapedOfferingSchema.safeParse(candidate);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, rejected: { key, reason: `invalid record: ${describeZodError(result.error)}` } };
}

export function validateModelMeta(key: string, candidate: unknown): Validated<ScrapedModelMeta> {
  const result = scrapedModelMetaSchema.safeParse(candidate);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, rejected: { key, reason: `invalid record: ${describeZodError(result.error)}` } };
}

/** The body as JSON, or ScraperParseError naming the source. */
export function parseJsonPayload(source: string, payload: RawPayload): unknown {
  const text = payload.body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ScraperParseError(`${source}: payload is not JSON: ${(error as Error).message}`, {
      source,
      url: payload.url,
      field: 'body',
    });
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A model id reduced for matching: lower-case, last path segment, no OpenRouter ":free" variant,
 * no Bedrock geo/vendor prefix ("us.anthropic.") or version suffix ("-v1:0"), "@" -> "-",
 * "_" and spaces -> "-". "us.anthropic.claude-3-5-haiku-20241022-v1:0" -> "claude-3-5-haiku-20241022".
 */
export function normalizeModelId(id: string): string {
  let text = id.trim().toLowerCase();
  text = text.slice(text.lastIndexOf('/') + 1);
  text = text.replace(/^~/, '');
  text = text.replace(/:(free|beta|extended|thinking|nitro|floor|online)$/, '');
  // Bedrock: [geo.]vendor.model[-vN[:M]]
  const bedrock = /^(?:(?:us|eu|apac|au|jp|ca|global|us-gov)\.)?(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|qwen|openai|writer|google|minimax|moonshot|stability|twelvelabs|luma|nvidia|zai|moonshotai)\.(.+)$/.exec(text);
  if (bedrock) {
    // Drop the artifact version ("-v1:0") unless it is all that tells the model apart:
    // "claude-3-5-haiku-20241022-v1:0" -> "claude-3-5-haiku-20241022", "nova-micro-v1:0" -> "nova-micro",
    // but "claude-v2:1" -> "claude-v2".
    const version = /-v(\d+):\d+$/.exec(bedrock[1]!);
    const rest = version ? bedrock[1]!.slice(0, version.index) : bedrock[1]!;
    text = !version || /\d/.test(rest) || version[1] === '1' ? rest : bedrock[1]!.replace(/:\d+$/, '');
  }
  return text
    .replace(/@/g, '-')
    .replace(/[_\s]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** Non-empty, trimmed, de-duplicated, in the order given (most specific first). */
export function candidateIds(...ids: Array<string | null | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    const trimmed = id?.trim();
    if (!trimmed || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
  }
  return out;
}

/** The part after the last "/" (the whole id when there is none). */
export function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** "YYYY-MM-DD" when `value` is a real calendar date in that form, else undefined. */
export function isoDay(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}

export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function optionalBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((item): item is string => typeof item === 'string' && item.length > 0);
  return items.length ? items : undefined;
}

/** Drops undefined properties so records compare cleanly and optional fields stay absent. */
export function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** Stable identity of a price line within an offering: component + unit + condition. */
export function priceLineKey(price: Pick<ScrapedPrice, 'component' | 'unit' | 'condition'>): string {
  const condition = price.condition
    ? Object.keys(price.condition)
        .sort()
        .map((name) => `${name}=${String(price.condition![name])}`)
        .join(',')
    : '';
  return `${price.component}|${price.unit}|${condition}`;
}

export const TOKEN_UNIT = '1M tokens';

export function tokenPrice(component: ScrapedPrice['component'], usd: string, condition?: ScrapedPrice['condition']): ScrapedPrice {
  return condition && Object.keys(condition).length ? { component, usd, unit: TOKEN_UNIT, condition } : { component, usd, unit: TOKEN_UNIT };
}
