/**
 * The answer key: real ids of the newest LiteLLM, models.dev and OpenRouter snapshots, with the
 * model, creator, kind and license each must resolve to, judged by hand
 * (test/fixtures/resolution/answer-key.json). The bar is the issue's: 0 wrong merges, >= 95% of
 * same-model pairs merged, kind right for every id, license right for >= 90% of open-weights ids.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { resolveCatalog } from './resolve-catalog.js';
import type { ResolutionInput } from './resolution.types.js';

interface KeyModel {
  slug: string;
  creator: string;
  kind: 'open-weights' | 'closed';
  license: string | null;
  evidence: string;
  ids: ResolutionInput[];
}

interface AnswerKey {
  lookalikes: string[][];
  models: KeyModel[];
}

const keyPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/resolution/answer-key.json');
const key = JSON.parse(readFileSync(keyPath, 'utf8')) as AnswerKey;

interface Row {
  expected: KeyModel;
  input: ResolutionInput;
  /** The canonical model the id landed on, if it was linked. */
  slug?: string;
  kind?: string;
  creator?: string;
  license?: string;
}

function evaluate(): Row[] {
  const inputs = key.models.flatMap((model) => model.ids);
  const result = resolveCatalog(inputs);
  const byLink = new Map<string, (typeof result.models)[number]>();
  for (const model of result.models) {
    for (const link of model.offerings) byLink.set(`${link.source}|${link.provider}|${link.providerModelId}`, model);
  }
  return key.models.flatMap((expected) =>
    expected.ids.map((input) => {
      const model = byLink.get(`${input.source}|${input.provider}|${input.providerModelId}`);
      return {
        expected,
        input,
        slug: model?.slug,
        kind: model?.facts.kind?.value,
        creator: model?.facts.creator?.value,
        license: model?.facts.license?.value,
      };
    }),
  );
}

const rows = evaluate();
const label = (row: Row) => `${row.input.provider}:${row.input.providerModelId}`;

describe('answer key', () => {
  it('is big enough: 150+ real ids over 40+ models, with look-alikes', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(key.models.length).toBeGreaterThanOrEqual(40);
    expect(key.lookalikes.length).toBeGreaterThanOrEqual(15);
  });

  it('never merges two different models', () => {
    const wrong: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const a = rows[i]!;
        const b = rows[j]!;
        if (a.expected.slug !== b.expected.slug && a.slug && a.slug === b.slug) wrong.push(`${label(a)} + ${label(b)} -> ${a.slug}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('merges at least 95% of same-model pairs', () => {
    let pairs = 0;
    let merged = 0;
    const missed = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const a = rows[i]!;
        const b = rows[j]!;
        if (a.expected.slug !== b.expected.slug) continue;
        pairs++;
        if (a.slug && a.slug === b.slug) merged++;
        else missed.add(`${a.expected.slug}: ${label(a)} -> ${a.slug ?? 'unlinked'} / ${label(b)} -> ${b.slug ?? 'unlinked'}`);
      }
    }
    expect({ ratio: merged / pairs, missed: [...missed].slice(0, 10) }).toEqual({ ratio: expect.any(Number), missed: expect.any(Array) });
    expect(merged / pairs).toBeGreaterThanOrEqual(0.95);
  });

  it('gets the kind right for every id', () => {
    expect(rows.filter((row) => row.kind !== row.expected.kind).map((row) => `${label(row)}: ${row.kind} (expected ${row.expected.kind})`)).toEqual([]);
  });

  it('gets the creator right for every id', () => {
    expect(rows.filter((row) => row.creator !== row.expected.creator).map((row) => `${label(row)}: ${row.creator} (expected ${row.expected.creator})`)).toEqual([]);
  });

  it('gets the license right for at least 90% of open-weights ids', () => {
    const open = rows.filter((row) => row.expected.kind === 'open-weights' && row.expected.license);
    const right = open.filter((row) => row.license === row.expected.license);
    const wrong = open.filter((row) => row.license !== row.expected.license).map((row) => `${label(row)}: ${row.license} (expected ${row.expected.license})`);
    expect({ share: right.length / open.length >= 0.9, wrong: wrong.slice(0, 10) }).toEqual({ share: true, wrong: expect.any(Array) });
  });

  it('lands every id on its expected canonical slug', () => {
    const off = rows.filter((row) => row.slug !== row.expected.slug).map((row) => `${label(row)}: ${row.slug ?? 'unlinked'} (expected ${row.expected.slug})`);
    expect(off).toEqual([]);
  });

  it('keeps every look-alike group apart', () => {
    for (const group of key.lookalikes) {
      const landed = group.map((slug) => new Set(rows.filter((row) => row.expected.slug === slug).map((row) => row.slug)));
      for (let i = 0; i < landed.length; i++) {
        for (let j = i + 1; j < landed.length; j++) {
          const shared = [...landed[i]!].filter((slug) => slug !== undefined && landed[j]!.has(slug));
          expect(shared, `${group[i]} vs ${group[j]}`).toEqual([]);
        }
      }
    }
  });
});
