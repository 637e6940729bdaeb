import { gunzipSync } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';

import { publicSourceRef, redactPublicText } from '../../scrapers/http/redact.js';
import { SCRAPER_SOURCES, hasScraper } from '../../scrapers/registry.js';
import { ResourceNotFoundException } from '../common/errors.js';
import { idCursorAfter, toPage } from '../common/pagination.js';
import { PrismaService } from '../database/prisma.service.js';
import type { ScrapeRun } from '../generated/prisma/client.js';
import { IngestService } from './ingest.service.js';
import { ScrapeRunnerService } from './scrape-runner.service.js';
import type { UnlistHold } from './unlist-guard.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'held';

function presentHold(hold: unknown) {
  if (!hold || typeof hold !== 'object') return null;
  const { reason, wouldUnlist, listed, maxShare, minCount } = hold as UnlistHold;
  return { reason, wouldUnlist, listed, maxShare, minCount };
}

/**
 * A run as anyone may read it. Its URL and error were redacted before they were stored; they are
 * passed through the same redaction again here, so rows written before that still show no
 * credential, local path or driver text.
 */
export function presentRun(run: ScrapeRun) {
  return {
    id: run.id,
    source: run.source,
    url: publicSourceRef(run.url),
    asOf: run.asOf.toISOString(),
    trigger: run.trigger,
    dryRun: run.dryRun,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    counts: {
      seen: run.seen,
      added: run.added,
      changed: run.changed,
      unchanged: run.unchanged,
      unlisted: run.unlisted,
      discovered: run.discovered,
      quarantined: run.quarantined,
      rejected: run.rejected,
    },
    error: run.error === null ? null : redactPublicText(run.error),
    /** Why a run was held for review instead of applied (status held, or a reviewed run that was). */
    hold: presentHold(run.hold),
    review: run.reviewDecision
      ? { decision: run.reviewDecision, at: run.reviewedAt?.toISOString() ?? null, by: run.reviewedBy, note: run.reviewNote }
      : null,
    payloadSha256: run.payloadSha256,
    payloadBytes: run.payloadBytes,
    payloadUrl: run.payloadSha256 ? `/v1/scrape-runs/${run.id}/payload` : null,
  };
}

export type PresentedRun = ReturnType<typeof presentRun>;

@Injectable()
export class ScrapeRunsService {
  private readonly logger = new Logger('ScrapeRuns');

  constructor(
    private readonly prisma: PrismaService,
    private readonly runner: ScrapeRunnerService,
    private readonly ingest: IngestService,
  ) {}

  sources() {
    return SCRAPER_SOURCES;
  }

  async list(query: { source?: string; status?: RunStatus; limit: number; cursor?: string }) {
    const before = idCursorAfter(query.cursor);
    const rows = await this.prisma.scrapeRun.findMany({
      where: {
        ...(query.source ? { source: query.source } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(before !== undefined ? { id: { lt: before } } : {}),
      },
      omit: { payloadGzip: true, rejections: true },
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    const page = toPage(rows, query.limit, (row) => row.id);
    return { items: page.rows.map((row) => presentRun(row as ScrapeRun)), nextCursor: page.nextCursor };
  }

  async get(id: number) {
    const run = await this.prisma.scrapeRun.findUnique({ where: { id }, omit: { payloadGzip: true } });
    if (!run) throw new ResourceNotFoundException('scrape run', 'id', String(id));
    return { ...presentRun(run as ScrapeRun), rejections: run.rejections ?? [] };
  }

  /** The raw payload exactly as fetched (kept gzip-compressed). */
  async payload(id: number): Promise<{ body: Buffer; sha256: string }> {
    const run = await this.prisma.scrapeRun.findUnique({ where: { id }, select: { payloadGzip: true, payloadSha256: true } });
    if (!run?.payloadGzip || !run.payloadSha256) throw new ResourceNotFoundException('payload of scrape run', 'id', String(id));
    return { body: gunzipSync(run.payloadGzip), sha256: run.payloadSha256 };
  }

  /** An admin's decision on a held run (approve applies it now, reject closes it); answers with the run. */
  async review(id: number, decision: 'approve' | 'reject', reviewer: string, note?: string) {
    await this.ingest.reviewHeld(id, decision, reviewer, note);
    return this.get(id);
  }

  /** Records the run and starts it in the background; the answer carries the run id to poll. */
  async start(source: string, options: { url?: string; asOf?: Date; dryRun?: boolean }) {
    if (!hasScraper(source)) throw new ResourceNotFoundException('scraper source', 'source', source);
    const request = { source, url: options.url, asOf: options.asOf, dryRun: options.dryRun, trigger: 'admin' as const };
    const runId = await this.runner.startRun(request);
    void this.runner.run({ ...request, runId }).catch((error: unknown) => this.logger.error(`run ${runId} of ${source} crashed: ${String(error)}`));
    return { runId, status: 'running', url: `/v1/scrape-runs/${runId}` };
  }
}
