import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';

import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';

const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/**
 * Why the database check failed, in words that carry no host, port, user or driver text (the
 * readiness answer is public; the log has the details).
 */
function publicReason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = String((error as Error)?.message ?? '');
  if (message.startsWith('no answer within')) return message;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET' || /terminated|ECONNREFUSED/i.test(message)) {
    return 'the database cannot be reached';
  }
  if (code === '57P03' || code === '53300') return 'the database refuses connections for now';
  return 'the database check failed';
}

@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
  ) {}

  /** The process is up; says nothing of its dependencies (for restarts by an orchestrator). */
  @Get('live')
  @ApiDoc({ summary: 'Liveness: the process is up', tag: 'health' })
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers within its timeout. 503 otherwise. */
  @Get('ready')
  @ApiDoc({ summary: 'Readiness: the database answers', tag: 'health', responses: { 503: 'The database does not answer' } })
  @HealthCheck()
  ready() {
    return this.health.check([() => this.checkDatabase()]);
  }

  private async checkDatabase() {
    const indicator = this.indicators.check('database');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.connection.pool.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_CHECK_TIMEOUT_MS} ms`)), DATABASE_CHECK_TIMEOUT_MS);
        }),
      ]);
      return indicator.up({ embedded: this.connection.embedded });
    } catch (error) {
      this.logger.warn({ err: error }, 'database readiness check failed');
      return indicator.down({ message: publicReason(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
