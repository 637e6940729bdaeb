/**
 * What the HTML pricing-page scrapers (Together, Groq, Fireworks) share: find the token-priced
 * tables by meaning, map each model name to the id the provider's API takes (a small documented
 * table per provider, then a slug fallback), and emit one offering per model.
 */
import { ScraperParseError } from '../http/scraper-errors.js';
import type { ParseResult, RawPayload, RejectedRecord, ScrapedOffering, ScrapedPrice, Scraper } from '../scraper.types.js';
import { candidateIds, compact, normalizeModelId, tokenPrice, validateOffering } from '../shared/records.js';
import { extractPricingTables, MissingPricingTableError, type PricingRow, type PricingTablesResult } from './pricing-table.js';

/** "Llama 3.3 70B Instruct-Turbo" -> "llama 3.3 70b instruct turbo": the key of the name tables. */
export function normalizeModelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/(^|\s)\.|\.(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Llama 3.3 70B (Fast)" -> "llama-3.3-70b-fast". */
export function slugifyModelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[()[\]]/g, ' ')
    .replace(/[^a-z0-9./-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export abstract class HtmlPricingScraper implements Scraper {
  abstract readonly source: string;
  abstract readonly description: string;
  abstract readonly defaultUrl: string;
  abstract readonly allowedHosts: readonly string[];
  /** Our provider slug. */
  protected abstract readonly provider: string;
  /** normalizeModelName(page name) -> API id. */
  protected abstract readonly modelIds: Readonly<Record<string, string>>;

  /** The API id for a name the table does not know. */
  protected abstract fallbackId(name: string): string;

  /** Rows that are not models (parameter-size buckets...): counted as skipped. */
  protected isNonModelRow(_row: PricingRow): boolean {
    return false;
  }

  /** The name as the lookup sees it (e.g. without a context-size suffix). */
  protected cleanName(name: string): string {
    return name;
  }

  /** The API id for a page name: documented table first, an id-shaped name as is, else the fallback. */
  resolveModelId(name: string): string {
    const clean = this.cleanName(name);
    const known = this.modelIds[normalizeModelName(clean)];
    if (known) return known;
    if (/^[\w.-]+\/[\w.:-]+$/.test(clean.trim())) return clean.trim();
    return this.fallbackId(clean);
  }

  parse(payload: RawPayload): ParseResult {
    let extracted: PricingTablesResult;
    try {
      extracted = extractPricingTables(payload.body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof MissingPricingTableError)) throw error;
      throw new ScraperParseError(`${this.source}: ${error.message}`, { source: this.source, url: payload.url, field: error.missingHeader });
    }

    const rejected: RejectedRecord[] = [];
    let skipped = extracted.skippedRows;
    const byId = new Map<string, ScrapedOffering>();
    const sourceUrl = /^https?:\/\//.test(payload.url) ? payload.url : this.defaultUrl;

    for (const row of extracted.rows) {
      if (this.isNonModelRow(row)) {
        skipped++;
        continue;
      }
      const key = row.section ? `${row.section} / ${row.name}` : row.name;
      if (row.problem) {
        rejected.push({ key, reason: row.problem });
        continue;
      }
      const prices: ScrapedPrice[] = [];
      if (row.input !== undefined) prices.push(tokenPrice('input', row.input));
      if (row.output !== undefined) prices.push(tokenPrice('output', row.output));
      if (row.cachedInput !== undefined) prices.push(tokenPrice('cached_input', row.cachedInput));
      const providerModelId = this.resolveModelId(row.name);
      const cleanName = this.cleanName(row.name);

      const validated = validateOffering(
        key,
        compact({
          provider: this.provider,
          providerModelId,
          sourceKey: row.name,
          model: compact({
            candidateIds: candidateIds(providerModelId, normalizeModelId(providerModelId), cleanName, slugifyModelName(cleanName)),
            name: cleanName,
            family: row.section,
          }),
          features: {},
          prices,
          sourceUrl,
        }),
      );
      if (!validated.ok) {
        rejected.push(validated.rejected);
        continue;
      }
      const existing = byId.get(providerModelId);
      if (!existing) {
        byId.set(providerModelId, validated.value);
      } else if (JSON.stringify(existing.prices) !== JSON.stringify(validated.value.prices)) {
        rejected.push({ key, reason: `"${providerModelId}" listed again with other prices than "${existing.sourceKey}"` });
      } else {
        skipped++;
      }
    }

    return { offerings: [...byId.values()], modelMeta: [], rejected, skipped };
  }
}
