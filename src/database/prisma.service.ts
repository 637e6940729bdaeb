import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';

import { PrismaClient } from '../generated/prisma/client.js';

/** The Prisma client over the service's one pg pool (real server or embedded alike). */
export class PrismaService extends PrismaClient {
  constructor(pool: pg.Pool) {
    super({ adapter: new PrismaPg(pool) });
  }
}

export { Prisma } from '../generated/prisma/client.js';
