/**
 * Fireworks AI's pricing page (https://fireworks.ai/pricing): serverless text and vision prices in a
 * "Base model parameter count | $/1M tokens" table that mixes size buckets ("Less than 4B
 * parameters", "MoE 0B - 56B parameters") with named models ("DeepSeek V3", "DeepSeek R1 (Fast)"
 * with "$3.00 input, $8.00 output"). Buckets are skipped; speech, image, fine-tuning and GPU tables
 * are priced in other units and skipped.
 *
 * Page name -> API id: the table below, else "accounts/fireworks/models/<slug>" with version dots
 * written the Fireworks way ("Llama 3.1 8B" -> "llama-3p1-8b").
 */
import { HtmlPricingScraper, slugifyModelName } from '../html/html-pricing.scraper.js';
import type { PricingRow } from '../html/pricing-table.js';

const PREFIX = 'accounts/fireworks/models/';

export const FIREWORKS_MODEL_IDS: Readonly<Record<string, string>> = {
  'deepseek v3': `${PREFIX}deepseek-v3`,
  'deepseek v3 0324': `${PREFIX}deepseek-v3-0324`,
  'deepseek r1 fast': `${PREFIX}deepseek-r1`,
  'deepseek r1 basic': `${PREFIX}deepseek-r1-basic`,
  'deepseek r1 0528 fast': `${PREFIX}deepseek-r1-0528`,
  'meta llama 3.1 405b': `${PREFIX}llama-v3p1-405b-instruct`,
  'llama 3.1 405b instruct': `${PREFIX}llama-v3p1-405b-instruct`,
  'llama 3.3 70b instruct': `${PREFIX}llama-v3p3-70b-instruct`,
  'llama 3.1 8b instruct': `${PREFIX}llama-v3p1-8b-instruct`,
  'llama 4 maverick': `${PREFIX}llama4-maverick-instruct-basic`,
  'llama 4 scout': `${PREFIX}llama4-scout-instruct-basic`,
  'qwen3 235b a22b': `${PREFIX}qwen3-235b-a22b`,
  'mixtral 8x22b instruct': `${PREFIX}mixtral-8x22b-instruct`,
  'kimi k2 instruct': `${PREFIX}kimi-k2-instruct`,
  'gpt oss 120b': `${PREFIX}gpt-oss-120b`,
};

/** Parameter-size buckets, not models. */
const SIZE_BUCKET = /\bparameters?\b|^moe\s+\d|^(less|more) than\s+\d|^up to\s+\d|^\d+(\.\d+)?\s*[mb]\s*([-–]|to)\s*\d/i;

export class FireworksScraper extends HtmlPricingScraper {
  readonly source = 'fireworks';
  readonly description = 'Fireworks AI pricing page (serverless inference, USD per 1M tokens)';
  readonly defaultUrl = 'https://fireworks.ai/pricing';
  readonly allowedHosts = ['fireworks.ai', 'www.fireworks.ai'] as const;
  protected readonly provider = 'fireworks';
  protected readonly modelIds = FIREWORKS_MODEL_IDS;

  protected fallbackId(name: string): string {
    const slug = slugifyModelName(name).replace(/(\d)\.(\d)/g, '$1p$2');
    return `${PREFIX}${slug}`;
  }

  protected override isNonModelRow(row: PricingRow): boolean {
    return SIZE_BUCKET.test(row.name);
  }
}
