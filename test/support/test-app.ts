import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real application on a fresh database of its own (seeded unless told otherwise). */
export async function startTestApp(options: { seeded?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase({ seeded: options.seeded });
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: String(db.poolSize),
    LOG_LEVEL: 'silent',
    MIGRATE_ON_START: 'false',
    SEED_ON_START: 'false',
    // Suites send thousands of requests from one address; the limit has its own test.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...options.env,
  });
  const app = await createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    http: request(app.getHttpServer()),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
