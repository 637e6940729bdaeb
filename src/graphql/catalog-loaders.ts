import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

import { PrismaService } from '../database/prisma.service.js';
import type {
  Benchmark,
  BenchmarkResult,
  Creator,
  License,
  LicenseVersion,
  Offering,
  PricePoint,
  Provider,
} from '../generated/prisma/client.js';
import type { PriceComponent } from '../generated/prisma/enums.js';
import { CurrentPricesRepository, type PriceInForce } from '../prices/current-prices.repository.js';
import { modelNodeFromRecord, type ModelNode } from '../catalog/models/model-node.js';

function groupBy<T, K>(rows: T[], keys: readonly K[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function byKey<T, K>(rows: T[], keys: readonly K[], keyOf: (row: T) => K): (T | null)[] {
  const found = new Map<K, T>(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

export interface PriceHistoryKey {
  offeringId: number;
  from: string | null;
  to: string | null;
  component: PriceComponent | null;
}

/**
 * One set of DataLoaders per GraphQL request: every relation of a page costs one statement,
 * whatever the page size. Created in the request context, so nothing is cached across requests.
 */
export class CatalogLoaders {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: CurrentPricesRepository,
  ) {}

  readonly modelBySlug = new DataLoader<string, ModelNode | null>(async (slugs) =>
    byKey(await this.prisma.model.findMany({ where: { slug: { in: [...slugs] } } }), slugs, (m) => m.slug).map(
      (model) => (model ? modelNodeFromRecord(model) : null),
    ),
  );

  readonly aliasesByModel = new DataLoader<string, string[]>(async (slugs) =>
    groupBy(
      await this.prisma.modelAlias.findMany({ where: { modelSlug: { in: [...slugs] } }, orderBy: { alias: 'asc' } }),
      slugs,
      (a) => a.modelSlug,
    ).map((aliases) => aliases.map((a) => a.alias)),
  );

  readonly creatorBySlug = new DataLoader<string, Creator | null>(async (slugs) =>
    byKey(await this.prisma.creator.findMany({ where: { slug: { in: [...slugs] } } }), slugs, (c) => c.slug),
  );

  readonly modelsByCreator = new DataLoader<string, ModelNode[]>(async (slugs) =>
    groupBy(
      await this.prisma.model.findMany({ where: { creatorSlug: { in: [...slugs] } }, orderBy: { slug: 'asc' } }),
      slugs,
      (m) => m.creatorSlug!,
    ).map((models) => models.map(modelNodeFromRecord)),
  );

  readonly licenseById = new DataLoader<string, License | null>(async (ids) =>
    byKey(await this.prisma.license.findMany({ where: { id: { in: [...ids] } } }), ids, (l) => l.id),
  );

  /** Versions newest first. */
  readonly licenseVersionsByLicense = new DataLoader<string, LicenseVersion[]>(async (ids) =>
    groupBy(
      await this.prisma.licenseVersion.findMany({
        where: { licenseId: { in: [...ids] } },
        orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
      }),
      ids,
      (v) => v.licenseId,
    ),
  );

  readonly modelsByLicense = new DataLoader<string, ModelNode[]>(async (ids) =>
    groupBy(
      await this.prisma.model.findMany({ where: { licenseId: { in: [...ids] } }, orderBy: { slug: 'asc' } }),
      ids,
      (m) => m.licenseId!,
    ).map((models) => models.map(modelNodeFromRecord)),
  );

  readonly providerBySlug = new DataLoader<string, Provider | null>(async (slugs) =>
    byKey(await this.prisma.provider.findMany({ where: { slug: { in: [...slugs] } } }), slugs, (p) => p.slug),
  );

  readonly offeringsByModel = new DataLoader<string, Offering[]>(async (slugs) =>
    groupBy(
      await this.prisma.offering.findMany({
        where: { modelSlug: { in: [...slugs] } },
        orderBy: [{ providerSlug: 'asc' }, { providerModelId: 'asc' }],
      }),
      slugs,
      (o) => o.modelSlug,
    ),
  );

  readonly offeringsByProvider = new DataLoader<string, Offering[]>(async (slugs) =>
    groupBy(
      await this.prisma.offering.findMany({
        where: { providerSlug: { in: [...slugs] } },
        orderBy: [{ modelSlug: 'asc' }, { providerModelId: 'asc' }],
      }),
      slugs,
      (o) => o.providerSlug,
    ),
  );

  readonly currentPricesByOffering = new DataLoader<number, PriceInForce[]>(async (ids) => {
    const prices = await this.prices.forOfferings(ids);
    return ids.map((id) => prices.get(id) ?? []);
  });

  readonly benchmarkResultsByModel = new DataLoader<string, BenchmarkResult[]>(async (slugs) =>
    groupBy(
      await this.prisma.benchmarkResult.findMany({
        where: { modelSlug: { in: [...slugs] } },
        orderBy: [{ benchmarkSlug: 'asc' }, { score: 'desc' }, { source: 'asc' }],
      }),
      slugs,
      (r) => r.modelSlug,
    ),
  );

  readonly benchmarkBySlug = new DataLoader<string, Benchmark | null>(async (slugs) =>
    byKey(await this.prisma.benchmark.findMany({ where: { slug: { in: [...slugs] } } }), slugs, (b) => b.slug),
  );

  /** Price points oldest first, for each (offering, window, component); one statement per distinct window. */
  readonly priceHistory = new DataLoader<PriceHistoryKey, PricePoint[], string>(
    async (keys) => {
      const windows = new Map<string, PriceHistoryKey[]>();
      for (const key of keys) {
        const window = JSON.stringify([key.from, key.to, key.component]);
        windows.set(window, [...(windows.get(window) ?? []), key]);
      }
      const results = new Map<string, PricePoint[]>();
      for (const [window, windowKeys] of windows) {
        const { from, to, component } = windowKeys[0]!;
        const points = await this.prisma.pricePoint.findMany({
          where: {
            offeringId: { in: windowKeys.map((key) => key.offeringId) },
            ...(component ? { component } : {}),
            validFrom: { ...(from ? { gte: new Date(from) } : {}), ...(to ? { lte: new Date(to) } : {}) },
          },
          orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
        });
        for (const key of windowKeys) {
          results.set(`${key.offeringId}|${window}`, points.filter((point) => point.offeringId === key.offeringId));
        }
      }
      return keys.map((key) => results.get(`${key.offeringId}|${JSON.stringify([key.from, key.to, key.component])}`) ?? []);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

@Injectable()
export class CatalogLoadersFactory {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: CurrentPricesRepository,
  ) {}

  create(): CatalogLoaders {
    return new CatalogLoaders(this.prisma, this.prices);
  }
}

export interface GraphQLContext {
  loaders: CatalogLoaders;
}
