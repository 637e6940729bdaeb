/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or to the embedded database). */
import { loadConfig } from '../../config/app-config.js';
import { openDatabaseConnection } from '../database-connection.js';

async function main() {
  const config = loadConfig();
  const connection = await openDatabaseConnection(config, { migrate: true });
  try {
    const applied = connection.appliedMigrations;
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
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
