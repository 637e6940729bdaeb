import { loadConfig, type AppConfig } from '../../config/app-config.js';
import { openDatabaseConnection, type DatabaseConnection } from '../database-connection.js';
import { PrismaService } from '../prisma.service.js';

export interface CliContext {
  config: AppConfig;
  connection: DatabaseConnection;
  prisma: PrismaService;
}

/**
 * Runs a command-line task against the configured database (migrated first) and exits with its
 * code: 0, the number it returns, or 1 with the error's message. Exiting explicitly matters: the
 * WASM schema engine and pg pools leave timers behind.
 */
export function runCli(task: (context: CliContext) => Promise<number | void>): void {
  const run = async () => {
    const config = loadConfig();
    const connection = await openDatabaseConnection(config, { migrate: true });
    const prisma = new PrismaService(connection.pool);
    try {
      return (await task({ config, connection, prisma })) ?? 0;
    } finally {
      await prisma.$disconnect();
      await connection.close();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
