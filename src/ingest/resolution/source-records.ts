/**
 * Scraper records -> resolution inputs. The normalized record (scrapers/scraper.types.ts) carries
 * most hints already; OpenRouter's canonical_slug is not a field of its own, so it is read back
 * from candidateIds, where the OpenRouter parser puts it right after the HF id.
 */
import type { ScrapedOffering } from '../../../scrapers/scraper.types.js';
import type { ResolutionHints, ResolutionInput } from './resolution.types.js';

export function resolutionInputFromOffering(source: string, offering: ScrapedOffering): ResolutionInput {
  const model = offering.model;
  const hints: ResolutionHints = {};
  if (model.huggingFaceId) hints.huggingFaceId = model.huggingFaceId;
  if (model.family) hints.family = model.family;
  if (model.openWeights !== undefined) hints.openWeights = model.openWeights;
  if (model.releaseDate) hints.releaseDate = model.releaseDate;
  if (model.name) hints.name = model.name;
  if (model.creator) hints.creator = model.creator;
  if (offering.contextWindow) hints.contextWindow = offering.contextWindow;
  if (source === 'openrouter') {
    const id = offering.providerModelId;
    const baseId = id.replace(/^~/, '').replace(/:[a-z0-9-]+$/, '');
    const canonical = model.candidateIds.find(
      (candidate) => candidate.includes('/') && candidate !== model.huggingFaceId && candidate !== id && candidate !== baseId,
    );
    if (canonical) hints.canonicalSlug = canonical;
  }
  const input: ResolutionInput = { source, provider: offering.provider, providerModelId: offering.providerModelId };
  if (Object.keys(hints).length) input.hints = hints;
  return input;
}
