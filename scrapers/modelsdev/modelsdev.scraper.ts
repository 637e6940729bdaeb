/**
 * models.dev `api.json`: `{provider_id: {id, name, doc, models: {model_id: {...}}}}`, costs in USD
 * per 1M tokens already. Every model of every provider is one offering (sourceKey "provider/model").
 *
 * Costs: input, output, cache_read -> cached_input, cache_write, reasoning, input_audio ->
 * audio_input, output_audio -> audio_output; the misspellings seen in the data (cache_input,
 * cached_input, cached_write) map to the same components. `context_over_200k: {...}` ->
 * {promptTokensAbove: 200000}; `tiers: [{tier: {size: N}, ...}]` -> {promptTokensAbove: N}.
 * Any other cost key (image, request, citation: units the data does not state) is rejected on its
 * own as "provider/model#cost.key" and the rest of the entry kept.
 * Plausibility: a positive token price below 0.001 USD per 1M tokens is a per-token value typed into
 * a per-million field (or a price in another unit); the entry is rejected with the value x 1e6 in
 * the reason. A cost that is not a non-negative number rejects the entry. No cost object: the
 * offering is kept with no price lines (the source states none).
 * Metadata: limit.context/output, modalities, open_weights, release_date (full dates only; "2024-05"
 * is dropped), knowledge, family, tool_call, structured_output; vision when input modalities hold
 * "image"; promptCaching when a cache price is given.
 */
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ParseResult, RawPayload, RejectedRecord, ScrapedPrice, Scraper } from '../scraper.types.js';
import { lessThan, numberToDecimalText, plainDecimal } from '../shared/decimal.js';
import { modelsDevProviderSlug } from '../shared/provider-slugs.js';
import {
  candidateIds,
  compact,
  isoDay,
  isPlainObject,
  lastSegment,
  normalizeModelId,
  optionalBoolean,
  parseJsonPayload,
  positiveInt,
  priceLineKey,
  stringArray,
  tokenPrice,
  validateOffering,
} from '../shared/records.js';

export const MODELSDEV_DEFAULT_URL = 'https://models.dev/api.json';

/** models.dev cost key -> component (all per 1M tokens). */
export const MODELSDEV_COST_COMPONENTS: Readonly<Record<string, ScrapedPrice['component']>> = {
  input: 'input',
  output: 'output',
  cache_read: 'cached_input',
  cache_input: 'cached_input',
  cached_input: 'cached_input',
  cache_write: 'cache_write',
  cached_write: 'cache_write',
  cached_read: 'cached_input',
  reasoning: 'reasoning',
  input_audio: 'audio_input',
  output_audio: 'audio_output',
};

/** Below this (USD per 1M tokens) a positive price is taken for a per-token value. */
export const MIN_PLAUSIBLE_USD_PER_MILLION = '0.001';

type Condition = Record<string, string | number | boolean>;

class EntryRejected extends Error {}

export class ModelsDevScraper implements Scraper {
  readonly source = 'models.dev';
  readonly description = 'models.dev open catalog of models per provider (USD per 1M tokens, limits, modalities)';
  readonly defaultUrl = MODELSDEV_DEFAULT_URL;
  readonly allowedHosts = ['models.dev'] as const;

  parse(payload: RawPayload): ParseResult {
    const json = parseJsonPayload(this.source, payload);
    if (!isPlainObject(json)) {
      throw new ScraperParseError(`${this.source}: payload is not a JSON object of providers`, {
        source: this.source,
        url: payload.url,
        field: '(root)',
      });
    }
    const providers = Object.entries(json);
    if (!providers.some(([, provider]) => isPlainObject(provider) && isPlainObject(provider.models))) {
      throw new ScraperParseError(`${this.source}: no provider with a "models" object`, {
        source: this.source,
        url: payload.url,
        field: '<provider>.models',
      });
    }

    const result: ParseResult = { offerings: [], modelMeta: [], rejected: [], skipped: 0 };
    for (const [providerKey, provider] of providers) {
      if (!isPlainObject(provider) || !isPlainObject(provider.models)) {
        result.rejected.push({ key: providerKey, reason: 'provider without a "models" object' });
        continue;
      }
      const providerId = typeof provider.id === 'string' && provider.id ? provider.id : providerKey;
      for (const [modelKey, model] of Object.entries(provider.models)) {
        const key = `${providerKey}/${modelKey}`;
        if (!isPlainObject(model)) {
          result.rejected.push({ key, reason: 'model entry is not an object' });
          continue;
        }
        try {
          const offering = this.toOffering(key, providerId, modelKey, model, result.rejected);
          if (offering.ok) result.offerings.push(offering.value);
          else result.rejected.push(offering.rejected);
        } catch (error) {
          if (!(error instanceof EntryRejected)) throw error;
          result.rejected.push({ key, reason: error.message });
        }
      }
    }
    return result;
  }

  private toOffering(key: string, providerId: string, modelKey: string, model: Record<string, unknown>, rejected: RejectedRecord[]) {
    const providerModelId = typeof model.id === 'string' && model.id ? model.id : modelKey;
    const prices = model.cost === undefined || model.cost === null ? [] : this.prices(key, model.cost, rejected);
    const limit = isPlainObject(model.limit) ? model.limit : {};
    const modalities = isPlainObject(model.modalities) ? model.modalities : {};
    const inputModalities = stringArray(modalities.input);
    const cost = isPlainObject(model.cost) ? model.cost : {};
    const hasCachePrice = ['cache_read', 'cache_input', 'cached_input', 'cache_write', 'cached_write'].some((name) => name in cost);

    return validateOffering(
      key,
      compact({
        provider: modelsDevProviderSlug(providerId),
        providerModelId,
        sourceKey: key,
        model: compact({
          candidateIds: candidateIds(providerModelId, lastSegment(providerModelId), normalizeModelId(providerModelId)),
          name: typeof model.name === 'string' ? model.name : undefined,
          family: typeof model.family === 'string' ? model.family : undefined,
          creator: providerModelId.includes('/') ? providerModelId.slice(0, providerModelId.indexOf('/')) : undefined,
          openWeights: optionalBoolean(model.open_weights),
          releaseDate: isoDay(model.release_date),
          knowledgeCutoff: typeof model.knowledge === 'string' ? model.knowledge : undefined,
        }),
        contextWindow: positiveInt(limit.context),
        maxOutputTokens: positiveInt(limit.output),
        inputModalities,
        outputModalities: stringArray(modalities.output),
        features: compact({
          toolCalling: optionalBoolean(model.tool_call),
          structuredOutput: optionalBoolean(model.structured_output),
          promptCaching: hasCachePrice ? true : undefined,
          vision: inputModalities ? inputModalities.includes('image') : undefined,
        }),
        prices,
      }),
    );
  }

  /** Price lines of one cost object; throws EntryRejected for a value that condemns the entry. */
  private prices(key: string, cost: unknown, rejected: RejectedRecord[]): ScrapedPrice[] {
    if (!isPlainObject(cost)) throw new EntryRejected(`cost is not an object (${JSON.stringify(cost)})`);
    const prices: ScrapedPrice[] = [];
    const add = (block: Record<string, unknown>, where: string, condition?: Condition) => {
      for (const [name, value] of Object.entries(block)) {
        if (where === 'cost' && (name === 'tiers' || name === 'context_over_200k')) continue;
        if (where !== 'cost' && name === 'tier') continue;
        const component = MODELSDEV_COST_COMPONENTS[name];
        if (!component) {
          rejected.push({ key: `${key}#${where}.${name}`, reason: `unknown cost key "${name}" (${JSON.stringify(value)}); not imported` });
          continue;
        }
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          throw new EntryRejected(`${where}.${name} is not a non-negative number (${JSON.stringify(value)})`);
        }
        const usd = numberToDecimalText(value);
        if (value > 0 && lessThan(usd, MIN_PLAUSIBLE_USD_PER_MILLION)) {
          throw new EntryRejected(
            `${where}.${name} = ${value} USD per 1M tokens is implausibly small: a per-token value in a per-million field? (x 1e6 = ${plainDecimal(usd + 'e6')})`,
          );
        }
        prices.push(tokenPrice(component, usd, condition));
      }
    };
    add(cost, 'cost');
    if (isPlainObject(cost.context_over_200k)) add(cost.context_over_200k, 'cost.context_over_200k', { promptTokensAbove: 200_000 });
    else if (cost.context_over_200k !== undefined) rejected.push({ key: `${key}#cost.context_over_200k`, reason: 'context_over_200k is not an object' });
    if (Array.isArray(cost.tiers)) {
      cost.tiers.forEach((tier: unknown, index) => {
        const where = `cost.tiers[${index}]`;
        const size = isPlainObject(tier) && isPlainObject(tier.tier) ? tier.tier.size : undefined;
        if (!isPlainObject(tier) || typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
          rejected.push({ key: `${key}#${where}`, reason: 'tier without a positive tier.size' });
          return;
        }
        const type = isPlainObject(tier.tier) ? tier.tier.type : undefined;
        if (type !== undefined && type !== 'context') {
          rejected.push({ key: `${key}#${where}`, reason: `tier of unknown type ${JSON.stringify(type)}` });
          return;
        }
        add(tier, where, { promptTokensAbove: size });
      });
    } else if (cost.tiers !== undefined) {
      rejected.push({ key: `${key}#cost.tiers`, reason: 'tiers is not an array' });
    }
    // A tier given by both context_over_200k and tiers: one line per component and condition.
    const lines = new Map<string, ScrapedPrice>();
    for (const price of prices) {
      const id = priceLineKey(price);
      const existing = lines.get(id);
      if (!existing) lines.set(id, price);
      else if (existing.usd !== price.usd) {
        rejected.push({ key: `${key}#cost`, reason: `${price.component} ${JSON.stringify(price.condition ?? {})} given twice: ${existing.usd} and ${price.usd}; kept ${existing.usd}` });
      }
    }
    return [...lines.values()];
  }
}
