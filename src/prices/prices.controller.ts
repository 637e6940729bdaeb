import { Controller, Get, Param, Query } from '@nestjs/common';

import { CsvExport } from '../common/csv.js';
import { ApiDoc } from '../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../common/zod-validation.pipe.js';
import type { ChangeRow, HistoryEntry } from './price-history.repository.js';
import {
  changesQuerySchema,
  offeringIdSchema,
  priceAtQuerySchema,
  priceHistoryQuerySchema,
  type ChangesQuery,
  type PriceAtQuery,
  type PriceHistoryQuery,
} from './prices.schemas.js';
import { PricesService } from './prices.service.js';

type PriceAtResult = Awaited<ReturnType<PricesService['at']>>;
type PriceAtRow = PriceAtResult['items'][number]['prices'][number] & { date: string; offering: PriceAtResult['items'][number]['offering'] };

const offeringColumns = <T extends { offering: { id: number; provider: string; providerModelId: string; model: string } }>() => [
  { header: 'offeringId', value: (row: T) => row.offering.id },
  { header: 'provider', value: (row: T) => row.offering.provider },
  { header: 'providerModelId', value: (row: T) => row.offering.providerModelId },
  { header: 'model', value: (row: T) => row.offering.model },
];

@Controller('v1')
export class PricesController {
  constructor(private readonly prices: PricesService) {}

  @Get('prices/at')
  @ApiDoc({ summary: 'The price components in force on a day (UTC) for each matching offering listed then', query: priceAtQuerySchema, csv: true, tag: 'prices' })
  @CsvExport<PriceAtRow>(
    [
      { header: 'date', value: (r) => r.date },
      ...offeringColumns<PriceAtRow>(),
      { header: 'component', value: (r) => r.component },
      { header: 'condition', value: (r) => r.condition },
      { header: 'unit', value: (r) => r.unit },
      { header: 'usd', value: (r) => r.usd },
      { header: 'validFrom', value: (r) => r.validFrom },
      { header: 'observedAt', value: (r) => r.observedAt },
      { header: 'source', value: (r) => r.source },
      { header: 'sourceUrl', value: (r) => r.sourceUrl },
      { header: 'runId', value: (r) => r.runId },
    ],
    { rows: (result: PriceAtResult) => result.items.flatMap((item) => item.prices.map((price) => ({ ...price, date: result.date, offering: item.offering }))) },
  )
  at(@Query(new ZodPipe(priceAtQuerySchema)) query: PriceAtQuery) {
    return this.prices.at(query);
  }

  @Get('prices/history')
  @ApiDoc({
    summary: 'Every price point (withdrawals included) and listing event of the matching offerings, oldest first',
    query: priceHistoryQuerySchema,
    csv: true,
    tag: 'prices',
  })
  @CsvExport<HistoryEntry>([
    { header: 'type', value: (e) => e.type },
    { header: 'validFrom', value: (e) => e.validFrom },
    ...offeringColumns<HistoryEntry>(),
    { header: 'component', value: (e) => e.component },
    { header: 'condition', value: (e) => e.condition },
    { header: 'unit', value: (e) => e.unit },
    { header: 'usd', value: (e) => e.usd },
    { header: 'observedAt', value: (e) => e.observedAt },
    { header: 'source', value: (e) => e.source },
    { header: 'sourceUrl', value: (e) => e.sourceUrl },
    { header: 'runId', value: (e) => e.runId },
    { header: 'pricePointId', value: (e) => e.pricePointId },
  ])
  history(@Query(new ZodPipe(priceHistoryQuerySchema)) query: PriceHistoryQuery) {
    return this.prices.priceHistory(query);
  }

  @Get('changes')
  @ApiDoc({
    summary: 'The change log: one row per changed price line with old, new, absolute and percent change, date, source and run',
    query: changesQuerySchema,
    csv: true,
    tag: 'prices',
  })
  @CsvExport<ChangeRow>([
    { header: 'date', value: (c) => c.date },
    ...offeringColumns<ChangeRow>(),
    { header: 'component', value: (c) => c.component },
    { header: 'condition', value: (c) => c.condition },
    { header: 'unit', value: (c) => c.unit },
    { header: 'oldUsd', value: (c) => c.oldUsd },
    { header: 'newUsd', value: (c) => c.newUsd },
    { header: 'changeUsd', value: (c) => c.changeUsd },
    { header: 'changePct', value: (c) => c.changePct },
    { header: 'source', value: (c) => c.source },
    { header: 'previousSource', value: (c) => c.previousSource },
    { header: 'sourceUrl', value: (c) => c.sourceUrl },
    { header: 'runId', value: (c) => c.runId },
  ])
  changes(@Query(new ZodPipe(changesQuerySchema)) query: ChangesQuery) {
    return this.prices.changes(query);
  }

  @Get('offerings/:id/audit')
  @ApiDoc({
    summary: 'Provenance of an offering: every point with its scrape run, the payload hash and where to download the payload',
    params: { id: offeringIdSchema },
    responses: { 404: 'No offering with that id' },
    tag: 'prices',
  })
  audit(@Param('id', new ZodPipe(offeringIdSchema)) id: number) {
    return this.prices.audit(id);
  }
}
