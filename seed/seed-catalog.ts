/**
 * Loads the curated catalog (seed/data/*.json) into the database, idempotently: entities are
 * upserted by their natural keys, history rows (price points, GPU prices, license versions,
 * model licenses) are appended only when the same row is not there yet. One transaction.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { normalizeAlias } from '../src/catalog/model-aliases.js';
import { conditionKey, unitFor } from '../scrapers/shared/price-line.js';
import type { PrismaService } from '../src/database/prisma.service.js';
import type { ModelKind, ProviderKind } from '../src/generated/prisma/enums.js';
import { catalogSeedSchema, type CatalogSeed } from './catalog.schema.js';

export const SEED_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
// Compiled to dist/seed: the data stays in the source tree.
const DATA_DIR_CANDIDATES = [SEED_DATA_DIR, path.resolve(SEED_DATA_DIR, '../../../seed/data')];

const FILES = {
  creators: 'creators.json',
  licenses: 'licenses.json',
  benchmarks: 'benchmarks.json',
  models: 'models.json',
  providers: 'providers.json',
  offerings: 'offerings.json',
  gpuTypes: 'gpu-types.json',
  gpuPrices: 'gpu-prices.json',
  deploymentProfiles: 'deployment-profiles.json',
} as const;

export class SeedDataError extends Error {
  override name = 'SeedDataError';
}

async function resolveDataDir(dir?: string): Promise<string> {
  for (const candidate of dir ? [dir] : DATA_DIR_CANDIDATES) {
    if (await readFile(path.join(candidate, FILES.models)).then(() => true, () => false)) return candidate;
  }
  throw new SeedDataError(`seed data not found (looked in ${(dir ? [dir] : DATA_DIR_CANDIDATES).join(', ')})`);
}

/** Reads and validates every seed file, then checks that references resolve. */
export async function loadCatalogSeed(dir?: string): Promise<CatalogSeed> {
  const dataDir = await resolveDataDir(dir);
  const raw: Record<string, unknown> = {};
  for (const [key, file] of Object.entries(FILES)) {
    const text = await readFile(path.join(dataDir, file), 'utf8');
    try {
      raw[key] = JSON.parse(text);
    } catch (error) {
      throw new SeedDataError(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  const parsed = catalogSeedSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((issue) => {
      const [key, ...rest] = issue.path;
      return `${FILES[key as keyof typeof FILES] ?? String(key)} ${rest.join('.')}: ${issue.message}`;
    });
    throw new SeedDataError(`invalid seed data:\n  ${issues.join('\n  ')}`);
  }
  checkReferences(parsed.data);
  return parsed.data;
}

function checkReferences(seed: CatalogSeed): void {
  const problems: string[] = [];
  const has = (set: Set<string>, value: string, what: string) => {
    if (!set.has(value)) problems.push(`${what} "${value}" is not defined`);
  };
  const creators = new Set(seed.creators.map((c) => c.slug));
  const licenses = new Set(seed.licenses.map((l) => l.id));
  const benchmarks = new Set(seed.benchmarks.map((b) => b.slug));
  const models = new Set(seed.models.map((m) => m.slug));
  const providers = new Set(seed.providers.map((p) => p.slug));
  const gpus = new Set(seed.gpuTypes.map((g) => g.slug));
  const aliasOwner = new Map<string, string>();
  for (const model of seed.models) {
    has(creators, model.creator, `model ${model.slug}: creator`);
    has(licenses, model.license, `model ${model.slug}: license`);
    for (const result of model.benchmarks) has(benchmarks, result.benchmark, `model ${model.slug}: benchmark`);
    for (const alias of modelAliases(model)) {
      const owner = aliasOwner.get(alias);
      if (owner && owner !== model.slug) problems.push(`alias "${alias}" names both ${owner} and ${model.slug}`);
      aliasOwner.set(alias, model.slug);
    }
  }
  for (const offering of seed.offerings) {
    has(providers, offering.provider, `offering ${offering.providerModelId}: provider`);
    has(models, offering.model, `offering ${offering.providerModelId}: model`);
  }
  for (const price of seed.gpuPrices) {
    has(gpus, price.gpu, 'gpu price: gpu');
    has(providers, price.provider, 'gpu price: provider');
  }
  for (const profile of seed.deploymentProfiles) {
    has(models, profile.model, 'deployment profile: model');
    has(gpus, profile.gpu, 'deployment profile: gpu');
  }
  if (problems.length) throw new SeedDataError(`seed references do not resolve:\n  ${problems.join('\n  ')}`);
}

/** A model also answers to its name and Hugging Face id. */
function modelAliases(model: CatalogSeed['models'][number]): Set<string> {
  const all = [model.name, ...model.aliases, ...(model.huggingFaceId ? [model.huggingFaceId] : [])];
  return new Set(all.map(normalizeAlias).filter((alias) => alias !== model.slug));
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const MODEL_KIND: Record<string, ModelKind> = { closed: 'closed', 'open-weights': 'open_weights' };
const PROVIDER_KIND: Record<string, ProviderKind> = {
  'closed-lab': 'closed_lab',
  'inference-host': 'inference_host',
  cloud: 'cloud',
  'gpu-cloud': 'gpu_cloud',
  'self-host-runtime': 'self_host_runtime',
};

export interface SeedSummary {
  creators: number;
  licenses: number;
  models: number;
  providers: number;
  offerings: number;
  pricePointsAdded: number;
  gpuPricesAdded: number;
}

export async function seedCatalog(prisma: PrismaService, seed: CatalogSeed): Promise<SeedSummary> {
  return prisma.$transaction(
    async (tx) => {
      let pricePointsAdded = 0;
      let gpuPricesAdded = 0;
      for (const creator of seed.creators) {
        const data = { name: creator.name, url: creator.url ?? null, country: creator.country ?? null };
        await tx.creator.upsert({ where: { slug: creator.slug }, create: { slug: creator.slug, ...data }, update: data });
      }
      for (const license of seed.licenses) {
        const newest = [...license.versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]!;
        const data = {
          name: license.name,
          spdxId: license.spdxId ?? null,
          category: license.category,
          url: license.url,
          commercialUse: newest.terms.commercialUse.value,
          userCapMau: newest.terms.userCapMau ? BigInt(newest.terms.userCapMau.value) : null,
        };
        await tx.license.upsert({ where: { id: license.id }, create: { id: license.id, ...data }, update: data });
        for (const version of license.versions) {
          const key = { licenseId: license.id, version: version.version, effectiveFrom: day(version.effectiveFrom) };
          const exists = await tx.licenseVersion.findUnique({ where: { licenseId_version_effectiveFrom: key } });
          if (exists) continue;
          await tx.licenseVersion.create({
            data: {
              ...key,
              url: version.url,
              commercialUse: version.terms.commercialUse.value,
              userCapMau: version.terms.userCapMau ? BigInt(version.terms.userCapMau.value) : null,
              terms: version.terms,
              sourceUrl: version.sourceUrl ?? version.url,
            },
          });
        }
      }
      for (const benchmark of seed.benchmarks) {
        const { slug, ...data } = { ...benchmark, description: benchmark.description ?? null, url: benchmark.url ?? null };
        await tx.benchmark.upsert({ where: { slug }, create: { slug, ...data }, update: data });
      }
      for (const model of seed.models) {
        const data = {
          name: model.name,
          family: model.family,
          creatorSlug: model.creator,
          kind: MODEL_KIND[model.kind]!,
          status: model.status,
          parametersB: model.parametersB ?? null,
          activeParametersB: model.activeParametersB ?? null,
          contextWindow: model.contextWindow ?? null,
          maxOutputTokens: model.maxOutputTokens ?? null,
          inputModalities: model.inputModalities,
          outputModalities: model.outputModalities,
          releaseDate: model.releaseDate ? day(model.releaseDate) : null,
          knowledgeCutoff: model.knowledgeCutoff ?? null,
          licenseId: model.license,
          huggingFaceId: model.huggingFaceId ?? null,
          description: model.description ?? null,
          factSources: model.factSources,
          source: 'seed',
        };
        await tx.model.upsert({ where: { slug: model.slug }, create: { slug: model.slug, ...data }, update: data });
        for (const alias of modelAliases(model)) {
          await tx.modelAlias.upsert({
            where: { alias },
            create: { alias, modelSlug: model.slug, source: 'seed' },
            update: { modelSlug: model.slug },
          });
        }
        const licenseFrom = day(model.releaseDate ?? '2026-01-01');
        await tx.modelLicense.createMany({
          data: [{ modelSlug: model.slug, licenseId: model.license, validFrom: licenseFrom, source: 'seed' }],
          skipDuplicates: true,
        });
        for (const result of model.benchmarks) {
          const key = { modelSlug: model.slug, benchmarkSlug: result.benchmark, setting: result.setting, source: result.source };
          const data = {
            score: result.score,
            measuredOn: result.measuredOn ? day(result.measuredOn) : null,
            sourceUrl: result.sourceUrl ?? null,
          };
          await tx.benchmarkResult.upsert({
            where: { modelSlug_benchmarkSlug_setting_source: key },
            create: { ...key, ...data },
            update: data,
          });
        }
      }
      for (const provider of seed.providers) {
        const data = {
          name: provider.name,
          kinds: provider.kinds.map((kind) => PROVIDER_KIND[kind]!),
          url: provider.url,
          pricingModel: provider.pricingModel ?? null,
          description: provider.description ?? null,
        };
        await tx.provider.upsert({ where: { slug: provider.slug }, create: { slug: provider.slug, ...data }, update: data });
      }
      const observedAt = new Date();
      for (const offering of seed.offerings) {
        const { provider, model, providerModelId, prices, ...features } = offering;
        const earliest = prices.map((price) => price.validFrom).sort()[0];
        const data = { modelSlug: model, ...features, source: 'seed' };
        const row = await tx.offering.upsert({
          where: { providerSlug_providerModelId: { providerSlug: provider, providerModelId } },
          create: { providerSlug: provider, providerModelId, listedAt: earliest ? day(earliest) : observedAt, ...data },
          update: data,
        });
        for (const price of prices) {
          const identity = {
            offeringId: row.id,
            component: price.component,
            conditionKey: conditionKey(price.condition),
            validFrom: day(price.validFrom),
            source: price.source,
            usd: price.usd,
          };
          if (await tx.pricePoint.findFirst({ where: identity, select: { id: true } })) continue;
          await tx.pricePoint.create({
            data: {
              ...identity,
              unit: price.unit ?? unitFor(price.component),
              condition: price.condition ?? undefined,
              observedAt,
              sourceUrl: price.sourceUrl ?? null,
            },
          });
          pricePointsAdded++;
        }
      }
      for (const gpu of seed.gpuTypes) {
        const { slug, ...data } = gpu;
        await tx.gpuType.upsert({ where: { slug }, create: gpu, update: data });
      }
      for (const price of seed.gpuPrices) {
        const identity = {
          gpuSlug: price.gpu,
          providerSlug: price.provider,
          pricingTier: price.pricingTier,
          validFrom: day(price.validFrom),
          source: price.source,
          usdPerHour: price.usdPerHour,
        };
        if (await tx.gpuPrice.findFirst({ where: identity, select: { id: true } })) continue;
        await tx.gpuPrice.create({ data: { ...identity, observedAt, sourceUrl: price.sourceUrl ?? null } });
        gpuPricesAdded++;
      }
      for (const profile of seed.deploymentProfiles) {
        const key = {
          modelSlug: profile.model,
          gpuSlug: profile.gpu,
          gpusPerReplica: profile.gpusPerReplica,
          runtime: profile.runtime,
        };
        const data = {
          sustainedTokensPerSecond: profile.sustainedTokensPerSecond,
          infrastructureUsdPerMonth: profile.infrastructureUsdPerMonth,
          notes: profile.notes ?? null,
          source: profile.source,
          sourceUrl: profile.sourceUrl ?? null,
        };
        await tx.deploymentProfile.upsert({
          where: { modelSlug_gpuSlug_gpusPerReplica_runtime: key },
          create: { ...key, ...data },
          update: data,
        });
      }
      return {
        creators: seed.creators.length,
        licenses: seed.licenses.length,
        models: seed.models.length,
        providers: seed.providers.length,
        offerings: seed.offerings.length,
        pricePointsAdded,
        gpuPricesAdded,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
