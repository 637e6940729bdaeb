import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

import { RequireScope } from '../auth/api-key.guard.js';
import { actorLabel } from '../auth/api-keys.service.js';
import { CsvExport } from '../common/csv.js';
import { formatSchema } from '../common/list-query.js';
import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { int4IdTextSchema } from '../common/db-input.js';
import { ZodPipe } from '../common/zod-validation.pipe.js';
import { QuarantineService, type PresentedQuarantined } from './quarantine.service.js';

const quarantineQuerySchema = z.object({ status: z.enum(['pending', 'accepted', 'rejected', 'all']).default('pending'), format: formatSchema }).strict();
const quarantineIdSchema = int4IdTextSchema('a quarantine id');
const decisionSchema = z.enum(['accept', 'reject']);
const decisionBodySchema = z.object({ reason: z.string().trim().min(1).max(1000).optional() }).strict().default({});

@Controller('v1')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Get('quarantine')
  @ApiDoc({ summary: 'Price changes held back by the anomaly guard (default: pending)', query: quarantineQuerySchema, csv: true, tag: 'ingest' })
  @CsvExport<PresentedQuarantined>([
    { header: 'id', value: (q) => q.id },
    { header: 'status', value: (q) => q.status },
    { header: 'offeringId', value: (q) => q.offering.id },
    { header: 'component', value: (q) => q.component },
    { header: 'previousUsd', value: (q) => q.previousUsd },
    { header: 'proposedUsd', value: (q) => q.proposedUsd },
    { header: 'reason', value: (q) => q.reason },
    { header: 'validFrom', value: (q) => q.validFrom },
    { header: 'source', value: (q) => q.source },
    { header: 'runId', value: (q) => q.runId },
  ])
  list(@Query(new ZodPipe(quarantineQuerySchema)) query: z.output<typeof quarantineQuerySchema>) {
    return this.quarantine.list(query.status);
  }

  @Post('admin/quarantine/:id/:decision')
  @RequireScope('admin')
  @ApiDoc({
    summary: 'Accept (append the held price to the history) or reject a quarantined price; admin scope',
    params: { id: quarantineIdSchema, decision: decisionSchema },
    body: decisionBodySchema,
    scope: 'admin',
    responses: { 401: 'No or bad API key', 403: 'The key lacks the admin scope', 404: 'No such quarantined price', 409: 'Already decided' },
    tag: 'ingest',
  })
  decide(
    @Param('id', new ZodPipe(quarantineIdSchema)) id: number,
    @Param('decision', new ZodPipe(decisionSchema)) decision: 'accept' | 'reject',
    @Body(new ZodPipe(decisionBodySchema)) body: z.output<typeof decisionBodySchema>,
    @Req() request: FastifyRequest,
  ) {
    return this.quarantine.decide(id, decision, actorLabel(request.apiKey!), body.reason);
  }
}
