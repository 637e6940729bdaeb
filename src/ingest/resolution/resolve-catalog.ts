/**
 * Many offerings -> canonical models. Each offering is resolved on its own (resolveOffering), then
 * the links that agree on a slug form one model whose facts are the strongest each source gives;
 * disagreeing facts are kept as conflicts. Deterministic: inputs are sorted first, every choice
 * breaks ties by value, so the same offerings in any order give the same models.
 */
import { FIRST_PARTY_PROVIDERS } from './source-id-rules.js';
import { RESOLUTION_THRESHOLD, resolveOffering } from './resolve-offering.js';
import {
  FACT_SOURCES,
  type CanonicalModel,
  type CatalogResolution,
  type Fact,
  type FactConflict,
  type ModelFacts,
  type OfferingResolution,
  type ResolutionInput,
} from './resolution.types.js';

const FACT_KEYS = ['creator', 'kind', 'license', 'parametersB', 'activeParametersB', 'releaseDate', 'contextWindow', 'baseModel'] as const satisfies ReadonlyArray<keyof ModelFacts>;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function inputKey(input: ResolutionInput): string {
  return `${input.source}\u0000${input.provider}\u0000${input.providerModelId}\u0000${JSON.stringify(input.hints ?? {}, Object.keys(input.hints ?? {}).sort())}`;
}

function sourceRank(fact: Fact<unknown>): number {
  return FACT_SOURCES.indexOf(fact.source);
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

interface Candidate {
  fact: Fact<unknown>;
  link: OfferingResolution;
}

/**
 * The value a model keeps for one fact: strongest source first; then the value most links give
 * (the creator's own offerings count double for release date and context window); then the
 * smallest value, so the choice never depends on input order.
 */
function chooseFact(key: (typeof FACT_KEYS)[number], candidates: Candidate[], creator: string | undefined): { kept?: Fact<unknown>; conflicts: FactConflict[] } {
  if (!candidates.length) return { conflicts: [] };
  const bestRank = Math.min(...candidates.map(({ fact }) => sourceRank(fact)));
  const strongest = candidates.filter(({ fact }) => sourceRank(fact) === bestRank);
  const weights = new Map<string, { weight: number; fact: Fact<unknown> }>();
  for (const { fact, link } of strongest) {
    const id = JSON.stringify(fact.value);
    const firstParty = creator !== undefined && FIRST_PARTY_PROVIDERS[link.provider] === creator && (key === 'contextWindow' || key === 'releaseDate');
    const entry = weights.get(id);
    const weight = firstParty ? 2 : 1;
    if (entry) {
      entry.weight += weight;
      if (compareText(JSON.stringify(fact), JSON.stringify(entry.fact)) < 0) entry.fact = fact;
    } else weights.set(id, { weight, fact });
  }
  const ranked = [...weights.values()].sort((a, b) => b.weight - a.weight || compareValues(a.fact.value, b.fact.value));
  const kept = ranked[0]!.fact;
  const conflicts: FactConflict[] = [];
  const seen = new Set<string>([JSON.stringify(kept.value)]);
  const ordered = [...candidates].sort(
    (a, b) => sourceRank(a.fact) - sourceRank(b.fact) || compareText(JSON.stringify(a.fact.value), JSON.stringify(b.fact.value)) || compareText(linkKey(a.link), linkKey(b.link)),
  );
  for (const { fact, link } of ordered) {
    const id = JSON.stringify(fact.value);
    if (seen.has(id)) continue;
    seen.add(id);
    // Context windows differ by host; they are offering facts, not conflicts about the model.
    if (key === 'contextWindow') continue;
    conflicts.push({ fact: key, kept, other: fact, from: { source: link.source, provider: link.provider, providerModelId: link.providerModelId } });
  }
  return { kept, conflicts };
}

function linkKey(link: OfferingResolution): string {
  return `${link.source}\u0000${link.provider}\u0000${link.providerModelId}`;
}

function mergeFacts(links: OfferingResolution[]): { facts: ModelFacts; conflicts: FactConflict[] } {
  const facts: ModelFacts = {};
  const conflicts: FactConflict[] = [];
  const creatorChoice = chooseFact('creator', collect(links, 'creator'), undefined);
  const creator = creatorChoice.kept?.value as string | undefined;
  const kindChoice = chooseFact('kind', collect(links, 'kind'), creator);
  const kind = kindChoice.kept?.value as string | undefined;
  for (const key of FACT_KEYS) {
    let candidates = collect(links, key);
    // A license follows the kind the model keeps: proprietary terms for closed models, weights licenses for open ones.
    if (key === 'license' && kind) {
      candidates = candidates.filter(({ link }) => !link.facts.kind || link.facts.kind.value === kind);
      candidates = candidates.filter(({ fact }) => String(fact.value).startsWith('proprietary-') === (kind === 'closed'));
    }
    const choice = key === 'creator' ? creatorChoice : key === 'kind' ? kindChoice : chooseFact(key, candidates, creator);
    if (choice.kept) (facts as Record<string, Fact<unknown>>)[key] = choice.kept;
    conflicts.push(...choice.conflicts);
  }
  return { facts, conflicts };
}

function collect(links: OfferingResolution[], key: (typeof FACT_KEYS)[number]): Candidate[] {
  const out: Candidate[] = [];
  for (const link of links) {
    const value = link.facts[key] as Fact<unknown> | undefined;
    if (value) out.push({ fact: value, link });
    const stated = link.sourceFacts?.[key] as Fact<unknown> | undefined;
    if (stated) out.push({ fact: stated, link });
  }
  return out;
}

function mostCommon(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
}

/** Resolves every offering and groups the links into canonical models. */
export function resolveCatalog(inputs: readonly ResolutionInput[]): CatalogResolution {
  const ordered = [...inputs].sort((a, b) => compareText(inputKey(a), inputKey(b)));
  const resolutions = ordered.map(resolveOffering);

  const review: OfferingResolution[] = [];
  const rejected: OfferingResolution[] = [];
  const notModels: OfferingResolution[] = [];
  const groups = new Map<string, OfferingResolution[]>();
  for (const resolution of resolutions) {
    if (resolution.status === 'rejected') rejected.push(resolution);
    else if (resolution.status === 'not-a-model') notModels.push(resolution);
    else if (resolution.status === 'review' || !resolution.modelSlug) review.push(resolution);
    else {
      const group = groups.get(resolution.modelSlug);
      if (group) group.push(resolution);
      else groups.set(resolution.modelSlug, [resolution]);
    }
  }

  const models: CanonicalModel[] = [];
  for (const slug of [...groups.keys()].sort(compareText)) {
    let links = groups.get(slug)!;
    // One slug, two makers (Deepgram's "nova-2" and Amazon's): keep the maker most links agree on; the others wait for review.
    const creators = new Map<string, number>();
    for (const link of links) {
      const creator = link.facts.creator?.value;
      if (creator) creators.set(creator, (creators.get(creator) ?? 0) + (link.facts.creator!.source === 'family-rule' ? 10 : 1));
    }
    if (creators.size > 1) {
      const main = [...creators.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]![0];
      const others = links.filter((link) => link.facts.creator && link.facts.creator.value !== main);
      for (const link of others) {
        review.push({ ...link, status: 'review', reason: `"${slug}" is ${main}'s model; this link says ${link.facts.creator!.value}` });
      }
      links = links.filter((link) => !others.includes(link));
    }
    const { facts, conflicts } = mergeFacts(links);
    const aliases = [...new Set(links.map((link) => link.providerModelId))].sort(compareText);
    const model: CanonicalModel = {
      slug,
      facts,
      conflicts,
      aliases,
      offerings: links,
      confidence: Math.min(...links.map((link) => link.confidence)),
    };
    const family = mostCommon(links.map((link) => link.family));
    if (family) model.family = family;
    models.push(model);
  }

  review.sort((a, b) => compareText(linkKey(a), linkKey(b)));
  const complete = models.filter((model) => model.facts.creator && model.facts.kind && model.facts.license);
  return {
    models,
    review,
    rejected,
    notModels,
    summary: {
      offerings: inputs.length,
      resolvedOfferings: models.reduce((sum, model) => sum + model.offerings.length, 0),
      models: models.length,
      modelsWithCreatorKindLicense: complete.length,
      openWeightsModels: models.filter((model) => model.facts.kind?.value === 'open-weights').length,
      closedModels: models.filter((model) => model.facts.kind?.value === 'closed').length,
      review: review.length,
      rejected: rejected.length,
      notModels: notModels.length,
    },
  };
}

export { RESOLUTION_THRESHOLD };
