import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE_CONNECTION, openDatabaseConnection, type DatabaseConnection } from './database-connection.js';
import { CatalogRevisionService } from './catalog-revision.service.js';
import { PrismaService } from './prisma.service.js';
import { SeedOnStartService } from './seed-on-start.service.js';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    await this.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const connection = await openDatabaseConnection(config, {
          migrate: config.MIGRATE_ON_START ?? config.embedded,
        });
        const logger = new Logger('Database');
        logger.log(
          connection.embedded
            ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}`
            : `PostgreSQL at ${connection.fields.host}:${connection.fields.port}/${connection.fields.database}`,
        );
        if (connection.appliedMigrations.length) logger.log(`applied migrations: ${connection.appliedMigrations.join(', ')}`);
        return connection;
      },
    },
    {
      provide: PrismaService,
      inject: [DATABASE_CONNECTION],
      useFactory: (connection: DatabaseConnection) => new PrismaService(connection.pool),
    },
    DatabaseLifecycle,
    SeedOnStartService,
    CatalogRevisionService,
  ],
  exports: [DATABASE_CONNECTION, PrismaService, CatalogRevisionService],
})
export class DatabaseModule {}
