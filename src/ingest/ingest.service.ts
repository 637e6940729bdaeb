import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConflictException, HttpException, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';

import { publicSourceRef, redactError, redactPublicText } from '../../scrapers/http/redact.js';
import { getScraper, hasScraper } from '../../scrapers/registry.js';
import type { ParseResult, RawPayload } from '../../scrapers/scraper.types.js';
import { ResourceNotFoundException } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import { writeModelMeta, writeSnapshot, type IngestCounts, type SnapshotResult } from './catalog-writer.js';
import { RunLiveness } from './run-liveness.js';
import { unlistHold, type UnlistHold } from './unlist-guard.js';

export type RunTrigger = 'cli' | 'schedule' | 'admin';

export interface IngestRequest {
  source: string;
  /**
   * Where the payload came from (URL, file: URL or `file:<name>`). Stored and written on price
   * points only as publicSourceRef makes it: secrets redacted, a local file reduced to its name.
   */
  sourceUrl: string | null;
  payload: RawPayload;
  parse: (payload: RawPayload) => ParseResult;
  /** Backfill date: prices take effect and are observed then. Default: the source's own date, else now. */
  asOf?: Date;
  trigger: RunTrigger;
  dryRun?: boolean;
  /** An already-created run to complete (admin/scheduled runs create theirs first). */
  runId?: number;
  /** Local paths the payload was read from: never stored, not even inside an error message. */
  localPaths?: readonly string[];
  /** Apply even an unlisting over INGEST_MAX_UNLIST_SHARE (an operator's deliberate backfill, CLI only). */
  allowMassUnlist?: boolean;
}

export interface IngestOutcome {
  runId: number;
  /** held: it would unlist too much; nothing was applied, an admin approves or rejects it. */
  status: 'succeeded' | 'failed' | 'held';
  dryRun: boolean;
  /** For a held run or a dry run: what it would do. */
  counts: IngestCounts & { rejected: number };
  error: string | null;
  hold: UnlistHold | null;
}

/** scrape_run.hold: the verdict, plus the observation time approving re-applies the payload with. */
interface StoredHold extends UnlistHold {
  observedAt: string;
}

/** Another run of the same source holds its lock: at most one at a time across all instances. */
export class RunInProgressError extends ConflictException {
  constructor(readonly source: string) {
    super({ statusCode: 409, error: 'Conflict', message: `A run of ${source} is already in progress`, source });
  }
}

class DryRunRollback extends Error {}

class HeldRollback extends Error {
  constructor(readonly hold: UnlistHold) {
    super(hold.reason);
  }
}

const conflict = (message: string, extra: Record<string, unknown> = {}) => new ConflictException({ statusCode: 409, error: 'Conflict', message, ...extra });

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

  /** Records a run that starts now, owned by this process; its payload and counts come later. Its URL is stored redacted. */
  async startRun(source: string, url: string | null, trigger: RunTrigger, asOf: Date | undefined, dryRun: boolean): Promise<number> {
    await this.liveness.ensureHeld();
    const { rows } = await this.connection.pool.query<{ id: number }>(
      `INSERT INTO scrape_run (source, url, as_of, trigger, dry_run, status, runner) VALUES ($1, $2, $3, $4, $5, 'running', $6) RETURNING id`,
      [source, publicSourceRef(url), asOf ?? new Date(), trigger, dryRun, this.liveness.runner],
    );
    this.liveness.track(rows[0]!.id);
    return rows[0]!.id;
  }

  /** Marks a run failed before any payload was read (fetch failed, source unknown...). */
  async failRun(runId: number, error: unknown, localPaths: readonly string[] = []): Promise<void> {
    this.liveness.release(runId);
    await this.connection.pool.query(
      `UPDATE scrape_run SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [runId, errorMessage(error, localPaths)],
    );
  }

  private unlistLimits() {
    return { maxShare: this.config.INGEST_MAX_UNLIST_SHARE, minCount: this.config.INGEST_UNLIST_HOLD_MIN_COUNT };
  }

  async ingest(request: IngestRequest): Promise<IngestOutcome> {
    const dryRun = request.dryRun ?? false;
    const localPaths = request.localPaths ?? [];
    const sourceUrl = publicSourceRef(request.sourceUrl);
    const runId = request.runId ?? (await this.startRun(request.source, sourceUrl, request.trigger, request.asOf, dryRun));
    const body = request.payload.body;
    await this.connection.pool.query(
      `UPDATE scrape_run SET payload_sha256 = $2, payload_bytes = $3, payload_gzip = $4, url = coalesce(url, $5) WHERE id = $1`,
      [runId, createHash('sha256').update(body).digest('hex'), body.length, gzipSync(body), sourceUrl],
    );

    let parsed: ParseResult;
    try {
      parsed = request.parse(request.payload);
    } catch (error) {
      return this.finishFailed(runId, dryRun, error, 0, undefined, localPaths);
    }
    const rejected = parsed.rejected.length;
    const total = parsed.offerings.length + parsed.modelMeta.length + rejected;
    if (total > 0 && rejected / total > this.config.INGEST_MAX_REJECTED_SHARE) {
      const share = `${((rejected / total) * 100).toFixed(1)}%`;
      return this.finishFailed(runId, dryRun, new Error(`${rejected} of ${total} records (${share}) failed the source schema; the limit is ${this.config.INGEST_MAX_REJECTED_SHARE * 100}%`), rejected, parsed);
    }

    const asOf = request.asOf ?? parsed.sourceDate ?? new Date();
    const observedAt = request.asOf ?? new Date();
    // Embedded mode has one connection: the pool is not used again until the client is released.
    const client = await this.connection.pool.connect();
    let result: SnapshotResult = { counts: ZERO_COUNTS, listedBefore: 0 };
    let failure: unknown = null;
    try {
      await client.query('BEGIN');
      result = await this.writeAll(client, { runId, source: request.source, sourceUrl, validFrom: asOf, observedAt }, parsed);
      // A mass unlisting is held, not applied: everything this run wrote so far is rolled back.
      const hold = request.allowMassUnlist ? null : unlistHold(result.counts.unlisted, result.listedBefore, this.unlistLimits());
      if (hold) throw new HeldRollback(hold);
      if (dryRun) throw new DryRunRollback();
      await this.finishSucceeded(client, runId, result.counts, parsed);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      failure = error;
    } finally {
      client.release();
    }
    if (failure instanceof HeldRollback) {
      this.logger.warn(`run ${runId} of ${request.source} held for review: ${failure.hold.reason}`);
      await this.finishHeld(runId, result.counts, parsed, { ...failure.hold, observedAt: observedAt.toISOString() });
      return { runId, status: 'held', dryRun, counts: { ...result.counts, rejected }, error: null, hold: failure.hold };
    }
    if (failure instanceof DryRunRollback) {
      await this.finishSucceeded(this.connection.pool, runId, result.counts, parsed);
    } else if (failure) {
      this.logger.warn(`run ${runId} of ${request.source} failed: ${errorMessage(failure, localPaths)}`);
      const outcome = await this.finishFailed(runId, dryRun, failure, rejected, parsed, localPaths);
      if (failure instanceof RunInProgressError) throw failure;
      return outcome;
    }
    return { runId, status: 'succeeded', dryRun, counts: { ...result.counts, rejected }, error: null, hold: null };
  }

  /**
   * An admin's decision on a held run. Approving applies its stored payload now, exactly as the run
   * would have (its as-of, its URL; a later run makes it a backfill), in one transaction, and marks
   * it succeeded; rejecting marks it failed and applies nothing. Either way the run records who, when
   * and why. A run that is not held is a 409, so a decision is taken once.
   */
  async reviewHeld(runId: number, decision: 'approve' | 'reject', reviewer: string, note?: string): Promise<IngestOutcome> {
    const client = await this.connection.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{
        source: string;
        status: string;
        dry_run: boolean;
        url: string | null;
        as_of: Date;
        hold: StoredHold | null;
        payload_gzip: Buffer | null;
        rejected: number;
      }>(
        `SELECT source, status::text AS status, dry_run, url, as_of, hold, payload_gzip, rejected FROM scrape_run WHERE id = $1 FOR UPDATE`,
        [runId],
      );
      const run = rows[0];
      if (!run) throw new ResourceNotFoundException('scrape run', 'id', String(runId));
      if (run.status !== 'held') throw conflict(`Scrape run ${runId} is ${run.status}, not held for review`, { id: runId, status: run.status });
      const cleanNote = note ? redactPublicText(note) : null;
      const { hold: storedHold } = run;
      const hold: UnlistHold | null = storedHold
        ? { reason: storedHold.reason, wouldUnlist: storedHold.wouldUnlist, listed: storedHold.listed, maxShare: storedHold.maxShare, minCount: storedHold.minCount }
        : null;
      if (decision === 'reject') {
        const error = `held for review and rejected: ${hold?.reason ?? 'mass unlisting'}`;
        await client.query(
          `UPDATE scrape_run SET status = 'failed', error = $2, review_decision = 'rejected', reviewed_at = now(), reviewed_by = $3, review_note = $4 WHERE id = $1`,
          [runId, error, reviewer, cleanNote],
        );
        await client.query('COMMIT');
        return { runId, status: 'failed', dryRun: run.dry_run, counts: { ...ZERO_COUNTS, rejected: run.rejected }, error, hold };
      }
      if (run.dry_run) throw conflict(`Scrape run ${runId} is a dry run: it writes nothing; run the source again without dryRun, or reject this one`, { id: runId });
      if (!hasScraper(run.source) || !run.payload_gzip) {
        throw conflict(`No scraper named "${run.source}" can read run ${runId}'s payload again; run the source again instead`, { id: runId, source: run.source });
      }
      const scraper = getScraper(run.source);
      let parsed: ParseResult;
      try {
        parsed = scraper.parse({ url: run.url ?? scraper.defaultUrl, contentType: 'application/octet-stream', body: gunzipSync(run.payload_gzip), fetchedAt: run.as_of });
      } catch (error) {
        throw conflict(`The stored payload of run ${runId} no longer parses: ${errorMessage(error)}`, { id: runId });
      }
      const observedAt = storedHold?.observedAt ? new Date(storedHold.observedAt) : run.as_of;
      const { counts } = await this.writeAll(client, { runId, source: run.source, sourceUrl: run.url, validFrom: run.as_of, observedAt }, parsed);
      await client.query(
        `UPDATE scrape_run SET status = 'succeeded', error = NULL, seen = $2, added = $3, changed = $4, unchanged = $5, unlisted = $6,
                discovered = $7, quarantined = $8, review_decision = 'approved', reviewed_at = now(), reviewed_by = $9, review_note = $10
          WHERE id = $1`,
        [runId, counts.seen, counts.added, counts.changed, counts.unchanged, counts.unlisted, counts.discovered, counts.quarantined, reviewer, cleanNote],
      );
      await client.query('COMMIT');
      this.logger.log(`held run ${runId} of ${run.source} approved by ${reviewer}: ${counts.unlisted} unlisted`);
      return { runId, status: 'succeeded', dryRun: false, counts: { ...counts, rejected: run.rejected }, error: null, hold };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof HttpException) throw error;
      this.logger.warn(`review of held run ${runId} failed: ${errorMessage(error)}`);
      throw conflict(`Approving run ${runId} failed, nothing was applied and it is still held: ${errorMessage(error)}`, { id: runId });
    } finally {
      client.release();
    }
  }

  /** Inside the caller's transaction: the source's lock, the runs of dead processes, then the snapshot's writes. */
  private async writeAll(
    client: pg.PoolClient,
    context: { runId: number; source: string; sourceUrl: string | null; validFrom: Date; observedAt: Date },
    parsed: ParseResult,
  ): Promise<SnapshotResult> {
    const { runId, source } = context;
    const locked = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('model-ledger:ingest:' || $1)) AS locked`, [source]);
    if (!locked.rows[0]!.locked) throw new RunInProgressError(source);
    // Other "running" runs of the source whose process is gone will never finish: say so.
    const running = await client.query<{ id: number; runner: string | null }>(
      `SELECT id, runner FROM scrape_run WHERE source = $1 AND status = 'running' AND id <> $2`,
      [source, runId],
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
    await client.query(`UPDATE scrape_run SET as_of = $2 WHERE id = $1`, [runId, context.validFrom]);
    const writeContext = { ...context, anomalyFactor: this.config.INGEST_ANOMALY_FACTOR };
    const result = await writeSnapshot(client, writeContext, parsed.offerings);
    result.counts.changed += await writeModelMeta(client, writeContext, parsed.modelMeta);
    return result;
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

  /** Nothing applied: the run keeps what it would have done (counts) and why it waits (hold). */
  private async finishHeld(runId: number, counts: IngestCounts, parsed: ParseResult, hold: StoredHold) {
    this.liveness.release(runId);
    await this.connection.pool.query(
      `UPDATE scrape_run SET status = 'held', finished_at = now(), seen = $2, added = $3, changed = $4, unchanged = $5,
              unlisted = $6, discovered = $7, quarantined = $8, rejected = $9, rejections = $10, hold = $11
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
        JSON.stringify(hold),
      ],
    );
  }

  private async finishFailed(runId: number, dryRun: boolean, error: unknown, rejected: number, parsed?: ParseResult, localPaths: readonly string[] = []): Promise<IngestOutcome> {
    this.liveness.release(runId);
    const message = errorMessage(error, localPaths);
    await this.connection.pool.query(
      `UPDATE scrape_run SET status = 'failed', finished_at = now(), error = $2, rejected = $3, rejections = $4 WHERE id = $1`,
      [runId, message, rejected, parsed ? JSON.stringify(parsed.rejected.slice(0, 1000)) : null],
    );
    return { runId, status: 'failed', dryRun, counts: { ...ZERO_COUNTS, rejected }, error: message, hold: null };
  }
}

/**
 * A failure as a run records it and the public reads it: no credential, no local path (see
 * `localPaths`), no database-driver text or host (redactError).
 */
export function errorMessage(error: unknown, localPaths: readonly string[] = []): string {
  if (error instanceof ConflictException) return redactPublicText((error.getResponse() as { message: string }).message, localPaths);
  return redactError(error, localPaths);
}
