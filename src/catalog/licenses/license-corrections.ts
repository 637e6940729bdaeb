import { Body, Controller, Injectable, Param, Patch, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

import { RequireScope } from '../../auth/api-key.guard.js';
import { actorLabel } from '../../auth/api-keys.service.js';
import { InvalidInputException, ResourceNotFoundException } from '../../common/errors.js';
import { isoDateSchema } from '../../common/list-query.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { zodIssues, ZodPipe } from '../../common/zod-validation.pipe.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { presentLicenseVersion } from './license.presenter.js';
import { licenseTermsSchema } from './license-terms.js';
import { publicSourceRef } from '../../../scrapers/http/redact.js';

export const licenseCorrectionSchema = z
  .object({
    /** Terms to change, merged over the newest version's terms; the result must be a whole, valid set. */
    terms: z.record(z.string(), z.unknown()),
    version: z.string().min(1).max(50).optional(),
    effectiveFrom: isoDateSchema,
    url: z.url().optional(),
    reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(2000),
  })
  .strict();
export type LicenseCorrection = z.output<typeof licenseCorrectionSchema>;

/** A license correction is a new version (source "manual", who and why), never an edit of the old one. */
@Injectable()
export class LicenseCorrectionsService {
  constructor(private readonly prisma: PrismaService) {}

  async append(id: string, correction: LicenseCorrection, keyId: string) {
    return this.prisma.$transaction(async (tx) => {
      const license = await tx.license.findUnique({ where: { id }, include: { versions: { orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }], take: 1 } } });
      if (!license) throw new ResourceNotFoundException('license', 'id', id);
      const current = license.versions[0];
      const merged = licenseTermsSchema.safeParse({ ...((current?.terms as object) ?? {}), ...correction.terms });
      if (!merged.success) throw new InvalidInputException(zodIssues(merged.error, ['terms']), 'body');
      const effectiveFrom = new Date(`${correction.effectiveFrom}T00:00:00Z`);
      const version = await tx.licenseVersion.create({
        data: {
          licenseId: id,
          version: correction.version ?? `${current?.version ?? '1'} (corrected ${correction.effectiveFrom})`,
          effectiveFrom,
          url: correction.url ?? current?.url ?? license.url,
          commercialUse: merged.data.commercialUse.value,
          userCapMau: merged.data.userCapMau ? BigInt(merged.data.userCapMau.value) : null,
          terms: merged.data as Prisma.InputJsonValue,
          source: 'manual',
          sourceUrl: publicSourceRef(correction.url),
          supersedesId: current?.id ?? null,
          recordedBy: keyId,
          reason: correction.reason,
        },
      });
      // The summary on the license follows its newest version.
      if (!current || effectiveFrom >= current.effectiveFrom) {
        await tx.license.update({ where: { id }, data: { commercialUse: version.commercialUse, userCapMau: version.userCapMau } });
      }
      return presentLicenseVersion(version);
    });
  }
}

const licenseIdSchema = z.string().min(1).max(100);

@Controller('v1/admin/licenses')
export class LicenseCorrectionsController {
  constructor(private readonly corrections: LicenseCorrectionsService) {}

  @Patch(':id')
  @RequireScope('admin')
  @ApiDoc({
    summary: 'Correct a license: a new version with the given terms merged over the newest ones; records who and why',
    params: { id: licenseIdSchema },
    body: licenseCorrectionSchema,
    scope: 'admin',
    responses: { 401: 'No or bad API key', 403: 'The key lacks the admin scope', 404: 'No such license' },
    tag: 'licenses',
  })
  append(
    @Param('id', new ZodPipe(licenseIdSchema)) id: string,
    @Body(new ZodPipe(licenseCorrectionSchema)) body: LicenseCorrection,
    @Req() request: FastifyRequest,
  ) {
    return this.corrections.append(id, body, actorLabel(request.apiKey!));
  }
}
