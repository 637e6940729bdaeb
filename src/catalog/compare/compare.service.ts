import { Injectable } from '@nestjs/common';

import { endOfDay } from '../../common/dates.js';
import { compareDecimals } from '../../common/money.js';
import { apiMonthlyCost, MissingPriceError, type Workload } from '../../decision/cost-model.js';
import { basePrice } from '../offerings/offering.presenter.js';
import { ModelsService } from '../models/models.service.js';
import type { CompareQuery } from './compare.schemas.js';

type ModelDetail = Awaited<ReturnType<ModelsService['get']>>;

export interface CompareRow {
  field: string;
  values: Record<string, string | number | null>;
}

/** Side by side: one column per model, one row per fact, price and the workload's monthly cost. */
@Injectable()
export class CompareService {
  constructor(private readonly models: ModelsService) {}

  async compare(query: CompareQuery) {
    const workload: Workload = {
      requestsPerMonth: query.requestsPerMonth,
      inputTokensPerRequest: query.inputTokens,
      outputTokensPerRequest: query.outputTokens,
    };
    const details: ModelDetail[] = [];
    const priceOptions = {
      at: query.pricesAsOf ? endOfDay(query.pricesAsOf) : undefined,
      source: query.priceSource,
    };
    for (const slug of query.models) details.push(await this.models.get(slug, priceOptions));
    const columns = details.map((model) => this.column(model, workload));

    const rows: CompareRow[] = [];
    const row = (field: string, value: (column: (typeof columns)[number]) => string | number | null) =>
      rows.push({ field, values: Object.fromEntries(columns.map((column) => [column.slug, value(column)])) });
    row('name', (c) => c.name);
    row('kind', (c) => c.kind);
    row('license', (c) => c.license?.id ?? null);
    row('commercialUse', (c) => c.license?.commercialUse ?? null);
    row('userCapMau', (c) => c.license?.userCapMau ?? null);
    row('parametersB', (c) => c.parametersB);
    row('activeParametersB', (c) => c.activeParametersB);
    row('contextWindow', (c) => c.contextWindow);
    const benchmarks = [...new Set(columns.flatMap((c) => Object.keys(c.scores)))].sort();
    for (const benchmark of benchmarks) row(`score:${benchmark}`, (c) => c.scores[benchmark] ?? null);
    const providers = [...new Set(columns.flatMap((c) => c.providers.map((p) => p.provider)))].sort();
    for (const provider of providers) {
      const at = (c: (typeof columns)[number]) => c.providers.find((p) => p.provider === provider);
      row(`${provider}:input`, (c) => at(c)?.input ?? null);
      row(`${provider}:output`, (c) => at(c)?.output ?? null);
      row(`${provider}:cachedInput`, (c) => at(c)?.cachedInput ?? null);
      row(`${provider}:monthlyCostUsd`, (c) => at(c)?.monthlyCostUsd ?? null);
    }
    row('cheapestProvider', (c) => c.cheapest?.provider ?? null);
    row('cheapestMonthlyCostUsd', (c) => c.cheapest?.monthlyCostUsd ?? null);

    return {
      workload: { requestsPerMonth: query.requestsPerMonth, inputTokens: query.inputTokens, outputTokens: query.outputTokens },
      prices: { asOf: query.pricesAsOf ?? null, source: query.priceSource ?? null },
      unit: { prices: 'USD per 1M tokens', cost: 'USD per month' },
      models: columns,
      rows,
    };
  }

  private column(model: ModelDetail, workload: Workload) {
    const offerings = model.offerings
      .filter((offering) => offering.status === 'listed' && basePrice(offering, 'input') && basePrice(offering, 'output'))
      .map((offering) => {
        let monthlyCostUsd: string | null = null;
        try {
          monthlyCostUsd = apiMonthlyCost(workload, offering.prices).monthlyCostUsd;
        } catch (error) {
          if (!(error instanceof MissingPriceError)) throw error;
        }
        return {
          provider: offering.provider.slug,
          providerModelId: offering.providerModelId,
          input: basePrice(offering, 'input')?.usd ?? null,
          output: basePrice(offering, 'output')?.usd ?? null,
          cachedInput: basePrice(offering, 'cached_input')?.usd ?? null,
          priceSource: basePrice(offering, 'input')?.source ?? null,
          monthlyCostUsd,
        };
      })
      .sort(
        (a, b) =>
          compareDecimals(a.monthlyCostUsd ?? Infinity, b.monthlyCostUsd ?? Infinity) ||
          a.provider.localeCompare(b.provider) ||
          a.providerModelId.localeCompare(b.providerModelId),
      );
    // One entry per provider: its cheapest offering of the model (a provider may list several ids).
    const providers = offerings.filter((offering, index) => offerings.findIndex((o) => o.provider === offering.provider) === index);
    const cheapest = providers.find((p) => p.monthlyCostUsd !== null);
    const scores: Record<string, string> = {};
    for (const result of model.benchmarkResults) {
      const current = scores[result.benchmark];
      if (result.score !== null && (current === undefined || compareDecimals(result.score, current) > 0)) scores[result.benchmark] = result.score;
    }
    return {
      slug: model.slug,
      name: model.name,
      kind: model.kind,
      license: model.license && {
        id: model.license.id,
        name: model.license.name,
        commercialUse: model.license.commercialUse,
        userCapMau: model.license.userCapMau,
      },
      parametersB: model.parametersB,
      activeParametersB: model.activeParametersB,
      contextWindow: model.contextWindow,
      scores,
      providers,
      cheapest: cheapest ? { provider: cheapest.provider, monthlyCostUsd: cheapest.monthlyCostUsd } : null,
    };
  }
}
