import { Logger } from '@nestjs/common';
import pg from 'pg';

const logger = new Logger('Database');

/** Connection settings as separate fields (a connectionString would override `database`, see shadowDb). */
export interface PgConnectionFields {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

export function parseDatabaseUrl(url: string): PgConnectionFields {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  };
}

export function formatDatabaseUrl(fields: PgConnectionFields): string {
  const auth = fields.password
    ? `${encodeURIComponent(fields.user)}:${encodeURIComponent(fields.password)}`
    : encodeURIComponent(fields.user);
  return `postgresql://${auth}@${fields.host}:${fields.port}/${encodeURIComponent(fields.database)}`;
}

/**
 * Session settings of the service's connections to a PostgreSQL server. JIT off: the catalog's
 * queries are short index probes whose cost estimates still cross jit_above_cost on large tables,
 * and compiling them took longer than running them (220 ms of JIT for a 45 ms price-at-date over
 * one provider at 10M price points).
 */
export const SERVER_SESSION_OPTIONS = '-c jit=off';

/**
 * The service's sessions: SERVER_SESSION_OPTIONS and, when given, a statement timeout, so that a
 * query whose caller has long given up (a runaway plan, a lock wait) does not run on for minutes.
 */
export function serviceSessionOptions(statementTimeoutMs: number): string {
  return statementTimeoutMs > 0 ? `${SERVER_SESSION_OPTIONS} -c statement_timeout=${statementTimeoutMs}` : SERVER_SESSION_OPTIONS;
}

export function createPgPool(fields: PgConnectionFields, max: number, sessionOptions?: string): pg.Pool {
  const pool = new pg.Pool({
    ...fields,
    ...(sessionOptions ? { options: sessionOptions } : {}),
    max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'model-ledger',
  });
  // An idle connection the server closes (restart, failover, DROP DATABASE ... FORCE) is reported
  // here; without a listener it would be an uncaught exception. The pool drops the client itself and
  // the next query opens a new one.
  pool.on('error', (error) => logger.warn(`idle database connection closed: ${error.message}`));
  return pool;
}
