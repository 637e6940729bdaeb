import { Injectable } from '@nestjs/common';

import { ResourceNotFoundException } from '../../common/errors.js';
import { compareDecimals, formatDecimal } from '../../common/money.js';
import { PrismaService } from '../../database/prisma.service.js';
import { isoDay, modelKindToApi, modelKindToDb, type ApiModelKind } from '../catalog-enums.js';

@Injectable()
export class BenchmarksService {
  constructor(private readonly prisma: PrismaService) {}

  async list() {
    const rows = await this.prisma.benchmark.findMany({
      include: { _count: { select: { results: true } } },
      orderBy: { slug: 'asc' },
    });
    return {
      items: rows.map((row) => ({
        slug: row.slug,
        name: row.name,
        description: row.description,
        unit: row.unit,
        higherIsBetter: row.higherIsBetter,
        url: row.url,
        resultCount: row._count.results,
      })),
      nextCursor: null,
    };
  }

  /** The leaderboard: models ranked by their best result on the benchmark, each result listed. */
  async leaderboard(slug: string, query: { kind?: ApiModelKind; limit: number }) {
    const benchmark = await this.prisma.benchmark.findUnique({ where: { slug } });
    if (!benchmark) throw new ResourceNotFoundException('benchmark', 'slug', slug);
    const results = await this.prisma.benchmarkResult.findMany({
      where: {
        benchmarkSlug: slug,
        model: { status: { in: ['active', 'deprecated'] }, ...(query.kind ? { kind: modelKindToDb(query.kind) } : {}) },
      },
      include: { model: { select: { slug: true, name: true, kind: true, licenseId: true } } },
    });
    const byModel = new Map<string, typeof results>();
    for (const result of results) byModel.set(result.modelSlug, [...(byModel.get(result.modelSlug) ?? []), result]);
    const direction = benchmark.higherIsBetter ? -1 : 1;
    const ranked = [...byModel.values()]
      .map((modelResults) => {
        const best = modelResults.reduce((a, b) => (direction * compareDecimals(a.score, b.score) <= 0 ? a : b));
        return { best, modelResults };
      })
      .sort((a, b) => direction * compareDecimals(a.best.score, b.best.score) || a.best.modelSlug.localeCompare(b.best.modelSlug))
      .slice(0, query.limit);
    return {
      slug: benchmark.slug,
      name: benchmark.name,
      unit: benchmark.unit,
      higherIsBetter: benchmark.higherIsBetter,
      url: benchmark.url,
      items: ranked.map(({ best, modelResults }, index) => ({
        rank: index + 1,
        model: { slug: best.model.slug, name: best.model.name, kind: modelKindToApi(best.model.kind), license: best.model.licenseId },
        score: formatDecimal(best.score),
        results: modelResults.map((result) => ({
          score: formatDecimal(result.score),
          setting: result.setting,
          measuredOn: isoDay(result.measuredOn),
          source: result.source,
          sourceUrl: result.sourceUrl,
        })),
      })),
    };
  }
}
