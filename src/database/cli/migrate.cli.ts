/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or to the embedded database). */
import { runCli } from './run-cli.js';

runCli(async ({ connection }) => {
  const applied = connection.appliedMigrations;
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
});
