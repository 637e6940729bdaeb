import { Inject, Injectable } from '@nestjs/common';

import { DATABASE_CONNECTION, type DatabaseConnection } from './database-connection.js';

/**
 * The catalog's revision: a counter every write to the catalog bumps (statement triggers, see the
 * catalog_revision migration). Caches key on it, so a write on any instance invalidates all.
 */
@Injectable()
export class CatalogRevisionService {
  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}

  async current(): Promise<string> {
    const { rows } = await this.connection.pool.query<{ revision: string }>(
      'SELECT revision::text AS revision FROM catalog_revision WHERE id = 1',
    );
    return rows[0]?.revision ?? '0';
  }
}
