import { Injectable } from '@nestjs/common';

import { endOfDay } from '../common/dates.js';
import { ResourceNotFoundException } from '../common/errors.js';
import { presentPrice } from '../catalog/offerings/offering.presenter.js';
import { formatDecimal } from '../common/money.js';
import { PrismaService } from '../database/prisma.service.js';
import { CurrentPricesRepository } from './current-prices.repository.js';
import { PriceHistoryRepository } from './price-history.repository.js';
import type { ChangesQuery, PriceAtQuery, PriceHistoryQuery } from './prices.schemas.js';
import { publicSourceRef } from '../../scrapers/http/redact.js';

@Injectable()
export class PricesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly current: CurrentPricesRepository,
    private readonly history: PriceHistoryRepository,
  ) {}

  /** For each matching offering listed on that day, the components in force at its end (UTC). */
  async at(query: PriceAtQuery) {
    const at = endOfDay(query.date);
    const offerings = await this.history.offeringsListedAt(query, at);
    const prices = await this.current.forOfferings(offerings.map((offering) => offering.id), { at, source: query.source, component: query.component });
    return {
      date: query.date,
      items: offerings
        .map((offering) => ({
          offering,
          prices: (prices.get(offering.id) ?? []).map((price) => {
            const { scrapeRunId, ...rest } = presentPrice(price);
            return { ...rest, runId: scrapeRunId };
          }),
        }))
        .filter((item) => item.prices.length > 0),
    };
  }

  async priceHistory(query: PriceHistoryQuery) {
    const { entries, nextCursor } = await this.history.history(query);
    return { items: entries, nextCursor };
  }

  async changes(query: ChangesQuery) {
    return { items: await this.history.changes(query), nextCursor: null };
  }

  /** The provenance chain of an offering: every point with its run, the run's payload hash and a link to the payload. */
  async audit(offeringId: number) {
    const offering = await this.prisma.offering.findUnique({
      where: { id: offeringId },
      include: {
        pricePoints: { include: { scrapeRun: true }, orderBy: [{ validFrom: 'asc' }, { id: 'asc' }] },
        events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      },
    });
    if (!offering) throw new ResourceNotFoundException('offering', 'id', String(offeringId));
    return {
      offering: {
        id: offering.id,
        provider: offering.providerSlug,
        providerModelId: offering.providerModelId,
        model: offering.modelSlug,
        status: offering.status,
        listedAt: offering.listedAt.toISOString(),
        unlistedAt: offering.unlistedAt?.toISOString() ?? null,
        source: offering.source,
        createdByRunId: offering.scrapeRunId,
      },
      events: offering.events.map((event) => ({ kind: event.kind, at: event.at.toISOString(), source: event.source, runId: event.scrapeRunId })),
      points: offering.pricePoints.map((point) => ({
        id: point.id.toString(),
        component: point.component,
        condition: point.condition,
        unit: point.unit,
        usd: formatDecimal(point.usd),
        validFrom: point.validFrom.toISOString(),
        observedAt: point.observedAt.toISOString(),
        source: point.source,
        sourceUrl: publicSourceRef(point.sourceUrl),
        supersedesId: point.supersedesId?.toString() ?? null,
        recordedBy: point.recordedBy,
        reason: point.reason,
        run: point.scrapeRun
          ? {
              id: point.scrapeRun.id,
              source: point.scrapeRun.source,
              url: point.scrapeRun.url,
              asOf: point.scrapeRun.asOf.toISOString(),
              startedAt: point.scrapeRun.startedAt.toISOString(),
              status: point.scrapeRun.status,
              payloadSha256: point.scrapeRun.payloadSha256,
              payloadUrl: point.scrapeRun.payloadSha256 ? `/v1/scrape-runs/${point.scrapeRun.id}/payload` : null,
            }
          : null,
        // No run: the point came from the curated seed (or a manual correction, which names who).
        origin: point.scrapeRunId ? 'scrape' : point.recordedBy ? 'manual' : 'seed',
      })),
    };
  }
}
