import { Injectable } from '@nestjs/common';

import { isoDay } from '../catalog/catalog-enums.js';
import { licenseTermsSchema } from '../catalog/licenses/license-terms.js';
import { ModelsService } from '../catalog/models/models.service.js';
import { ResourceNotFoundException } from '../common/errors.js';
import { PrismaService } from '../database/prisma.service.js';
import { withInputErrors } from './decision.service.js';
import { validateUse } from './decision-engine.js';
import { checkLicense, type LicenseCheckRequest, type LicenseRecord } from './license/license-check.js';

/**
 * `POST /v1/license-check`: the model (slug or alias) or the license (id) resolved to the license's
 * newest version (license_version by effective_from, newest first), its terms parsed with the
 * catalog's schema, and the license engine's verdict for the use.
 */
@Injectable()
export class LicenseCheckService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly models: ModelsService,
  ) {}

  async check(request: LicenseCheckRequest) {
    // An unknown SPDX id is the caller's error whatever the model: 400 before any 404.
    withInputErrors(() => validateUse(request.use));
    let model: { slug: string; name: string } | null = null;
    let licenseId = request.license;
    if (request.model !== undefined) {
      const slug = await this.models.resolveSlug(request.model);
      const found = slug ? await this.prisma.model.findUnique({ where: { slug }, select: { slug: true, name: true, licenseId: true } }) : null;
      if (!found) throw new ResourceNotFoundException('model', 'slug', request.model);
      if (!found.licenseId) throw new ResourceNotFoundException('license', 'model', found.slug);
      model = { slug: found.slug, name: found.name };
      licenseId = found.licenseId;
    }
    // Case-insensitive, exact: lower() equality, never a LIKE pattern.
    const [canonical] = await this.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM license WHERE lower(id) = lower(${licenseId!}) LIMIT 1`;
    const license = await this.prisma.license.findFirst({
      where: { id: canonical?.id ?? licenseId! },
      include: { versions: { orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }], take: 1 } },
    });
    const version = license?.versions[0];
    if (!license || !version) throw new ResourceNotFoundException('license', 'id', licenseId!);
    const terms = licenseTermsSchema.safeParse(version.terms);
    if (!terms.success) throw new Error(`license ${license.id} ${version.version}: terms do not match the terms schema: ${terms.error.message}`);
    const record: LicenseRecord = {
      id: license.id,
      name: license.name,
      spdxId: license.spdxId,
      url: version.url ?? license.url ?? '',
      version: version.version,
      terms: terms.data,
    };
    const result = withInputErrors(() => checkLicense(record, request.use));
    return {
      model,
      license: { ...result.license, spdxId: license.spdxId, effectiveFrom: isoDay(version.effectiveFrom), url: record.url },
      use: request.use,
      verdict: result.verdict,
      obligations: result.obligations,
      reasons: result.reasons,
      productLicense: result.productLicense,
    };
  }
}
