import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';

import { hasScraper } from '../../scrapers/registry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';
import { ScrapeRunnerService } from './scrape-runner.service.js';

const queueName = (source: string) => `scrape_${source.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * Scheduled scrapes through pg-boss in the service's own database: the schedule lives in the
 * database, each tick becomes one job, a singleton queue runs one job per source at a time across
 * every instance, and transient failures retry with backoff (parse errors and 4xx do not).
 */
@Injectable()
export class ScrapeSchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ScrapeScheduler');
  private boss: PgBoss | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly runner: ScrapeRunnerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const schedules = this.config.SCRAPE_SCHEDULES;
    if (schedules.length === 0) return;
    for (const { source } of schedules) {
      if (!hasScraper(source)) throw new Error(`SCRAPE_SCHEDULES: unknown source "${source}"`);
    }
    // pg-boss goes through the service's pool: one set of connections (and the embedded database's single one).
    const boss = new PgBoss({ db: { executeSql: (text, values) => this.connection.pool.query(text, values) }, schema: 'pgboss' });
    boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    this.boss = boss;
    for (const { source, cron } of schedules) {
      const queue = queueName(source);
      await boss.createQueue(queue, { name: queue, policy: 'singleton', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 });
      await boss.schedule(queue, cron, { source }, { tz: 'UTC' });
      await boss.work<{ source: string }>(queue, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => this.runJob(job!.data.source));
      this.logger.log(`scraping ${source} on "${cron}" (UTC)`);
    }
  }

  /** Queues a run now (it runs on whichever instance picks it up first). */
  async enqueue(source: string): Promise<string | null> {
    if (!this.boss) throw new Error('the scheduler is not running (SCRAPE_SCHEDULES is empty)');
    return this.boss.send(queueName(source), { source });
  }

  private async runJob(source: string): Promise<void> {
    const outcome = await this.runner.run({ source, trigger: 'schedule' });
    if (outcome.status === 'failed' && outcome.retryable) {
      throw new Error(`run ${outcome.runId} of ${source} failed and will be retried: ${outcome.error}`);
    }
    if (outcome.status === 'failed') this.logger.warn(`run ${outcome.runId} of ${source} failed (not retried): ${outcome.error}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Before the pool closes: stop taking jobs; let the one in progress finish (graceful) before connections close.
    await this.boss?.stop({ graceful: true, wait: true, timeout: 30_000, close: false });
  }
}
