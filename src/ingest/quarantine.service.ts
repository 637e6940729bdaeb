import { ConflictException, Injectable } from '@nestjs/common';

import { publicSourceRef } from '../../scrapers/http/redact.js';
import { ResourceNotFoundException } from '../common/errors.js';
import { formatDecimal } from '../common/money.js';
import { PrismaService } from '../database/prisma.service.js';
import type { QuarantinedPrice } from '../generated/prisma/client.js';

function presentQuarantined(row: QuarantinedPrice & { offering?: { providerSlug: string; providerModelId: string; modelSlug: string } }) {
  return {
    id: row.id,
    status: row.status,
    offering: row.offering
      ? { id: row.offeringId, provider: row.offering.providerSlug, providerModelId: row.offering.providerModelId, model: row.offering.modelSlug }
      : { id: row.offeringId },
    component: row.component,
    condition: row.condition,
    unit: row.unit,
    previousUsd: formatDecimal(row.previousUsd),
    proposedUsd: formatDecimal(row.proposedUsd),
    reason: row.reason,
    validFrom: row.validFrom.toISOString(),
    observedAt: row.observedAt.toISOString(),
    source: row.source,
    // Stored redacted since issue #14; rows held before are redacted when shown.
    sourceUrl: publicSourceRef(row.sourceUrl),
    runId: row.scrapeRunId,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    pricePointId: row.pricePointId?.toString() ?? null,
  };
}

export type PresentedQuarantined = ReturnType<typeof presentQuarantined>;

/** Prices the anomaly guard held back: listed for review; accepting appends them to the history. */
@Injectable()
export class QuarantineService {
  constructor(private readonly prisma: PrismaService) {}

  async list(status: 'pending' | 'accepted' | 'rejected' | 'all') {
    const rows = await this.prisma.quarantinedPrice.findMany({
      where: status === 'all' ? {} : { status },
      include: { offering: { select: { providerSlug: true, providerModelId: true, modelSlug: true } } },
      orderBy: { id: 'asc' },
    });
    return { items: rows.map(presentQuarantined), nextCursor: null };
  }

  async decide(id: number, decision: 'accept' | 'reject', keyId: string, note: string | undefined) {
    return this.prisma.$transaction(async (tx) => {
      // Lock the row: two admins deciding at once cannot both apply it.
      const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM quarantined_price WHERE id = ${id} FOR UPDATE`;
      if (locked.length === 0) throw new ResourceNotFoundException('quarantined price', 'id', String(id));
      if (locked[0]!.status !== 'pending') {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `Quarantined price ${id} was already ${locked[0]!.status}`, id });
      }
      const row = await tx.quarantinedPrice.findUniqueOrThrow({ where: { id } });
      let pricePointId: bigint | null = null;
      if (decision === 'accept') {
        const point = await tx.pricePoint.create({
          data: {
            offeringId: row.offeringId,
            component: row.component,
            unit: row.unit,
            conditionKey: row.conditionKey,
            condition: row.condition ?? undefined,
            usd: row.proposedUsd,
            validFrom: row.validFrom,
            observedAt: row.observedAt,
            source: row.source,
            sourceUrl: publicSourceRef(row.sourceUrl),
            scrapeRunId: row.scrapeRunId,
            recordedBy: keyId,
            reason: `accepted from quarantine #${id}${note ? `: ${note}` : ''}`,
          },
        });
        pricePointId = point.id;
      }
      const updated = await tx.quarantinedPrice.update({
        where: { id },
        data: { status: decision === 'accept' ? 'accepted' : 'rejected', decidedAt: new Date(), decidedBy: keyId, pricePointId },
        include: { offering: { select: { providerSlug: true, providerModelId: true, modelSlug: true } } },
      });
      return presentQuarantined(updated);
    });
  }
}
