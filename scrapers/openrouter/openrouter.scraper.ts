/**
 * OpenRouter `GET /api/v1/models`: `{data: [{id, canonical_slug, hugging_face_id, name, pricing, ...}]}`.
 * Each entry is one offering of provider "openrouter", providerModelId = id. Prices are strings in
 * USD per token, converted exactly to USD per 1M tokens.
 *
 * pricing: prompt -> input, completion -> output, input_cache_read -> cached_input,
 * input_cache_write -> cache_write, internal_reasoning -> reasoning, audio -> audio_input (per 1M
 * tokens); image -> image (USD per input image, condition {direction: "input"}); request -> request.
 * "-1" (variable, e.g. routers) rejects that component only ("id#pricing.prompt"). A zero surcharge
 * (request, image, web_search = "0", the older shape's filler) is no price line; zero token prices
 * are real free prices (":free" models). web_search is a tool fee, not a model price: ignored.
 * An image price equal to the prompt price is OpenRouter's per-token rate for image tokens, not a
 * per-image price: rejected as a component with that reason. Unknown pricing keys are rejected as
 * components. The older shape (2024-2025: `architecture.modality` "text+image->text", no
 * canonical_slug, hugging_face_id or input_cache_*) is read the same way.
 */
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ParseResult, RawPayload, RejectedRecord, ScrapedPrice, Scraper } from '../scraper.types.js';
import { decimalEquals, decimalStringToText } from '../shared/decimal.js';
import {
  candidateIds,
  compact,
  isPlainObject,
  lastSegment,
  normalizeModelId,
  parseJsonPayload,
  positiveInt,
  stringArray,
  validateOffering,
} from '../shared/records.js';

export const OPENROUTER_DEFAULT_URL = 'https://openrouter.ai/api/v1/models';

interface PricingComponent {
  component: ScrapedPrice['component'];
  unit: string;
  perToken: boolean;
  condition?: Record<string, string>;
  /** A "0" here means "no surcharge": no price line. */
  zeroMeansAbsent?: boolean;
}

export const OPENROUTER_PRICING: Readonly<Record<string, PricingComponent>> = {
  prompt: { component: 'input', unit: '1M tokens', perToken: true },
  completion: { component: 'output', unit: '1M tokens', perToken: true },
  input_cache_read: { component: 'cached_input', unit: '1M tokens', perToken: true },
  input_cache_write: { component: 'cache_write', unit: '1M tokens', perToken: true },
  internal_reasoning: { component: 'reasoning', unit: '1M tokens', perToken: true },
  audio: { component: 'audio_input', unit: '1M tokens', perToken: true },
  image: { component: 'image', unit: 'image', perToken: false, condition: { direction: 'input' }, zeroMeansAbsent: true },
  request: { component: 'request', unit: 'request', perToken: false, zeroMeansAbsent: true },
};

/** Fees for tools the model may call, not prices of the model. */
const IGNORED_PRICING_KEYS = new Set(['web_search']);

/** "text+image->text" -> {input: [text, image], output: [text]}. */
function modalitiesFromArrow(modality: unknown): { input?: string[]; output?: string[] } {
  if (typeof modality !== 'string' || !modality.includes('->')) return {};
  const [input, output] = modality.split('->');
  const list = (side: string | undefined) => side?.split('+').map((item) => item.trim()).filter(Boolean);
  return { input: list(input), output: list(output) };
}

export class OpenRouterScraper implements Scraper {
  readonly source = 'openrouter';
  readonly description = 'OpenRouter model list with per-token prices (GET /api/v1/models)';
  readonly defaultUrl = OPENROUTER_DEFAULT_URL;
  readonly allowedHosts = ['openrouter.ai'] as const;

  parse(payload: RawPayload): ParseResult {
    const json = parseJsonPayload(this.source, payload);
    const data = Array.isArray(json) ? json : isPlainObject(json) ? json.data : undefined;
    if (!Array.isArray(data)) {
      throw new ScraperParseError(`${this.source}: payload has no "data" array of models`, {
        source: this.source,
        url: payload.url,
        field: 'data',
      });
    }
    const result: ParseResult = { offerings: [], modelMeta: [], rejected: [], skipped: 0 };
    const seen = new Set<string>();
    data.forEach((entry: unknown, index) => {
      if (!isPlainObject(entry) || typeof entry.id !== 'string' || !entry.id.trim()) {
        result.rejected.push({ key: `data[${index}]`, reason: 'entry without a string id' });
        return;
      }
      const id = entry.id.trim();
      if (seen.has(id)) {
        result.rejected.push({ key: id, reason: 'duplicate id in data' });
        return;
      }
      seen.add(id);
      const validated = this.toOffering(id, entry, result.rejected);
      if (validated.ok) result.offerings.push(validated.value);
      else result.rejected.push(validated.rejected);
    });
    return result;
  }

  private toOffering(id: string, entry: Record<string, unknown>, rejected: RejectedRecord[]) {
    if (!isPlainObject(entry.pricing)) return { ok: false as const, rejected: { key: id, reason: 'no pricing object' } };
    const prices = this.prices(id, entry.pricing, rejected);
    const architecture = isPlainObject(entry.architecture) ? entry.architecture : {};
    const arrow = modalitiesFromArrow(architecture.modality);
    const inputModalities = stringArray(architecture.input_modalities) ?? arrow.input;
    const outputModalities = stringArray(architecture.output_modalities) ?? arrow.output;
    const topProvider = isPlainObject(entry.top_provider) ? entry.top_provider : {};
    const parameters = stringArray(entry.supported_parameters);
    const huggingFaceId = typeof entry.hugging_face_id === 'string' && entry.hugging_face_id.trim() ? entry.hugging_face_id.trim() : undefined;
    const canonicalSlug = typeof entry.canonical_slug === 'string' ? entry.canonical_slug : undefined;
    const baseId = id.replace(/^~/, '').replace(/:[a-z0-9-]+$/, '');
    const slash = baseId.indexOf('/');
    const rawName = typeof entry.name === 'string' ? entry.name.trim() : undefined;

    return validateOffering(
      id,
      compact({
        provider: 'openrouter',
        providerModelId: id,
        sourceKey: id,
        model: compact({
          candidateIds: candidateIds(huggingFaceId, canonicalSlug, id, baseId, lastSegment(baseId), normalizeModelId(baseId)),
          // "Anthropic: Claude Opus 4.7" -> "Claude Opus 4.7"
          name: rawName ? rawName.replace(/^[^:]{1,40}:\s+/, '') : undefined,
          creator: slash > 0 ? baseId.slice(0, slash) : undefined,
          huggingFaceId,
          knowledgeCutoff: typeof entry.knowledge_cutoff === 'string' ? entry.knowledge_cutoff : undefined,
        }),
        contextWindow: positiveInt(entry.context_length) ?? positiveInt(topProvider.context_length),
        maxOutputTokens: positiveInt(topProvider.max_completion_tokens),
        inputModalities,
        outputModalities,
        features: compact({
          toolCalling: parameters ? parameters.includes('tools') : undefined,
          structuredOutput: parameters ? parameters.includes('structured_outputs') || parameters.includes('response_format') : undefined,
          promptCaching: prices.some((price) => price.component === 'cached_input') ? true : undefined,
          vision: inputModalities ? inputModalities.includes('image') : undefined,
        }),
        prices,
        deprecationDate: typeof entry.expiration_date === 'string' && entry.expiration_date ? entry.expiration_date : undefined,
        sourceUrl: `https://openrouter.ai/${encodeURI(id)}`,
      }),
    );
  }

  private prices(id: string, pricing: Record<string, unknown>, rejected: RejectedRecord[]): ScrapedPrice[] {
    const prices: ScrapedPrice[] = [];
    for (const [name, raw] of Object.entries(pricing)) {
      if (IGNORED_PRICING_KEYS.has(name)) continue;
      const where = `${id}#pricing.${name}`;
      const mapping = OPENROUTER_PRICING[name];
      if (!mapping) {
        rejected.push({ key: where, reason: `unknown pricing key "${name}" (${JSON.stringify(raw)})` });
        continue;
      }
      if (raw === null || raw === undefined) continue;
      const text = typeof raw === 'number' ? String(raw) : raw;
      if (typeof text !== 'string') {
        rejected.push({ key: where, reason: `not a price string (${JSON.stringify(raw)})` });
        continue;
      }
      if (/^\s*-/.test(text)) {
        rejected.push({ key: where, reason: `variable or unknown price (${text})` });
        continue;
      }
      const usd = decimalStringToText(text, mapping.perToken);
      if (usd === undefined) {
        rejected.push({ key: where, reason: `not a decimal price (${JSON.stringify(text)})` });
        continue;
      }
      if (usd === '0' && mapping.zeroMeansAbsent) continue;
      if (name === 'image' && typeof pricing.prompt === 'string' && decimalStringToText(pricing.prompt) !== undefined && decimalEquals(text, pricing.prompt)) {
        rejected.push({ key: where, reason: `image price ${text} equals the prompt price: a per-token rate for image tokens, not a per-image price` });
        continue;
      }
      const price: ScrapedPrice = { component: mapping.component, usd, unit: mapping.unit };
      if (mapping.condition) price.condition = { ...mapping.condition };
      prices.push(price);
    }
    return prices;
  }
}
