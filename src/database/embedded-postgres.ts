/**
 * The embedded default: PostgreSQL compiled to WASM (PGlite), persisted under a data directory and
 * served over the PostgreSQL wire protocol on 127.0.0.1 so the stock pg driver and Prisma adapter
 * talk to it exactly as to a real server (one code path for both modes).
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

import type { PgConnectionFields } from './pg-pool.js';

export interface EmbeddedPostgres {
  fields: PgConnectionFields;
  db: PGlite;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (the running service?). ` +
        'PGlite cannot be shared between processes: stop that process, or point DATABASE_URL at a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const lockedHere = new Set<string>();

/** One PGlite per data directory: two instances on one directory corrupt it. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'model-ledger.lock');
  if (lockedHere.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      lockedHere.add(lockPath);
      return async () => {
        lockedHere.delete(lockPath);
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && processIsAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      // A stale lock from a process that died (kill -9): take it over.
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

export interface EmbeddedPostgresOptions {
  /** Persist under this directory; omit for an in-memory database (tests). */
  dataDir?: string;
  /** Start from a tarball made by PGlite's dumpDataDir (a migrated template, in tests). */
  loadDataDir?: Blob;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  let unlock: (() => Promise<void>) | undefined;
  let pgDir: string | undefined;
  if (options.dataDir) {
    const dataDir = path.resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
    pgDir = path.join(dataDir, 'pgdata');
  }
  try {
    const db = await PGlite.create({ dataDir: pgDir, loadDataDir: options.loadDataDir });
    // PGlite is single-session: two connections in use at once interleave extended-protocol
    // messages ("portal does not exist"), so the pool holds one connection. The server still
    // accepts a few: pg's pool drops a connection after an error and opens the next one before
    // the server has seen the first close, which a limit of one would refuse.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    return {
      db,
      fields: { host: host!, port: Number(port), user: 'postgres', database: 'postgres' },
      async stop() {
        await server.stop();
        await db.close();
        await unlock?.();
      },
    };
  } catch (error) {
    await unlock?.();
    throw error;
  }
}
