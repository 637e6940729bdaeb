import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { RequireScope } from '../auth/api-key.guard.js';
import { actorLabel } from '../auth/api-keys.service.js';
import { CsvExport } from '../common/csv.js';
import { cursorSchema, formatSchema, isoDateSchema } from '../common/list-query.js';
import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { int4IdTextSchema } from '../common/db-input.js';
import { ZodPipe } from '../common/zod-validation.pipe.js';
import { ScrapeRunsService, type PresentedRun } from './scrape-runs.service.js';

const runIdSchema = int4IdTextSchema('a run id');
const sourceSchema = z.string().regex(/^[a-z0-9.-]{1,50}$/, 'a source name such as litellm');
const runListQuerySchema = z
  .object({
    source: sourceSchema.optional(),
    status: z.enum(['running', 'succeeded', 'failed', 'held']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: cursorSchema,
    format: formatSchema,
  })
  .strict();
const startRunBodySchema = z
  .object({
    /** http(s) only: the fetch refuses anything else. Stored redacted (no userinfo, no secret parameters). */
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2048).optional(),
    asOf: isoDateSchema.optional(),
    dryRun: z.boolean().default(false),
  })
  .strict()
  .default({ dryRun: false });
const reviewDecisionSchema = z.enum(['approve', 'reject']);
const reviewBodySchema = z.object({ reason: z.string().trim().min(1).max(1000).optional() }).strict().default({});

@Controller('v1')
export class ScrapeRunsController {
  constructor(private readonly runs: ScrapeRunsService) {}

  @Get('scrape-runs')
  @ApiDoc({ summary: 'Scrape runs, newest first: source, as-of, status, counts, error, payload hash', query: runListQuerySchema, csv: true, tag: 'ingest' })
  @CsvExport<PresentedRun>([
    { header: 'id', value: (r) => r.id },
    { header: 'source', value: (r) => r.source },
    { header: 'asOf', value: (r) => r.asOf },
    { header: 'status', value: (r) => r.status },
    { header: 'startedAt', value: (r) => r.startedAt },
    { header: 'finishedAt', value: (r) => r.finishedAt },
    { header: 'seen', value: (r) => r.counts.seen },
    { header: 'added', value: (r) => r.counts.added },
    { header: 'changed', value: (r) => r.counts.changed },
    { header: 'unchanged', value: (r) => r.counts.unchanged },
    { header: 'unlisted', value: (r) => r.counts.unlisted },
    { header: 'discovered', value: (r) => r.counts.discovered },
    { header: 'quarantined', value: (r) => r.counts.quarantined },
    { header: 'rejected', value: (r) => r.counts.rejected },
    { header: 'payloadSha256', value: (r) => r.payloadSha256 },
    { header: 'error', value: (r) => r.error },
    { header: 'holdReason', value: (r) => r.hold?.reason ?? null },
  ])
  list(@Query(new ZodPipe(runListQuerySchema)) query: z.output<typeof runListQuerySchema>) {
    return this.runs.list(query);
  }

  @Get('scrape-runs/:id')
  @ApiDoc({ summary: 'One scrape run with its rejected records and why', params: { id: runIdSchema }, responses: { 404: 'No run with that id' }, tag: 'ingest' })
  get(@Param('id', new ZodPipe(runIdSchema)) id: number) {
    return this.runs.get(id);
  }

  @Get('scrape-runs/:id/payload')
  @ApiDoc({ summary: 'The raw payload of a run, byte for byte as fetched (its SHA-256 is in x-payload-sha256)', params: { id: runIdSchema }, responses: { 404: 'No payload for that run' }, tag: 'ingest' })
  async payload(@Param('id', new ZodPipe(runIdSchema)) id: number, @Res({ passthrough: true }) reply: FastifyReply) {
    const { body, sha256 } = await this.runs.payload(id);
    void reply.header('content-type', 'application/octet-stream').header('x-payload-sha256', sha256).header('content-disposition', `attachment; filename="scrape-run-${id}.payload"`);
    return body;
  }

  @Post('admin/scrape-runs/:id/:decision')
  @RequireScope('admin')
  @ApiDoc({
    summary: 'Approve (apply its stored payload now, in one transaction) or reject a run held for review because it would unlist too much; admin scope',
    params: { id: runIdSchema, decision: reviewDecisionSchema },
    body: reviewBodySchema,
    scope: 'admin',
    responses: { 401: 'No or bad API key', 403: 'The key lacks the admin scope', 404: 'No run with that id', 409: 'The run is not held (already decided, or never held), or cannot be applied' },
    tag: 'ingest',
  })
  review(
    @Param('id', new ZodPipe(runIdSchema)) id: number,
    @Param('decision', new ZodPipe(reviewDecisionSchema)) decision: 'approve' | 'reject',
    @Body(new ZodPipe(reviewBodySchema)) body: z.output<typeof reviewBodySchema>,
    @Req() request: FastifyRequest,
  ) {
    return this.runs.review(id, decision, actorLabel(request.apiKey!), body.reason);
  }

  @Post('admin/scrape/:source')
  @HttpCode(202)
  @RequireScope('ingest')
  @ApiDoc({
    summary: 'Start a scrape run of a source now (API key with the ingest scope); answers with the run id to poll',
    params: { source: sourceSchema },
    body: startRunBodySchema,
    scope: 'ingest',
    responses: { 401: 'No or bad API key', 403: 'The key lacks the ingest scope', 404: 'Unknown source' },
    tag: 'ingest',
  })
  start(@Param('source', new ZodPipe(sourceSchema)) source: string, @Body(new ZodPipe(startRunBodySchema)) body: z.output<typeof startRunBodySchema>) {
    return this.runs.start(source, { url: body.url, asOf: body.asOf ? new Date(`${body.asOf}T00:00:00Z`) : undefined, dryRun: body.dryRun });
  }
}
