import { Injectable } from '@nestjs/common';

import { idCursorAfter, toPage } from '../../common/pagination.js';
import { PrismaService } from '../../database/prisma.service.js';
import { CurrentPricesRepository } from '../../prices/current-prices.repository.js';
import { presentOffering, type PresentedOffering } from './offering.presenter.js';
import type { OfferingListQuery } from './offerings.schemas.js';

@Injectable()
export class OfferingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: CurrentPricesRepository,
  ) {}

  async list(query: OfferingListQuery): Promise<{ items: PresentedOffering[]; nextCursor: string | null }> {
    const page = toPage(await this.listRecords(query, 1), query.limit, (row) => row.id);
    const prices = await this.prices.forOfferings(page.rows.map((row) => row.id));
    return { items: page.rows.map((row) => presentOffering(row, prices.get(row.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** The offering rows of a query (and `extra` more, to tell whether a next page exists). */
  listRecords(query: OfferingListQuery, extra = 0) {
    const after = idCursorAfter(query.cursor);
    return this.prisma.offering.findMany({
      where: {
        ...(query.provider ? { providerSlug: { in: query.provider } } : {}),
        ...(query.model ? { modelSlug: { in: query.model } } : {}),
        ...(query.providerModelId ? { providerModelId: query.providerModelId } : {}),
        ...(query.status !== 'all' ? { status: query.status } : {}),
        ...(after !== undefined ? { id: { gt: after } } : {}),
      },
      include: { provider: true, model: { select: { slug: true, name: true } } },
      orderBy: { id: 'asc' },
      take: query.limit + extra,
    });
  }
}
