/**
 * Every scraper, keyed by its `source`. Ingest picks one by name: `getScraper("litellm")`.
 */
import { FireworksScraper } from './fireworks/fireworks.scraper.js';
import { GroqScraper } from './groq/groq.scraper.js';
import { HuggingFaceScraper } from './huggingface/huggingface.scraper.js';
import { LitellmScraper } from './litellm/litellm.scraper.js';
import { ModelsDevScraper } from './modelsdev/modelsdev.scraper.js';
import { OpenRouterScraper } from './openrouter/openrouter.scraper.js';
import type { Scraper } from './scraper.types.js';
import { TogetherScraper } from './together/together.scraper.js';

export const SCRAPERS: readonly Scraper[] = Object.freeze([
  new LitellmScraper(),
  new ModelsDevScraper(),
  new OpenRouterScraper(),
  new TogetherScraper(),
  new GroqScraper(),
  new FireworksScraper(),
  new HuggingFaceScraper(),
]);

export const SCRAPERS_BY_SOURCE: ReadonlyMap<string, Scraper> = new Map(SCRAPERS.map((scraper) => [scraper.source, scraper]));

export const SCRAPER_SOURCES: readonly string[] = SCRAPERS.map((scraper) => scraper.source);

export class UnknownSourceError extends Error {
  constructor(readonly sourceName: string) {
    super(`Unknown scraper source "${sourceName}"; known sources: ${SCRAPER_SOURCES.join(', ')}`);
    this.name = 'UnknownSourceError';
  }
}

export function getScraper(source: string): Scraper {
  const scraper = SCRAPERS_BY_SOURCE.get(source);
  if (!scraper) throw new UnknownSourceError(source);
  return scraper;
}

export function hasScraper(source: string): boolean {
  return SCRAPERS_BY_SOURCE.has(source);
}
