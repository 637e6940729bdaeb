import { Injectable } from '@nestjs/common';

import { PrismaService } from '../../database/prisma.service.js';
import { GpuPricesRepository } from '../../prices/gpu-prices.repository.js';

@Injectable()
export class GpusService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly gpuPrices: GpuPricesRepository,
  ) {}

  async list() {
    const [types, prices] = await Promise.all([
      this.prisma.gpuType.findMany({ orderBy: { slug: 'asc' } }),
      this.gpuPrices.inForce(),
    ]);
    return {
      items: types.map((gpu) => ({
        slug: gpu.slug,
        name: gpu.name,
        vendor: gpu.vendor,
        memoryGb: gpu.memoryGb,
        unit: 'GPU hour',
        prices: prices
          .filter((price) => price.gpuSlug === gpu.slug)
          .map((price) => ({
            provider: price.providerSlug,
            providerName: price.providerName,
            pricingTier: price.pricingTier,
            usdPerHour: price.usdPerHour,
            validFrom: price.validFrom,
            source: price.source,
            sourceUrl: price.sourceUrl,
          })),
      })),
      nextCursor: null,
    };
  }
}

export type GpuListItem = Awaited<ReturnType<GpusService['list']>>['items'][number];
