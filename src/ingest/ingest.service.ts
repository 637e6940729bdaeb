import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ConflictException, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

import type { ParseResult, RawPayload } from '../../scrapers/scraper.types.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import { writeModelMeta, writeSnapshot, type IngestCounts } from './catalog-writer.js';
import { RunLiveness } from './run-liveness.js';

export type RunTrigger = 'cli' | 'schedule' | 'admin';

export interface IngestRequest {
  source: string;
  /** Where the payload came from (URL or file path). */
  sourceUrl: string | null;
  payload: RawPayload;
  parse: (payload: RawPayload) => ParseResult;
  /** Backfill date: prices take effect and are observed then. Default: the source's own date, else now. */
  asOf?: Date;
  trigger: RunTrigger;
  dryRun?: boolean;
  /** An already-created run to complete (admin/scheduled runs create theirs first). */
  runId?: number;
}

export interface IngestOutcome {
  runId: number;
  status: 'succeeded' | 'failed';
  dryRun: boolean;
  counts: IngestCounts & { rejected: number };
  error: string | null;
}

/** Another run of the same source holds its lock: at most one at a time across all instances. */
export class RunInProgressError extends ConflictException {
  constructor(readonly source: string) {
    super({ statusCode: 409, error: 'Conflict', message: `A run of ${source} is already in progress`, source });
  }
}

class DryRunRollback extends Error {}

const ZERO_COUNTS: IngestCounts = { seen: 0, added: 0, changed: 0, unchanged: 0, unlisted: 0, discovered: 0, quarantined: 0 };

/**
 * One source snapshot -> one scrape run -> one transaction. The run row is written first (so a
 * failure is on record with its reason), then everything the snapshot changes lands in a single
 * transaction, or nothing does.
 */
@Injectable()
export class IngestService implements OnApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private readonly liveness: RunLiveness;

  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.liveness = new RunLiveness(connection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.liveness.close();
  }

  /** Records a run that starts now, owned by this process; its payload and counts come later. */
  async startRun(source: string, url: string | null, trigger: RunTrigger, asOf: Date | undefined, dryRun: boolean): Promise<number> {
    await this.liveness.ensureHeld();
    const { rows } = await this.connection.pool.query<{ id: number }>(
      `INSERT INTO scrape_run (source, url, as_of, trigger, dry_run, status, runner) VALUES ($1, $2, $3, $4, $5, 'running', $6) RETURNING id`,
      [source, url, asOf ?? new Date(), trigger, dryRun, this.liveness.runner],
    );
    this.liveness.track(rows[0]!.id);
    return rows[0]!.id;
  }

  /** Marks a run failed before any payload was read (fetch failed, source unknown...). */
  async failRun(runId: number, error: unknown): Promise<void> {
    this.liveness.release(runId);
    await this.connection.pool.query(
      `UPDATE scrape_run SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [runId, errorMessage(error)],
    );
  }

  async ingest(request: IngestRequest): Promise<IngestOutcome> {
    const dryRun = request.dryRun ?? false;
    const runId = request.runId ?? (await this.startRun(request.source, request.sourceUrl, request.trigger, request.asOf, dryRun));
    const body = request.payload.body;
    await this.connection.pool.query(
      `UPDATE scrape_run SET payload_sha256 = $2, payload_bytes = $3, payload_gzip = $4, url = coalesce(url, $5) WHERE id = $1`,
      [runId, createHash('sha256').update(body).digest('hex'), body.length, gzipSync(body), request.sourceUrl],
    );

    let parsed: ParseResult;
    try {
      parsed = request.parse(request.payload);
    } catch (error) {
      return this.finishFailed(runId, dryRun, error, 0);
    }
    const rejected = parsed.rejected.length;
    const total = parsed.offerings.length + parsed.modelMeta.length + rejected;
    if (total > 0 && rejected / total > this.config.INGEST_MAX_REJECTED_SHARE) {
      const share = `${((rejected / total) * 100).toFixed(1)}%`;
      return this.finishFailed(runId, dryRun, new Error(`${rejected} of ${total} records (${share}) failed the source schema; the limit is ${this.config.INGEST_MAX_REJECTED_SHARE * 100}%`), rejected, parsed);
    }

    const asOf = request.asOf ?? parsed.sourceDate ?? new Date();
    // Embedded mode has one connection: the pool is not used again until the client is released.
    const client = await this.connection.pool.connect();
    let counts: IngestCounts = ZERO_COUNTS;
    let failure: unknown = null;
    try {
      await client.query('BEGIN');
      const locked = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('model-ledger:ingest:' || $1)) AS locked`, [request.source]);
      if (!locked.rows[0]!.locked) throw new RunInProgressError(request.source);
      // Other "running" runs of the source whose process is gone will never finish: say so.
      const running = await client.query<{ id: number; runner: string | null }>(
        `SELECT id, runner FROM scrape_run WHERE source = $1 AND status = 'running' AND id <> $2`,
        [request.source, runId],
      );
      const dead = await this.liveness.deadRuns(client, running.rows);
      if (dead.length) {
        await client.query(
          `UPDATE scrape_run SET status = 'failed', error = 'interrupted: the process running it stopped', finished_at = now()
            WHERE id = ANY($1::int[]) AND status = 'running'`,
          [dead],
        );
      }
      // The run's as-of is the date its prices take effect (the source's own date when it gives one).
      await client.query(`UPDATE scrape_run SET as_of = $2 WHERE id = $1`, [runId, asOf]);
      counts = await writeSnapshot(
        client,
        {
          runId,
          source: request.source,
          sourceUrl: request.sourceUrl,
          validFrom: asOf,
          observedAt: request.asOf ?? new Date(),
          anomalyFactor: this.config.INGEST_ANOMALY_FACTOR,
        },
        parsed.offerings,
      );
      counts.changed += await writeModelMeta(client, { runId, source: request.source, sourceUrl: request.sourceUrl, validFrom: asOf, observedAt: request.asOf ?? new Date(), anomalyFactor: this.config.INGEST_ANOMALY_FACTOR }, parsed.modelMeta);
      if (dryRun) throw new DryRunRollback();
      await this.finishSucceeded(client, runId, counts, parsed);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      failure = error;
    } finally {
      client.release();
    }
    if (failure instanceof DryRunRollback) {
      await this.finishSucceeded(this.connection.pool, runId, counts, parsed);
    } else if (failure) {
      this.logger.warn(`run ${runId} of ${request.source} failed: ${errorMessage(failure)}`);
      const outcome = await this.finishFailed(runId, dryRun, failure, rejected, parsed);
      if (failure instanceof RunInProgressError) throw failure;
      return outcome;
    }
    return { runId, status: 'succeeded', dryRun, counts: { ...counts, rejected }, error: null };
  }

  private async finishSucceeded(db: { query: DatabaseConnection['pool']['query'] }, runId: number, counts: IngestCounts, parsed: ParseResult) {
    this.liveness.release(runId);
    await db.query(
      `UPDATE scrape_run SET status = 'succeeded', finished_at = now(), seen = $2, added = $3, changed = $4, unchanged = $5,
              unlisted = $6, discovered = $7, quarantined = $8, rejected = $9, rejections = $10
        WHERE id = $1`,
      [
        runId,
        counts.seen,
        counts.added,
        counts.changed,
        counts.unchanged,
        counts.unlisted,
        counts.discovered,
        counts.quarantined,
        parsed.rejected.length,
        JSON.stringify(parsed.rejected.slice(0, 1000)),
      ],
    );
  }

  private async finishFailed(runId: number, dryRun: boolean, error: unknown, rejected: number, parsed?: ParseResult): Promise<IngestOutcome> {
    this.liveness.release(runId);
    await this.connection.pool.query(
      `UPDATE scrape_run SET status = 'failed', finished_at = now(), error = $2, rejected = $3, rejections = $4 WHERE id = $1`,
      [runId, errorMessage(error), rejected, parsed ? JSON.stringify(parsed.rejected.slice(0, 1000)) : null],
    );
    return { runId, status: 'failed', dryRun, counts: { ...ZERO_COUNTS, rejected }, error: errorMessage(error) };
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ConflictException) return (error.getResponse() as { message: string }).message;
  return error instanceof Error ? error.message : String(error);
}
