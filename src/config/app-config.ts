import { z } from 'zod';

import { decisionConfigSchema } from './decision.config.js';

/** Every environment variable the service reads, parsed once at start. Nothing else reads process.env. */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const DEFAULT_SOURCE_PRIORITY = [
  'manual',
  'provider-page',
  'litellm',
  'models.dev',
  'openrouter',
  'huggingface',
  'seed',
  'article',
] as const;

export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A postgres:// URL. Without it the service runs on an embedded PostgreSQL (PGlite) under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Apply pending migrations at start (always on in embedded mode). */
  MIGRATE_ON_START: booleanFlag.optional(),
  /** Load the seed catalog at start when the catalog is empty (always on in embedded mode). */
  SEED_ON_START: booleanFlag.optional(),
  /** Reads (GET /v1/..., GraphQL) need an API key with the read scope too. Writes always need one. */
  READ_REQUIRES_KEY: booleanFlag.default(false),
  /** Requests per minute and client IP, and per API key (a key gets its own, larger, allowance). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_KEY_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(3000),
  /** Allowed browser origins for CORS: "*" or a comma-separated list; empty = same origin only. */
  CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.url()])))
    .default([]),
  /** Behind a load balancer: take the client IP from X-Forwarded-For. */
  TRUST_PROXY: booleanFlag.default(false),
  /** A statement of the service that runs longer is cancelled (0: no limit); the request gets a 503. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * Time a client has to send its whole request, headers and body (a slow or stalled sender is
   * answered 408 and its connection closed, not waited for).
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  /** Responses kept in memory per instance (0 turns the response cache off). */
  RESPONSE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  /** Bound on the memory the cached responses take, per instance. */
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(0).max(4 * 1024 ** 3).default(32 * 1024 ** 2),
  /** A cached response is recomputed after this long even if the catalog did not change. */
  RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Cache-Control max-age sent to clients on GET responses. */
  HTTP_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  GRAPHQL_INTROSPECTION: booleanFlag.default(true),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(50).default(8),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  /** Bounds on a GraphQL document's text, checked before it is parsed or cached (see graphql/document-limits.ts). */
  GRAPHQL_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(256).max(1024 * 1024).default(16 * 1024),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(16).max(100_000).default(1000),
  GRAPHQL_MAX_REPEATED_FIELDS: z.coerce.number().int().min(1).max(1000).default(5),
  GRAPHQL_MAX_NESTING: z.coerce.number().int().min(4).max(1000).default(32),
  /** Documents kept parsed and validated (with their compiled plans), per instance. */
  GRAPHQL_DOCUMENT_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(200),
  /** A price moving by more than this factor (either way), or dropping to zero, is quarantined. */
  INGEST_ANOMALY_FACTOR: z.coerce.number().gt(1).max(1_000_000).default(10),
  /** A run fails when more than this share of a source's records fail its schema. */
  INGEST_MAX_REJECTED_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  /**
   * A run that would unlist more than this share of the offerings its source lists is held for
   * review (nothing applied) instead of applied; 1 turns the guard off. Real LiteLLM snapshots three
   * weeks apart unlisted at most 5.9% (2025-2026); a truncated payload unlists nearly everything.
   */
  INGEST_MAX_UNLIST_SHARE: z.coerce.number().min(0).max(1).default(0.2),
  /** ...but only when it would unlist at least this many: a tiny source losing a few entries is not held. */
  INGEST_UNLIST_HOLD_MIN_COUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Per-request timeout and attempts when fetching a source. */
  SCRAPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  SCRAPE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  SCRAPE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Let scrapers fetch from 127.0.0.1/localhost (a local mirror of a source; tests). */
  SCRAPE_ALLOW_LOOPBACK: booleanFlag.default(false),
  /**
   * Cron schedules per source, off when empty: "litellm=0 *\/6 * * *;models.dev=30 *\/6 * * *".
   * Run through pg-boss in the same database: each tick runs once across all instances.
   */
  SCRAPE_SCHEDULES: z
    .string()
    .transform((value, ctx) => {
      const schedules: { source: string; cron: string }[] = [];
      for (const part of value.split(';').map((item) => item.trim()).filter(Boolean)) {
        const match = /^([a-z0-9.-]+)\s*=\s*(\S+(?:\s+\S+){4})$/.exec(part);
        if (!match) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not source=<five-field cron>` });
          return z.NEVER;
        }
        schedules.push({ source: match[1]!, cron: match[2]! });
      }
      return schedules;
    })
    .default([]),
  /** Which source wins when two price points take effect at the same instant, first wins. */
  PRICE_SOURCE_PRIORITY: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$/, 'source names are lower-case words')).min(1))
    .default([...DEFAULT_SOURCE_PRIORITY]),
  /** DECISION_HOURS_PER_MONTH (default 720) and DECISION_OPS_COST_USD_PER_MONTH (default 0): see decision.config.ts. */
  ...decisionConfigSchema.shape,
});

export type AppConfig = z.infer<typeof appConfigSchema> & {
  /** True when DATABASE_URL is unset and the service owns an in-process PostgreSQL. */
  embedded: boolean;
};

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset": shells and .env files produce them easily.
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = appConfigSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(root)'),
        message: issue.message,
      })),
    );
  }
  return { ...parsed.data, embedded: parsed.data.DATABASE_URL === undefined };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
