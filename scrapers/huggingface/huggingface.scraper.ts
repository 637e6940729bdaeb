/**
 * Hugging Face model API (`https://huggingface.co/api/models/<id>`): license, size and gating of
 * one open model, as `modelMeta`. One payload is one model, so a run fetches one URL per model:
 * `huggingFaceModelUrls(ids)` lists them. A JSON array of such objects (a saved listing) is read too.
 *
 * licenseTag: cardData.license, else the "license:<tag>" entry of tags; licenseName:
 * cardData.license_name ("llama3.3" when license is "other"); licenseUrl: cardData.license_link,
 * resolved against the repository when relative ("LICENSE" ->
 * https://huggingface.co/<id>/blob/main/LICENSE); parametersB: safetensors.total in billions, exact
 * decimal text; gated: false -> false, "auto" | "manual" | true -> true.
 */
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ParseResult, RawPayload, Scraper, ScrapedModelMeta } from '../scraper.types.js';
import { countToBillions } from '../shared/decimal.js';
import { compact, isPlainObject, parseJsonPayload, validateModelMeta } from '../shared/records.js';

export const HUGGINGFACE_API_BASE = 'https://huggingface.co/api/models/';

const HF_ID = /^[\w.-]+\/[\w.-]+$|^[\w.-]+$/;

/** The API URL of one model: "meta-llama/Llama-3.3-70B-Instruct" -> https://huggingface.co/api/models/meta-llama/Llama-3.3-70B-Instruct. */
export function huggingFaceModelUrl(id: string): string {
  const trimmed = id.trim();
  if (!HF_ID.test(trimmed)) throw new RangeError(`not a Hugging Face model id: "${id}"`);
  return `${HUGGINGFACE_API_BASE}${trimmed.split('/').map(encodeURIComponent).join('/')}`;
}

/** One API URL per distinct id, in order. */
export function huggingFaceModelUrls(ids: Iterable<string>): string[] {
  return [...new Set([...ids].map((id) => id.trim()).filter(Boolean))].map(huggingFaceModelUrl);
}

function licenseFromTags(tags: unknown): string | undefined {
  if (!Array.isArray(tags)) return undefined;
  const tag = tags.find((item): item is string => typeof item === 'string' && item.startsWith('license:'));
  return tag ? tag.slice('license:'.length) : undefined;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string' && item.trim() !== '')?.trim();
  return undefined;
}

function resolveLicenseLink(link: string | undefined, id: string): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link, `https://huggingface.co/${id}/blob/main/`).toString();
  } catch {
    return link; // left for the schema to reject with its reason
  }
}

export class HuggingFaceScraper implements Scraper {
  readonly source = 'huggingface';
  readonly description = 'Hugging Face model API: license, parameter count and gating of one model per URL';
  /** An example: runs pass one URL per model from huggingFaceModelUrls(). */
  readonly defaultUrl = huggingFaceModelUrl('meta-llama/Llama-3.3-70B-Instruct');
  readonly allowedHosts = ['huggingface.co'] as const;

  parse(payload: RawPayload): ParseResult {
    const json = parseJsonPayload(this.source, payload);
    const models = Array.isArray(json) ? json : [json];
    const result: ParseResult = { offerings: [], modelMeta: [], rejected: [], skipped: 0 };
    if (!Array.isArray(json) && (!isPlainObject(json) || typeof json.id !== 'string')) {
      throw new ScraperParseError(`${this.source}: payload is not a model object with a string "id"`, {
        source: this.source,
        url: payload.url,
        field: 'id',
      });
    }
    models.forEach((model: unknown, index) => {
      if (!isPlainObject(model) || typeof model.id !== 'string' || !model.id) {
        result.rejected.push({ key: `[${index}]`, reason: 'model without a string id' });
        return;
      }
      const validated = validateModelMeta(model.id, this.toMeta(model.id, model));
      if (validated.ok) result.modelMeta.push(validated.value);
      else result.rejected.push(validated.rejected);
    });
    return result;
  }

  private toMeta(id: string, model: Record<string, unknown>): ScrapedModelMeta {
    const card = isPlainObject(model.cardData) ? model.cardData : {};
    const safetensors = isPlainObject(model.safetensors) ? model.safetensors : {};
    const total = typeof safetensors.total === 'number' && Number.isFinite(safetensors.total) && safetensors.total > 0 ? safetensors.total : undefined;
    const gated = model.gated === false ? false : model.gated === true || model.gated === 'auto' || model.gated === 'manual' ? true : undefined;
    return compact({
      huggingFaceId: id,
      licenseTag: firstString(card.license) ?? licenseFromTags(model.tags),
      licenseName: firstString(card.license_name),
      licenseUrl: resolveLicenseLink(firstString(card.license_link), id),
      parametersB: total === undefined ? undefined : countToBillions(total),
      gated,
      sourceUrl: `https://huggingface.co/${id}`,
    });
  }
}
