import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection.js';

/** Prometheus metrics of this instance, served at /metrics. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly scrapeRuns = new Counter({
    name: 'scrape_runs_total',
    help: 'Scrape runs by source and outcome',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly priceChanges = new Counter({
    name: 'price_changes_applied_total',
    help: 'Price points appended by ingest (added, changed or withdrawn lines), by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly pricesQuarantined = new Counter({
    name: 'prices_quarantined_total',
    help: 'Price changes held back by the anomaly guard, by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(DATABASE_CONNECTION) connection: DatabaseConnection) {
    collectDefaultMetrics({ register: this.registry });
    const pool = connection.pool;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  recordRun(source: string, outcome: { status: string; dryRun: boolean; counts: { added: number; changed: number; quarantined: number } }) {
    this.scrapeRuns.inc({ source, outcome: outcome.status });
    if (outcome.status === 'succeeded' && !outcome.dryRun) {
      this.priceChanges.inc({ source }, outcome.counts.added + outcome.counts.changed);
      this.pricesQuarantined.inc({ source }, outcome.counts.quarantined);
    }
  }
}
