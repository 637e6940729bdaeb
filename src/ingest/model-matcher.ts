/**
 * Entity resolution: the ids sources use for a model ("meta-llama/Llama-3.3-70B-Instruct-Turbo",
 * "gpt-4o-2024-08-06", "accounts/fireworks/models/llama-v3p3-70b-instruct") to a catalog model,
 * through its aliases and normalisation rules. Pure: the alias map comes in as data.
 */
import { normalizeAlias } from '../catalog/model-aliases.js';

const DATE_SUFFIX = /[-_@](20\d{2}-?\d{2}-?\d{2}|\d{4}|\d{2}-\d{2})$/;
const VERSION_SUFFIX = /[-:](v\d+(:\d+)?|latest|preview|exp)$/;
const QUANTISATION_SUFFIX = /[-_.](fp8|fp16|bf16|int8|int4|awq|gptq|gguf|q\d(_k(_[msl])?)?|\d+bit)$/;
const STYLE_SUFFIX = /[-_](instruct|chat|turbo|it|hf|versatile|instant)$/;
const FREE_SUFFIX = /:(free|beta|extended|nitro|floor|online|thinking)$/;

/** Spellings providers use for version dots: "v3p3" -> "3.3", "3_3" -> "3.3". */
function canonicalVersion(id: string): string {
  return id.replace(/v(\d+)p(\d+)/g, '$1.$2').replace(/(\d)p(\d)/g, '$1.$2').replace(/(\d)_(\d)/g, '$1.$2');
}

/** A loose form for comparing ids: lower case, no separators between words and numbers. */
export function looseForm(id: string): string {
  return canonicalVersion(normalizeAlias(id))
    .replace(/^meta-llama-/, 'llama-')
    .replace(/[\s_/:]+/g, '-')
    .replace(/\./g, '-')
    .replace(/([a-z])(\d)/g, '$1-$2')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Variants of an id, most specific first: as given, without routing/vendor prefix, then with
 * suffixes (free tier, dates, versions, quantisation, instruct/turbo) peeled one at a time.
 */
export function idVariants(id: string): string[] {
  const variants: string[] = [];
  const add = (value: string) => {
    const normalized = normalizeAlias(value);
    if (normalized && !variants.includes(normalized)) variants.push(normalized);
  };
  add(id);
  let current = normalizeAlias(id).replace(FREE_SUFFIX, '');
  add(current);
  const withoutPrefix = current.split('/').at(-1)!;
  add(withoutPrefix);
  current = canonicalVersion(withoutPrefix);
  add(current);
  for (let guard = 0; guard < 6; guard++) {
    const next = current
      .replace(DATE_SUFFIX, '')
      .replace(VERSION_SUFFIX, '')
      .replace(QUANTISATION_SUFFIX, '')
      .replace(STYLE_SUFFIX, '');
    if (next === current || next.length < 3) break;
    current = next;
    add(current);
  }
  return variants;
}

export interface ModelIndex {
  /** alias (lower-cased) or slug -> model slug */
  byId: Map<string, string>;
  /** loose form of every alias and slug -> model slug (only forms naming a single model) */
  byLooseForm: Map<string, string>;
}

export function buildModelIndex(entries: Iterable<{ alias: string; modelSlug: string }>): ModelIndex {
  const byId = new Map<string, string>();
  const loose = new Map<string, string | null>();
  for (const { alias, modelSlug } of entries) {
    byId.set(normalizeAlias(alias), modelSlug);
    const form = looseForm(alias);
    const existing = loose.get(form);
    loose.set(form, existing === undefined || existing === modelSlug ? modelSlug : null);
  }
  const byLooseForm = new Map<string, string>();
  for (const [form, slug] of loose) if (slug) byLooseForm.set(form, slug);
  return { byId, byLooseForm };
}

/** The catalog model a source's ids name, or null (then it is "discovered"). */
export function matchModel(index: ModelIndex, candidateIds: readonly string[]): string | null {
  const variants = candidateIds.flatMap(idVariants);
  for (const variant of variants) {
    const slug = index.byId.get(variant);
    if (slug) return slug;
  }
  for (const variant of variants) {
    const slug = index.byLooseForm.get(looseForm(variant));
    if (slug) return slug;
  }
  return null;
}

/** Slug for a model nobody curated yet: the loose form of its most specific id without routing prefix. */
export function discoveredSlug(candidateIds: readonly string[]): string {
  const lastSegment = normalizeAlias(candidateIds[0]!).replace(FREE_SUFFIX, '').split('/').at(-1)!;
  const base = canonicalVersion(lastSegment).replace(/[^a-z0-9.-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return base.slice(0, 120) || 'unnamed-model';
}
