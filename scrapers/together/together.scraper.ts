/**
 * Together AI's pricing page (https://www.together.ai/pricing): serverless inference tables per
 * model family, "Model | Input price | Output price" per 1M tokens, or one "Price (per 1M tokens)"
 * column for both. Size-bucket rows ("Up to 4B", "8.1B - 21B") of the older generic table are
 * skipped; image, audio and fine-tuning tables are priced in other units and skipped.
 *
 * Page name -> API id: the table below; a name already shaped like an id ("Qwen/QwQ-32B") is kept;
 * any other name falls back to its slug ("Foo Bar 7B" -> "foo-bar-7b"), which matching then
 * resolves through the model's aliases.
 */
import { HtmlPricingScraper, slugifyModelName } from '../html/html-pricing.scraper.js';
import type { PricingRow } from '../html/pricing-table.js';

export const TOGETHER_MODEL_IDS: Readonly<Record<string, string>> = {
  'llama 4 maverick': 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8',
  'llama 4 scout': 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
  'llama 3.3 70b': 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  'llama 3.3 70b instruct turbo': 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  'llama 3.3 70b instruct turbo free': 'meta-llama/Llama-3.3-70B-Instruct-Turbo-Free',
  'llama 3.1 405b instruct turbo': 'meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo',
  'llama 3.1 70b instruct turbo': 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo',
  'llama 3.1 8b instruct turbo': 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
  'llama 3.2 3b instruct turbo': 'meta-llama/Llama-3.2-3B-Instruct-Turbo',
  'deepseek r1': 'deepseek-ai/DeepSeek-R1',
  'deepseek v3': 'deepseek-ai/DeepSeek-V3',
  'qwen 2.5 72b instruct turbo': 'Qwen/Qwen2.5-72B-Instruct-Turbo',
  'qwen 2.5 7b instruct turbo': 'Qwen/Qwen2.5-7B-Instruct-Turbo',
  'qwen2.5 coder 32b instruct': 'Qwen/Qwen2.5-Coder-32B-Instruct',
  'qwen3 235b a22b': 'Qwen/Qwen3-235B-A22B-fp8-tput',
  'mixtral 8x7b instruct': 'mistralai/Mixtral-8x7B-Instruct-v0.1',
  'mistral small 3': 'mistralai/Mistral-Small-24B-Instruct-2501',
  'gemma 2 27b': 'google/gemma-2-27b-it',
  'gpt oss 120b': 'openai/gpt-oss-120b',
  'gpt oss 20b': 'openai/gpt-oss-20b',
};

/** "Up to 4B", "4.1B - 8B", "110B+", "More than 70B": generic size prices, not models. */
const SIZE_BUCKET = /^(up to|more than|less than|over)\s+\d|^\d+(\.\d+)?\s*b\s*([-–]|to)\s*\d|^\d+(\.\d+)?\s*b\s*\+|\bparameters?\b/i;

export class TogetherScraper extends HtmlPricingScraper {
  readonly source = 'together';
  readonly description = 'Together AI pricing page (serverless inference, USD per 1M tokens)';
  readonly defaultUrl = 'https://www.together.ai/pricing';
  readonly allowedHosts = ['www.together.ai', 'together.ai'] as const;
  protected readonly provider = 'together';
  protected readonly modelIds = TOGETHER_MODEL_IDS;

  protected fallbackId(name: string): string {
    return slugifyModelName(name);
  }

  protected override isNonModelRow(row: PricingRow): boolean {
    return SIZE_BUCKET.test(row.name);
  }
}
