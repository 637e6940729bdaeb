import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';

import { fetchSource, readSourceFile } from '../../scrapers/fetch-source.js';
import { fileSourceRef, redactUrl } from '../../scrapers/http/redact.js';
import { isRetryable } from '../../scrapers/http/scraper-errors.js';
import { getScraper } from '../../scrapers/registry.js';
import type { RawPayload } from '../../scrapers/scraper.types.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from '../observability/metrics.service.js';
import { errorMessage, IngestService, type IngestOutcome, type RunTrigger } from './ingest.service.js';

export interface SourceRunRequest {
  source: string;
  /** Fetch from this URL instead of the scraper's default. */
  url?: string;
  /** Read a saved payload instead of fetching (backfills from archived snapshots). */
  file?: string;
  asOf?: Date;
  dryRun?: boolean;
  trigger: RunTrigger;
  /** A run already recorded (admin endpoint answers with its id before the work is done). */
  runId?: number;
  /** Apply even an unlisting over INGEST_MAX_UNLIST_SHARE instead of holding the run (CLI --allow-mass-unlist). */
  allowMassUnlist?: boolean;
}

/** The forms a local file's path can take in messages: as given, absolute, file: URL. */
function localPathsOf(file: string | undefined): string[] {
  if (!file) return [];
  const absolute = path.resolve(file);
  return [...new Set([file, absolute, pathToFileURL(absolute).href])];
}

/** What a run records as its source: a URL redacted, a local file as `file:<basename>` (never its directory). */
function sourceRefOf(request: Pick<SourceRunRequest, 'file' | 'url'>): string | null {
  return request.file ? fileSourceRef(request.file) : (request.url ?? null);
}

export interface SourceRunOutcome extends IngestOutcome {
  /** The failure is worth retrying (network, timeout, 5xx); parse and 4xx failures are not. */
  retryable: boolean;
}

/** Fetch (or read) -> parse -> ingest, with every failure recorded on the run. */
@Injectable()
export class ScrapeRunnerService {
  private readonly logger = new Logger('ScrapeRunner');

  constructor(
    private readonly ingest: IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /** Records the run now and returns its id; the caller decides whether to wait for `run`. */
  startRun(request: SourceRunRequest): Promise<number> {
    getScraper(request.source);
    return this.ingest.startRun(request.source, sourceRefOf(request), request.trigger, request.asOf, request.dryRun ?? false);
  }

  async run(request: SourceRunRequest, onStage: (stage: 'fetch' | 'ingest', detail?: string) => void = () => {}): Promise<SourceRunOutcome> {
    const scraper = getScraper(request.source);
    const runId = request.runId ?? (await this.startRun(request));
    const localPaths = localPathsOf(request.file);
    let payload: RawPayload;
    try {
      onStage('fetch', request.file ?? redactUrl(request.url ?? scraper.defaultUrl));
      payload = request.file
        ? await readSourceFile(request.file)
        : await fetchSource(scraper, {
            url: request.url,
            allowLoopback: this.config.SCRAPE_ALLOW_LOOPBACK,
            http: {
              timeoutMs: this.config.SCRAPE_TIMEOUT_MS,
              maxAttempts: this.config.SCRAPE_MAX_ATTEMPTS,
              maxBodyBytes: this.config.SCRAPE_MAX_BODY_BYTES,
              logger: {
                warn: (message: string) => this.logger.warn(message),
                debug: (message: string) => this.logger.debug(message),
              },
            },
          });
    } catch (error) {
      await this.ingest.failRun(runId, error, localPaths);
      this.metrics?.scrapeRuns.inc({ source: scraper.source, outcome: 'failed' });
      return {
        runId,
        status: 'failed',
        dryRun: request.dryRun ?? false,
        counts: { seen: 0, added: 0, changed: 0, unchanged: 0, unlisted: 0, discovered: 0, quarantined: 0, rejected: 0 },
        error: errorMessage(error, localPaths),
        hold: null,
        retryable: isRetryable(error),
      };
    }
    onStage('ingest', `${payload.body.length} bytes`);
    const outcome = await this.ingest.ingest({
      runId,
      source: scraper.source,
      sourceUrl: request.file ? fileSourceRef(request.file) : (request.url ?? scraper.defaultUrl),
      localPaths,
      allowMassUnlist: request.allowMassUnlist,
      payload,
      parse: (raw) => scraper.parse(raw),
      asOf: request.asOf,
      trigger: request.trigger,
      dryRun: request.dryRun,
    });
    this.metrics?.recordRun(scraper.source, outcome);
    return { ...outcome, retryable: false };
  }
}
