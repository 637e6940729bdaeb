/** The rules tables are data: they must be consistent with each other and with the seed catalog. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { BASE_PATTERNS, FAMILIES, KNOWN_PARAMETERS, LINE_ALIASES, NAME_REWRITES, REVIEW_RULES } from './family-rules.js';
import { KIND_RULES, LICENSE_RULES, NEW_LICENSES, PROPRIETARY_LICENSES } from './license-rules.js';
import { resolveOffering } from './resolve-offering.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seedLicenses = (JSON.parse(readFileSync(path.join(root, 'seed/data/licenses.json'), 'utf8')) as Array<{ id: string }>).map((l) => l.id);
const seedModels = JSON.parse(readFileSync(path.join(root, 'seed/data/models.json'), 'utf8')) as Array<{ slug: string; kind: string; license: string; creator: string; aliases: string[] }>;

describe('rules tables', () => {
  it('give every rule a unique id', () => {
    const ids = [
      ...NAME_REWRITES.map((r) => r.id),
      ...FAMILIES.map((f) => `family:${f.id}`),
      ...LINE_ALIASES.map((r) => r.id),
      ...REVIEW_RULES.map((r) => r.id),
      ...BASE_PATTERNS.map((r) => r.id),
      ...KNOWN_PARAMETERS.map((r) => r.id),
      ...KIND_RULES.map((r) => r.id),
      ...LICENSE_RULES.map((r) => r.id),
    ];
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('use only license ids the seed holds or NEW_LICENSES lists, each with a URL', () => {
    const known = new Set([...seedLicenses, ...NEW_LICENSES.map((l) => l.id)]);
    const used = [...LICENSE_RULES.map((r) => r.license), ...Object.values(PROPRIETARY_LICENSES).map((p) => p.license)];
    expect(used.filter((id) => !known.has(id))).toEqual([]);
    expect(NEW_LICENSES.filter((l) => seedLicenses.includes(l.id))).toEqual([]);
    for (const rule of [...LICENSE_RULES, ...KIND_RULES]) expect(rule.url, rule.id).toMatch(/^https:\/\//);
  });
});

describe('the seed catalog', () => {
  // The seed groups some releases the resolver keeps apart (Mistral Large 2407/2411, Mistral 7B
  // v0.1-v0.3 are different weights) and lists a few names that are not ids ("Claude Sonnet").
  const KNOWN_DIFFERENCES = new Set(['mistral-large', 'mistral-7b', 'codestral', 'gemini-2-0-pro']);

  it('reads the id aliases of every seed model as that model, with its kind and license', () => {
    const wrong: string[] = [];
    for (const model of seedModels) {
      if (KNOWN_DIFFERENCES.has(model.slug)) continue;
      for (const alias of model.aliases) {
        // Names rather than ids; DeepSeek API aliases that follow the API's current model (review);
        // Ollama's bare tags ("llama3.1") whose size is the host's default; a Llama 3.2 8B that does not exist.
        if (/\s/.test(alias) || /^(deepseek\/)?deepseek-(chat|reasoner)$|^llama3(\.\d)?$|^llama-3\.2-8b$/.test(alias)) continue;
        const resolution = resolveOffering({ source: 'seed', provider: 'seed', providerModelId: alias });
        if (resolution.status !== 'resolved' || resolution.modelSlug !== model.slug) wrong.push(`${alias} -> ${resolution.status}:${resolution.modelSlug} (seed ${model.slug})`);
        else if (resolution.facts.kind?.value !== model.kind) wrong.push(`${alias}: kind ${resolution.facts.kind?.value} (seed ${model.kind})`);
        else if (model.kind === 'open-weights' && resolution.facts.license?.value !== model.license) wrong.push(`${alias}: license ${resolution.facts.license?.value} (seed ${model.license})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
