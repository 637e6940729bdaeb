/**
 * Measures model resolution on real snapshots: parses the newest LiteLLM, models.dev and
 * OpenRouter files with the project's scrapers, resolves every offering and prints the figures and
 * the groups worth a careful read.
 *
 *   npm run build && node dist/bench/resolution-measure.js [--data ../shared/data] [--groups 40] [--json out.json] [--shuffle]
 *   (or, without a full build: npx esbuild bench/resolution-measure.ts --bundle --platform=node
 *    --format=esm --outfile=/tmp/resolution-measure.mjs && node /tmp/resolution-measure.mjs)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { LitellmScraper } from '../scrapers/litellm/litellm.scraper.js';
import { ModelsDevScraper } from '../scrapers/modelsdev/modelsdev.scraper.js';
import { OpenRouterScraper } from '../scrapers/openrouter/openrouter.scraper.js';
import type { Scraper } from '../scrapers/scraper.types.js';
import { resolutionInputFromOffering, resolveCatalog, type CatalogResolution, type ResolutionInput } from '../src/ingest/resolution/index.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    groups: { type: 'string', default: '40' },
    json: { type: 'string' },
    shuffle: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

/** The newest file of a folder whose name matches. */
function newest(folder: string, pattern: RegExp): string {
  const files = readdirSync(folder).filter((name) => pattern.test(name)).sort();
  if (!files.length) throw new Error(`no file matching ${pattern} in ${folder}`);
  return path.join(folder, files[files.length - 1]!);
}

const dataDir = path.resolve(values.data!);
const sources: Array<{ scraper: Scraper; file: string }> = [
  { scraper: new LitellmScraper(), file: newest(path.join(dataDir, 'litellm'), /^\d{4}-\d{2}-\d{2}_.*\.json$/) },
  { scraper: new ModelsDevScraper(), file: newest(path.join(dataDir, 'modelsdev'), /\.api\.json$/) },
  { scraper: new OpenRouterScraper(), file: newest(path.join(dataDir, 'openrouter'), /\.models\.json$/) },
];

function loadInputs(): ResolutionInput[] {
  const inputs: ResolutionInput[] = [];
  for (const { scraper, file } of sources) {
    const result = scraper.parse({ url: `file://${file}`, contentType: 'application/json', body: readFileSync(file), fetchedAt: new Date() });
    console.log(`${scraper.source.padEnd(10)} ${path.basename(file)}: ${result.offerings.length} offerings (${result.rejected.length} records rejected by the parser)`);
    for (const offering of result.offerings) inputs.push(resolutionInputFromOffering(scraper.source, offering));
  }
  return inputs;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function report(result: CatalogResolution, groupCount: number): void {
  const s = result.summary;
  console.log('\n== Summary');
  console.log(`offerings                      ${s.offerings}`);
  console.log(`  linked to a model            ${s.resolvedOfferings}`);
  console.log(`  in review                    ${s.review}`);
  console.log(`  not a model (routers)        ${s.notModels}`);
  console.log(`  rejected ids                 ${s.rejected}`);
  console.log(`canonical models               ${s.models}  (open weights ${s.openWeightsModels}, closed ${s.closedModels})`);
  console.log(`  with creator + kind + license ${s.modelsWithCreatorKindLicense}`);
  const withCreator = result.models.filter((m) => m.facts.creator).length;
  const withKind = result.models.filter((m) => m.facts.kind).length;
  const openWithLicense = result.models.filter((m) => m.facts.kind?.value === 'open-weights' && m.facts.license).length;
  const withParams = result.models.filter((m) => m.facts.parametersB || m.facts.activeParametersB).length;
  console.log(`  with creator ${withCreator}, with kind ${withKind}, open with license ${openWithLicense}/${s.openWeightsModels}, with parameters ${withParams}`);

  if (values.quiet) return;
  const reasons = new Map<string, number>();
  for (const item of result.review) reasons.set(item.reason ?? '?', (reasons.get(item.reason ?? '?') ?? 0) + 1);
  console.log('\n== Review reasons');
  for (const [reason, count] of [...reasons.entries()].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(5)}  ${reason}`);

  console.log(`\n== Largest groups (distinct ids)`);
  const bySize = [...result.models].sort((a, b) => b.aliases.length - a.aliases.length || (a.slug < b.slug ? -1 : 1));
  for (const model of bySize.slice(0, groupCount)) {
    console.log(`${model.slug}  [${model.facts.creator?.value ?? '?'} ${model.facts.kind?.value ?? '?'} ${model.facts.license?.value ?? '-'}]  ${model.aliases.length} ids: ${model.aliases.join(' | ')}`);
  }

  console.log('\n== Groups with conflicting facts');
  for (const model of result.models.filter((m) => m.conflicts.some((c) => c.fact === 'kind' || c.fact === 'creator' || c.fact === 'license'))) {
    const lines = model.conflicts
      .filter((c) => c.fact === 'kind' || c.fact === 'creator' || c.fact === 'license')
      .map((c) => `${c.fact}: kept ${String(c.kept.value)} (${c.kept.source}) vs ${String(c.other.value)} (${c.other.source}, ${c.from.provider}:${c.from.providerModelId})`);
    console.log(`${model.slug}: ${lines.join('; ')}`);
  }

  console.log('\n== Models without creator, kind or license (sample)');
  for (const model of result.models.filter((m) => !m.facts.creator || !m.facts.kind || (m.facts.kind.value === 'open-weights' && !m.facts.license)).slice(0, 80)) {
    console.log(`${model.slug}  creator=${model.facts.creator?.value ?? '?'} kind=${model.facts.kind?.value ?? '?'} license=${model.facts.license?.value ?? '?'}  ids: ${model.aliases.slice(0, 4).join(' | ')}`);
  }
}

const inputs = loadInputs();
const first = resolveCatalog(inputs);
report(first, Number(values.groups));

if (values.shuffle) {
  const again = resolveCatalog(shuffled(inputs, 42));
  const same = JSON.stringify(again) === JSON.stringify(first);
  console.log(`\nshuffled input gives the same result: ${same}`);
}
if (values.json) {
  writeFileSync(values.json, JSON.stringify(first, null, 1));
  console.log(`\nwrote ${values.json}`);
}
