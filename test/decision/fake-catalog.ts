/**
 * A small in-memory DecisionCatalog for the pure tests of the decision engine and the routing: the
 * article's models, prices and self-hosting profiles, licenses reduced to the terms that matter.
 */
import { apiOffering, assembleCatalog, type ApiOffering, type CatalogModel, type DecisionCatalog, type ScoreFact } from '../../src/decision/decision-catalog.js';
import type { LicenseRecord } from '../../src/decision/license/license-check.js';

const clause = (section: string) => ({ section, quote: `quote of ${section}` });

export const LICENSES: LicenseRecord[] = [
  {
    id: 'proprietary',
    name: 'Proprietary API terms',
    url: 'https://example.com/terms',
    version: '1',
    terms: { commercialUse: { value: 'allowed', ...clause('1. Use') }, outputTraining: { value: 'forbidden', ...clause('2. Outputs') } },
  },
  {
    id: 'llama',
    name: 'Llama License',
    url: 'https://example.com/llama',
    version: '3.3',
    terms: { commercialUse: { value: 'conditional', ...clause('2. Commercial') }, userCapMau: { value: 700_000_000, ...clause('2. Commercial') } },
  },
  { id: 'nc', name: 'Non-commercial', url: 'https://example.com/nc', version: '1', terms: { commercialUse: { value: 'forbidden', ...clause('1. NC') } } },
];

function model(slug: string, kind: CatalogModel['kind'], licenseId: string, mmlu: number | null): CatalogModel {
  const scores = new Map<string, ScoreFact>();
  if (mmlu !== null) scores.set('mmlu', { benchmark: 'mmlu', score: String(mmlu), value: mmlu, source: 'test', setting: '' });
  return { slug, name: slug.toUpperCase(), kind, parametersB: null, licenseId, scores };
}

export const MODELS: CatalogModel[] = [
  model('gpt-4o', 'closed', 'proprietary', 88),
  model('claude', 'closed', 'proprietary', 87),
  model('mini', 'closed', 'proprietary', 82),
  model('llama-70b', 'open-weights', 'llama', 86),
  model('llama-8b', 'open-weights', 'llama', 73),
  model('nc-model', 'open-weights', 'nc', 84),
];

let nextId = 1;
export function offering(modelSlug: string, providerSlug: string, input: string, output: string, extra: { component: string; usd: string }[] = []): ApiOffering {
  const found = MODELS.find((m) => m.slug === modelSlug)!;
  return apiOffering(
    {
      id: nextId++,
      tier: found.kind === 'closed' ? 'closed-api' : 'hosted-open',
      modelSlug,
      providerSlug,
      providerName: providerSlug,
      providerModelId: `${providerSlug}/${modelSlug}`,
      supportsFineTuning: null,
    },
    [
      { component: 'input', condition: null, usd: input, source: 'test' },
      { component: 'output', condition: null, usd: output, source: 'test' },
      ...extra.map((line) => ({ ...line, condition: null, source: 'test' })),
    ],
  )!;
}

export function fakeCatalog(offerings?: ApiOffering[], changes: { profiles?: [] } = {}): DecisionCatalog {
  return assembleCatalog({
    models: new Map(MODELS.map((m) => [m.slug, m])),
    licenses: new Map(LICENSES.map((l) => [l.id, l])),
    offerings: offerings ?? [
      offering('gpt-4o', 'openai', '5', '15'),
      offering('claude', 'anthropic', '3', '15'),
      offering('mini', 'openai', '0.15', '0.6'),
      offering('llama-70b', 'together', '0.8', '0.8'),
      offering('llama-8b', 'groq', '0.05', '0.08'),
      offering('nc-model', 'mistral', '2', '6'),
    ],
    profiles: [
      { id: 1, modelSlug: 'llama-70b', gpuSlug: 'a100', gpuName: 'A100', gpusPerReplica: 4, sustainedTokensPerSecond: '4000', infrastructureUsdPerMonth: '500', runtime: 'vllm', source: 'article' },
      { id: 2, modelSlug: 'llama-8b', gpuSlug: 'a100', gpuName: 'A100', gpusPerReplica: 1, sustainedTokensPerSecond: '6000', infrastructureUsdPerMonth: '60', runtime: 'vllm', source: 'article' },
    ],
    gpuOffers: new Map([['a100', [{ gpuSlug: 'a100', providerSlug: 'gpu-cloud', providerName: 'GPU cloud', pricingTier: 'on-demand', usdPerHour: '2', source: 'test' }]]]),
    prices: { at: '2026-01-01T00:00:00.000Z', asOf: null, source: null },
    ...changes,
  });
}
