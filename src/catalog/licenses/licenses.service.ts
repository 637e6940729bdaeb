import { Injectable } from '@nestjs/common';

import { ResourceNotFoundException } from '../../common/errors.js';
import { PrismaService } from '../../database/prisma.service.js';
import { presentLicenseSummary, presentLicenseVersion } from './license.presenter.js';

@Injectable()
export class LicensesService {
  constructor(private readonly prisma: PrismaService) {}

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
      where: { id: { equals: id, mode: 'insensitive' } },
      include: { versions: { orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }] } },
    });
    if (!license) throw new ResourceNotFoundException('license', 'id', id);
    return { id: license.id, name: license.name, items: license.versions.map(presentLicenseVersion), nextCursor: null };
  }

  /** A license with its newest terms (each with the clause it rests on) and every version. */
  async get(id: string) {
    const license = await this.prisma.license.findFirst({
      where: { id: { equals: id, mode: 'insensitive' } },
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
