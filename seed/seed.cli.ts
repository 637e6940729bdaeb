/**
 * `npm run seed`: loads the curated catalog into DATABASE_URL (or the embedded database under
 * DATA_DIR, which must not be in use by a running service). Idempotent: a second run changes nothing.
 */
import { loadConfig } from '../src/config/app-config.js';
import { openDatabaseConnection } from '../src/database/database-connection.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { loadCatalogSeed, seedCatalog } from './seed-catalog.js';

async function main() {
  const config = loadConfig();
  const seed = await loadCatalogSeed();
  const connection = await openDatabaseConnection(config, { migrate: true });
  const prisma = new PrismaService(connection.pool);
  try {
    const summary = await seedCatalog(prisma, seed);
    console.log(
      `seeded ${summary.creators} creators, ${summary.licenses} licenses, ${summary.models} models, ` +
        `${summary.providers} providers, ${summary.offerings} offerings; ` +
        `${summary.pricePointsAdded} new price points, ${summary.gpuPricesAdded} new GPU prices`,
    );
  } finally {
    await prisma.$disconnect();
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
