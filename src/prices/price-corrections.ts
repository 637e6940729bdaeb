import { Body, Controller, Injectable, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

import { RequireScope } from '../auth/api-key.guard.js';
import { actorLabel } from '../auth/api-keys.service.js';
import { dayOrInstantSchema, int4IdSchema, int8IdTextSchema } from '../common/db-input.js';
import { InvalidInputException, ResourceNotFoundException } from '../common/errors.js';
import { decimalStringSchema } from '../common/list-query.js';
import { formatDecimal } from '../common/money.js';
import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../common/zod-validation.pipe.js';
import { PrismaService } from '../database/prisma.service.js';
import { conditionKey, PRICE_COMPONENTS, unitFor } from '../../scrapers/shared/price-line.js';
import { publicSourceRef } from '../../scrapers/http/redact.js';

export const priceCorrectionSchema = z
  .object({
    offeringId: int4IdSchema('an offering id').optional(),
    provider: z.string().min(1).max(200).optional(),
    providerModelId: z.string().min(1).max(300).optional(),
    component: z.enum(PRICE_COMPONENTS),
    condition: z.record(z.string().max(100), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
    /** USD per unit (per 1M tokens for token components), or null to record a withdrawal. */
    usd: decimalStringSchema.nullable(),
    validFrom: dayOrInstantSchema,
    sourceUrl: z.url().optional(),
    /** The point this one corrects (its id); the old point stays, this one supersedes it. */
    supersedes: int8IdTextSchema('a price point id').optional(),
    reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(2000),
  })
  .strict()
  .refine((body) => body.offeringId !== undefined || (body.provider && body.providerModelId), {
    message: 'name the offering: offeringId, or provider and providerModelId',
    path: ['offeringId'],
  });
export type PriceCorrection = z.output<typeof priceCorrectionSchema>;

/** Manual corrections append a point (source "manual") that records who and why; nothing is overwritten. */
@Injectable()
export class PriceCorrectionsService {
  constructor(private readonly prisma: PrismaService) {}

  async append(correction: PriceCorrection, keyId: string) {
    const offering = correction.offeringId
      ? await this.prisma.offering.findUnique({ where: { id: correction.offeringId } })
      : await this.prisma.offering.findUnique({
          where: { providerSlug_providerModelId: { providerSlug: correction.provider!, providerModelId: correction.providerModelId! } },
        });
    if (!offering) {
      throw new ResourceNotFoundException('offering', 'id', String(correction.offeringId ?? `${correction.provider}/${correction.providerModelId}`));
    }
    if (correction.supersedes) {
      const old = await this.prisma.pricePoint.findUnique({ where: { id: BigInt(correction.supersedes) } });
      if (!old || old.offeringId !== offering.id) {
        throw new InvalidInputException([{ path: 'supersedes', message: `price point ${correction.supersedes} is not a point of offering ${offering.id}` }], 'body');
      }
    }
    const validFrom = correction.validFrom.length === 10 ? new Date(`${correction.validFrom}T00:00:00Z`) : new Date(correction.validFrom);
    const point = await this.prisma.pricePoint.create({
      data: {
        offeringId: offering.id,
        component: correction.component,
        unit: unitFor(correction.component),
        conditionKey: conditionKey(correction.condition),
        condition: correction.condition ?? undefined,
        usd: correction.usd,
        validFrom,
        observedAt: new Date(),
        source: 'manual',
        sourceUrl: publicSourceRef(correction.sourceUrl),
        supersedesId: correction.supersedes ? BigInt(correction.supersedes) : null,
        recordedBy: keyId,
        reason: correction.reason,
      },
    });
    return {
      id: point.id.toString(),
      offeringId: point.offeringId,
      component: point.component,
      condition: point.condition,
      unit: point.unit,
      usd: formatDecimal(point.usd),
      validFrom: point.validFrom.toISOString(),
      source: point.source,
      supersedesId: point.supersedesId?.toString() ?? null,
      recordedBy: point.recordedBy,
      reason: point.reason,
    };
  }
}

@Controller('v1/admin/prices')
export class PriceCorrectionsController {
  constructor(private readonly corrections: PriceCorrectionsService) {}

  @Post()
  @RequireScope('admin')
  @ApiDoc({
    summary: 'Record a price by hand (a correction supersedes a named point); appends, records who and why',
    body: priceCorrectionSchema,
    scope: 'admin',
    responses: { 401: 'No or bad API key', 403: 'The key lacks the admin scope', 404: 'No such offering' },
    tag: 'prices',
  })
  append(@Body(new ZodPipe(priceCorrectionSchema)) body: PriceCorrection, @Req() request: FastifyRequest) {
    return this.corrections.append(body, actorLabel(request.apiKey!));
  }
}
