import { Injectable } from '@nestjs/common';

import { ResourceNotFoundException } from '../../common/errors.js';
import { slugCursorAfter, toPage } from '../../common/pagination.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Provider } from '../../generated/prisma/client.js';
import { CurrentPricesRepository } from '../../prices/current-prices.repository.js';
import { providerKindToApi, providerKindToDb } from '../catalog-enums.js';
import { presentOffering } from '../offerings/offering.presenter.js';
import type { ProviderListQuery } from './providers.schemas.js';

export function presentProvider(provider: Provider & { _count?: { offerings: number } }) {
  return {
    slug: provider.slug,
    name: provider.name,
    kinds: provider.kinds.map(providerKindToApi),
    url: provider.url,
    pricingModel: provider.pricingModel,
    description: provider.description,
    ...(provider._count ? { offeringCount: provider._count.offerings } : {}),
  };
}

export type ProviderListItem = ReturnType<typeof presentProvider>;

@Injectable()
export class ProvidersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: CurrentPricesRepository,
  ) {}

  present(provider: Provider) {
    return presentProvider(provider);
  }

  async list(query: ProviderListQuery) {
    const after = slugCursorAfter(query.cursor);
    const rows = await this.prisma.provider.findMany({
      where: {
        ...(query.kind ? { kinds: { has: providerKindToDb(query.kind) } } : {}),
        ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}),
        ...(after ? { slug: { gt: after } } : {}),
      },
      include: { _count: { select: { offerings: { where: { status: 'listed' } } } } },
      orderBy: { slug: 'asc' },
      take: query.limit + 1,
    });
    const page = toPage(rows, query.limit, (row) => row.slug);
    return { items: page.rows.map(presentProvider), nextCursor: page.nextCursor };
  }

  async get(slug: string) {
    const provider = await this.prisma.provider.findUnique({
      where: { slug },
      include: {
        offerings: {
          include: { model: { select: { slug: true, name: true } } },
          orderBy: [{ modelSlug: 'asc' }, { providerModelId: 'asc' }],
        },
        gpuPrices: false,
      },
    });
    if (!provider) throw new ResourceNotFoundException('provider', 'slug', slug);
    const prices = await this.prices.forOfferings(provider.offerings.map((offering) => offering.id));
    return {
      ...presentProvider(provider),
      offerings: provider.offerings.map((offering) => presentOffering({ ...offering, provider }, prices.get(offering.id) ?? [])),
    };
  }
}
