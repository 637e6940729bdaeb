import type { Offering, Provider, Model } from '../../generated/prisma/client.js';
import type { PriceInForce } from '../../prices/current-prices.repository.js';
import { providerKindToApi } from '../catalog-enums.js';

export function presentPrice(price: PriceInForce) {
  return {
    component: price.component,
    condition: price.condition,
    unit: price.unit,
    usd: price.usd,
    validFrom: price.validFrom,
    observedAt: price.observedAt,
    source: price.source,
    sourceUrl: price.sourceUrl,
    scrapeRunId: price.scrapeRunId,
  };
}

export type PresentedPrice = ReturnType<typeof presentPrice>;

/** An offering as every endpoint shows it, with the prices in force. */
export function presentOffering(
  offering: Offering & { provider?: Provider; model?: Pick<Model, 'slug' | 'name'> },
  prices: readonly PriceInForce[],
) {
  return {
    id: offering.id,
    provider: offering.provider
      ? { slug: offering.provider.slug, name: offering.provider.name, kinds: offering.provider.kinds.map(providerKindToApi) }
      : { slug: offering.providerSlug },
    model: offering.model ? { slug: offering.model.slug, name: offering.model.name } : { slug: offering.modelSlug },
    providerModelId: offering.providerModelId,
    status: offering.status,
    listedAt: offering.listedAt.toISOString(),
    unlistedAt: offering.unlistedAt?.toISOString() ?? null,
    features: {
      toolCalling: offering.supportsToolCalling,
      structuredOutput: offering.supportsStructuredOutput,
      promptCaching: offering.supportsPromptCaching,
      batch: offering.supportsBatch,
      fineTuning: offering.supportsFineTuning,
      vision: offering.supportsVision,
    },
    contextWindow: offering.contextWindow,
    maxOutputTokens: offering.maxOutputTokens,
    prices: prices.map(presentPrice),
  };
}

export type PresentedOffering = ReturnType<typeof presentOffering>;

/** The unconditional price of a component, if the offering has one in force. */
export function basePrice(offering: PresentedOffering, component: string): PresentedPrice | undefined {
  return offering.prices.find((price) => price.component === component && price.condition === null);
}
