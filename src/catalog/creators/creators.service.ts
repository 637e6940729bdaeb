import { Injectable } from '@nestjs/common';

import { PrismaService } from '../../database/prisma.service.js';

export interface CreatorItem {
  slug: string;
  name: string;
  url: string | null;
  country: string | null;
  modelCount: number;
}

@Injectable()
export class CreatorsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<{ items: CreatorItem[]; nextCursor: null }> {
    const rows = await this.prisma.creator.findMany({ include: { _count: { select: { models: true } } }, orderBy: { slug: 'asc' } });
    return {
      items: rows.map((row) => ({ slug: row.slug, name: row.name, url: row.url, country: row.country, modelCount: row._count.models })),
      nextCursor: null,
    };
  }
}
