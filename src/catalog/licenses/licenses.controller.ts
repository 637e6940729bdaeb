import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';

import { CsvExport } from '../../common/csv.js';
import { formatSchema } from '../../common/list-query.js';
import { ApiDoc } from '../../common/openapi/api-doc.decorator.js';
import { ZodPipe } from '../../common/zod-validation.pipe.js';
import { LicensesService } from './licenses.service.js';

const licenseListQuerySchema = z
  .object({
    commercialUse: z.enum(['allowed', 'conditional', 'forbidden']).optional(),
    category: z.enum(['open-source', 'open-weights', 'non-commercial', 'research', 'proprietary']).optional(),
    format: formatSchema,
  })
  .strict();

/** The characters license ids use (SPDX ids, LicenseRef-..., our own ids); anything else is a 400. */
const licenseIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'a license id such as Apache-2.0 or llama-3.3');

type LicenseListItem = Awaited<ReturnType<LicensesService['list']>>['items'][number];

@Controller('v1/licenses')
export class LicensesController {
  constructor(private readonly licensesService: LicensesService) {}

  @Get()
  @ApiDoc({ summary: 'List licenses with their commercial-use verdict and user cap', query: licenseListQuerySchema, csv: true })
  @CsvExport<LicenseListItem>([
    { header: 'id', value: (l) => l.id },
    { header: 'name', value: (l) => l.name },
    { header: 'spdxId', value: (l) => l.spdxId },
    { header: 'category', value: (l) => l.category },
    { header: 'commercialUse', value: (l) => l.commercialUse },
    { header: 'userCapMau', value: (l) => l.userCapMau },
    { header: 'modelCount', value: (l) => l.modelCount },
    { header: 'url', value: (l) => l.url },
  ])
  list(@Query(new ZodPipe(licenseListQuerySchema)) query: z.output<typeof licenseListQuerySchema>) {
    return this.licensesService.list(query);
  }

  @Get(':id/versions')
  @ApiDoc({
    summary: 'Every version of a license, oldest first, with its terms and who recorded it',
    params: { id: licenseIdSchema },
    responses: { 404: 'No license with that id' },
  })
  versions(@Param('id', new ZodPipe(licenseIdSchema)) id: string) {
    return this.licensesService.versions(id);
  }

  @Get(':id')
  @ApiDoc({
    summary: 'One license: its terms with clause references, every version, the models under it',
    params: { id: licenseIdSchema },
    responses: { 404: 'No license with that id' },
  })
  get(@Param('id', new ZodPipe(licenseIdSchema)) id: string) {
    return this.licensesService.get(id);
  }
}
