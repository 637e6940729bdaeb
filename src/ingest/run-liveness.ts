import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import pg from 'pg';

import type { DatabaseConnection } from '../database/database-connection.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

const lockName = (runner: string) => `model-ledger:runner:${runner}`;

/**
 * Tells a run that is still being worked on from one whose process died. Each process that runs
 * scrapes names itself (`runner`, written on its runs) and, on a server, holds a session-level
 * advisory lock on that name on a connection of its own for as long as it lives; PostgreSQL
 * releases the lock the moment the process's connection goes, killed or not. A run is dead when
 * it is this process's and no longer in hand, or another process's whose lock can be taken. (The
 * embedded database belongs to one process: there, another runner is always a dead one.)
 */
export class RunLiveness {
  readonly runner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly logger = new Logger('RunLiveness');
  private readonly inHand = new Set<number>();
  private session: Promise<pg.Client> | null = null;

  constructor(private readonly connection: DatabaseConnection) {}

  /** Before a run is recorded: this process's lock is held (re-taken if its connection was lost). */
  async ensureHeld(): Promise<void> {
    if (this.connection.embedded) return;
    this.session ??= this.openSession();
    try {
      await this.session;
    } catch (error) {
      this.session = null;
      throw error;
    }
  }

  track(runId: number): void {
    this.inHand.add(runId);
  }

  release(runId: number): void {
    this.inHand.delete(runId);
  }

  /** Of these running runs (id, runner), the ones no live process is working on. */
  async deadRuns(db: Queryable, runs: { id: number; runner: string | null }[]): Promise<number[]> {
    const dead: number[] = [];
    for (const run of runs) {
      if (run.runner === this.runner) {
        if (!this.inHand.has(run.id)) dead.push(run.id);
      } else if (run.runner === null || this.connection.embedded) {
        dead.push(run.id);
      } else {
        const { rows } = await db.query<{ free: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS free', [lockName(run.runner)]);
        if (rows[0]!.free) {
          await db.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName(run.runner)]);
          dead.push(run.id);
        }
      }
    }
    return dead;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.then((client) => client.end()).catch(() => undefined);
  }

  private async openSession(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.connection.fields, application_name: 'model-ledger runner', connectionTimeoutMillis: 10_000 });
    // Lost (server restart): the lock went with it; the next run opens a new session.
    client.on('error', (error) => {
      this.logger.warn(`runner session lost: ${error.message}`);
      this.session = null;
    });
    await client.connect();
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockName(this.runner)]);
    return client;
  }
}
