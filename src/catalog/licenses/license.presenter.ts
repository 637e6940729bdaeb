import type { License, LicenseVersion } from '../../generated/prisma/client.js';
import { isoDay } from '../catalog-enums.js';
import { publicSourceRef } from '../../../scrapers/http/redact.js';

export function presentLicenseSummary(license: License) {
  return {
    id: license.id,
    name: license.name,
    spdxId: license.spdxId,
    category: license.category,
    url: license.url,
    commercialUse: license.commercialUse,
    userCapMau: license.userCapMau === null ? null : Number(license.userCapMau),
  };
}

export function presentLicenseVersion(version: LicenseVersion) {
  return {
    id: version.id,
    version: version.version,
    effectiveFrom: isoDay(version.effectiveFrom),
    url: version.url,
    commercialUse: version.commercialUse,
    userCapMau: version.userCapMau === null ? null : Number(version.userCapMau),
    terms: version.terms,
    source: version.source,
    sourceUrl: publicSourceRef(version.sourceUrl),
    supersedesId: version.supersedesId,
    recordedBy: version.recordedBy,
    reason: version.reason,
    recordedAt: version.createdAt.toISOString(),
  };
}
