import { Injectable } from '@nestjs/common';

import { ResourceNotFoundException } from '../../common/errors.js';
import { PrismaService } from '../../database/prisma.service.js';
import { presentLicenseSummary, presentLicenseVersion } from './license.presenter.js';

@Injectable()
export class LicensesService {
  constructor(private readonly prisma: PrismaService) {}

  /** License ids match case-insensitively ("apache-2.0" finds Apache-2.0); an exact comparison, never a LIKE pattern. */
  private async canonicalId(id: string): Promise<string> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM license WHERE lower(id) = lower(${id}) ORDER BY id = ${id} DESC LIMIT 1`;
    return rows[0]?.id ?? id;
  }

  async list(query: { commercialUse?: 'allowed' | 'conditional' | 'forbidden'; category?: string }) {
    const rows = await this.prisma.license.findMany({
      where: {
        ...(query.commercialUse ? { commercialUse: query.commercialUse } : {}),
        ...(query.category ? { category: query.category } : {}),
      },
      include: { _count: { select: { models: true } } },
      orderBy: { id: 'asc' },
    });
    return { items: rows.map((row) => ({ ...presentLicenseSummary(row), modelCount: row._count.models })), nextCursor: null };
  }

  /** Every version of a license, oldest first: which terms were in force from when, and who recorded them. */
  async versions(id: string) {
    const license = await this.prisma.license.findFirst({
      where: { id: await this.canonicalId(id) },
      include: { versions: { orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }] } },
    });
    if (!license) throw new ResourceNotFoundException('license', 'id', id);
    return { id: license.id, name: license.name, items: license.versions.map(presentLicenseVersion), nextCursor: null };
  }

  /** A license with its newest terms (each with the clause it rests on) and every version. */
  async get(id: string) {
    const license = await this.prisma.license.findFirst({
      where: { id: await this.canonicalId(id) },
      include: {
        versions: { orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }] },
        models: { select: { slug: true, name: true }, orderBy: { slug: 'asc' } },
      },
    });
    if (!license) throw new ResourceNotFoundException('license', 'id', id);
    const [current] = license.versions;
    return {
      ...presentLicenseSummary(license),
      current: current ? presentLicenseVersion(current) : null,
      versions: license.versions.map(presentLicenseVersion),
      models: license.models,
    };
  }
}
