/**
 * Migrations without the native Prisma schema engine (which the CLI downloads from a host this
 * machine cannot reach): the same engine compiled to WASM, driven through the stock pg driver
 * adapter. Files stay in Prisma's format (prisma/migrations/<timestamp>_<name>/migration.sql and
 * the _prisma_migrations table), so `prisma migrate deploy` can take over where it is available.
 * This is the one module that touches Prisma internals.
 */
import { randomUUID } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type pg from 'pg';

import { startEmbeddedPostgres } from './embedded-postgres.js';
import { createPgPool, type PgConnectionFields } from './pg-pool.js';

export const PRISMA_DIR = path.resolve(process.env.MODEL_LEDGER_ROOT ?? process.cwd(), 'prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');

interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
  }[];
}

interface WasmSchemaEngine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  diagnoseMigrationHistory(input: unknown): Promise<unknown>;
  free(): void;
}

interface WasmModule {
  SchemaEngine: {
    new: (options: unknown, log: (message: string) => void, adapter: object) => Promise<WasmSchemaEngine>;
  };
}

interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}

let wasmModule: Promise<WasmModule> | undefined;

function loadWasmModule(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bindings = (await import(
      path.join(packageDir, 'schema_engine_bg.js')
    )) as WasmModule & { __wbg_set_wasm(exports: unknown): void };
    const bytes = await readFile(path.join(packageDir, 'schema_engine_bg.wasm'));
    // @types/node does not declare the WebAssembly global.
    const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    return bindings;
  })();
  return wasmModule;
}

/** Gives the engine a scratch database for replaying migrations (diff, drift checks). */
export type ShadowDatabaseProvider = () => Promise<SqlDriverAdapter>;

/**
 * Shadow databases on the same server, created and dropped by us: the stock factory points the
 * shadow at the main database when given a connection string, and drops it before closing its pool.
 */
export function serverShadowDatabase(fields: PgConnectionFields): ShadowDatabaseProvider {
  return async () => {
    const adminPool = createPgPool(fields, 1);
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await adminPool.query(`CREATE DATABASE "${name}"`);
    const shadowPool = createPgPool({ ...fields, database: name }, 2);
    // DROP ... WITH (FORCE) ends any connection still open: expected at teardown, not a crash.
    const ignore = () => {};
    shadowPool.on('error', ignore);
    shadowPool.on('connect', (client) => client.on('error', ignore));
    const adapter = await new PrismaPg(shadowPool).connect();
    const release = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await release();
      await shadowPool.end();
      await adminPool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await adminPool.end();
    };
    return adapter;
  };
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** ColumnTypeEnum.Character of @prisma/driver-adapter-utils. */
const CHARACTER_COLUMN_TYPE = 6;
const charColumns = Symbol('charColumns');

type ResultRows = unknown[][] & { [charColumns]?: number[] };

/**
 * Two fixes to the stock pg adapter, for the schema engine only:
 * - pg_catalog "char" columns (oid 18, e.g. pg_constraint.contype) are unsupported by the adapter,
 *   yet the engine reads them as characters when it describes a schema: report them as text to
 *   the adapter, then as Character to the engine.
 * - executeScript splits on ";", which breaks function bodies ($$ ... ; ... $$): send the whole
 *   migration as one simple-protocol query, which Postgres runs as one implicit transaction.
 */
function forSchemaEngine(adapter: PgAdapter): PgAdapter {
  const internals = adapter as unknown as {
    performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[]; rows: ResultRows }>;
    onError(error: unknown): never;
  };
  const performIO = internals.performIO.bind(adapter);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length) Object.defineProperty(result.rows, charColumns, { value: indexes });
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of (resultSet.rows as ResultRows)[charColumns] ?? []) {
      resultSet.columnTypes[index] = CHARACTER_COLUMN_TYPE as (typeof resultSet.columnTypes)[number];
    }
    return resultSet;
  };
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

/** Shadow databases as throwaway in-memory PGlite instances (embedded mode has one database only). */
export function embeddedShadowDatabase(): ShadowDatabaseProvider {
  return async () => {
    const embedded = await startEmbeddedPostgres();
    const pool = createPgPool(embedded.fields, 1);
    const adapter = await new PrismaPg(pool).connect();
    const release = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await release();
      await pool.end();
      await embedded.stop();
    };
    return adapter;
  };
}

class MigrationAdapterFactory extends PrismaPg {
  constructor(
    pool: pg.Pool,
    private readonly shadow?: ShadowDatabaseProvider,
  ) {
    super(pool);
  }

  override async connect(): ReturnType<PrismaPg['connect']> {
    return forSchemaEngine(await super.connect());
  }

  override async connectToShadowDb(): ReturnType<PrismaPg['connectToShadowDb']> {
    if (!this.shadow) throw new Error('This operation needs a shadow database and none was configured');
    return forSchemaEngine((await this.shadow()) as PgAdapter);
  }
}

export async function readMigrationList(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(migrationsDir).catch(() => [] as string[]);
  const directories: MigrationList['migrationDirectories'] = [];
  for (const entry of entries.sort()) {
    const dir = path.join(migrationsDir, entry);
    if (!(await stat(dir)).isDirectory()) continue;
    const file = path.join(dir, 'migration.sql');
    const content = await readFile(file, 'utf8').then(
      (value) => ({ tag: 'ok' as const, value }),
      (error: Error) => ({ tag: 'error' as const, value: error.message }),
    );
    directories.push({ path: entry, migrationFile: { path: 'migration.sql', content } });
  }
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: directories,
  };
}

async function withEngine<T>(
  pool: pg.Pool,
  shadow: ShadowDatabaseProvider | undefined,
  work: (engine: WasmSchemaEngine) => Promise<T>,
): Promise<T> {
  const wasm = await loadWasmModule();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const factory = bindMigrationAwareSqlAdapterFactory(
    new MigrationAdapterFactory(pool, shadow) as unknown as SqlMigrationAwareDriverAdapterFactory,
  );
  const engine = await wasm.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, factory);
  try {
    // Await every call before free(): freeing under a pending call corrupts WASM memory.
    return await work(engine);
  } catch (error) {
    throw withDriverError(error, factory);
  } finally {
    engine.free();
  }
}

/** The engine reports driver failures as "External error id#N"; put the driver's message back in. */
function withDriverError(error: unknown, factory: object): Error {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const registry = (factory as { errorRegistry?: { consumeError(id: number): { error?: unknown } | undefined } })
    .errorRegistry;
  const cause = id === undefined ? undefined : registry?.consumeError(Number(id))?.error;
  if (!cause) return error instanceof Error ? error : new Error(message);
  const detail = (cause as { cause?: { message?: string } }).cause?.message ?? JSON.stringify(cause);
  return new Error(`${message.split('\n')[0]}: ${detail}\n${message}`, { cause });
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** `prisma migrate deploy`: applies pending migrations, returns the names applied. */
export async function applyMigrations(pool: pg.Pool, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = await readMigrationList(migrationsDir);
  const result = await withEngine(pool, undefined, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  );
  return result.appliedMigrationNames;
}

/**
 * SQL that would bring the migrations up to schema.prisma; empty when they agree.
 * Replays the migrations into a shadow database.
 */
export async function diffMigrationsToSchema(
  pool: pg.Pool,
  shadow: ShadowDatabaseProvider,
  migrationsDir = MIGRATIONS_DIR,
): Promise<string> {
  const migrationsList = await readMigrationList(migrationsDir);
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const from = migrationsList.migrationDirectories.length
    ? { tag: 'migrations', ...migrationsList }
    : { tag: 'empty' };
  const result = await withEngine(pool, shadow, (engine) =>
    engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    }),
  );
  const script = result.stdout ?? '';
  return /^\s*(--[^\n]*\n\s*)*$/.test(script) || script.includes('This is an empty migration') ? '' : script;
}
