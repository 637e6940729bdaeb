/**
 * `npm run seed`: loads the curated catalog into DATABASE_URL (or the embedded database under
 * DATA_DIR, which must not be in use by a running service). Idempotent: a second run changes nothing.
 */
import { runCli } from '../src/database/cli/run-cli.js';
import { loadCatalogSeed, seedCatalog } from './seed-catalog.js';

runCli(async ({ prisma }) => {
  const summary = await seedCatalog(prisma, await loadCatalogSeed());
  console.log(
    `seeded ${summary.creators} creators, ${summary.licenses} licenses, ${summary.models} models, ` +
      `${summary.providers} providers, ${summary.offerings} offerings; ` +
      `${summary.pricePointsAdded} new price points, ${summary.gpuPricesAdded} new GPU prices`,
  );
});
