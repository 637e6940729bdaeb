/**
 * Groq's pricing page (https://groq.com/pricing): "AI Model | Current Speed | Input Token Price
 * (Per Million Tokens) | Output Token Price (Per Million Tokens)", cells like "$0.59 (1.69M / $1)".
 * Names carry the context size ("Llama 3.3 70B Versatile 128k"), dropped before lookup. Speech
 * (per hour transcribed) and text-to-speech (per character) tables are skipped.
 *
 * Page name -> API id: the table below, else the slug of the name ("Foo 7B" -> "foo-7b"), which is
 * how most Groq ids read.
 */
import { HtmlPricingScraper, slugifyModelName } from '../html/html-pricing.scraper.js';

export const GROQ_MODEL_IDS: Readonly<Record<string, string>> = {
  'llama 4 scout 17bx16e': 'meta-llama/llama-4-scout-17b-16e-instruct',
  'llama 4 maverick 17bx128e': 'meta-llama/llama-4-maverick-17b-128e-instruct',
  'llama 3.3 70b versatile': 'llama-3.3-70b-versatile',
  'llama 3.1 8b instant': 'llama-3.1-8b-instant',
  'llama guard 4 12b': 'meta-llama/llama-guard-4-12b',
  'gpt oss 120b': 'openai/gpt-oss-120b',
  'gpt oss 20b': 'openai/gpt-oss-20b',
  'qwen3 32b': 'qwen/qwen3-32b',
  'kimi k2 0905 1t': 'moonshotai/kimi-k2-instruct-0905',
  'kimi k2 1t': 'moonshotai/kimi-k2-instruct',
  'deepseek r1 distill llama 70b': 'deepseek-r1-distill-llama-70b',
  'gemma 2 9b': 'gemma2-9b-it',
  'mistral saba 24b': 'mistral-saba-24b',
};

export class GroqScraper extends HtmlPricingScraper {
  readonly source = 'groq';
  readonly description = 'Groq pricing page (on-demand tokens, USD per 1M tokens)';
  readonly defaultUrl = 'https://groq.com/pricing';
  readonly allowedHosts = ['groq.com', 'www.groq.com'] as const;
  protected readonly provider = 'groq';
  protected readonly modelIds = GROQ_MODEL_IDS;

  /** "Llama 3.3 70B Versatile 128k" -> "Llama 3.3 70B Versatile". */
  protected override cleanName(name: string): string {
    return name.replace(/\s+\d+(\.\d+)?\s*[kKmM]\s*(context)?$/, '').trim();
  }

  protected fallbackId(name: string): string {
    return slugifyModelName(name);
  }
}
