#!/usr/bin/env node
/**
 * The import rules of DESIGN.md that a file-level linter cannot see: folders import each other one
 * way. Each top-level folder (scrapers, seed, bench, test, dashboard) and each folder of src/ is a
 * unit; an import from one unit into another is an arrow. Fails (exit 1) on:
 * - a cycle of arrows between units (catalog -> prices -> catalog), however long;
 * - an arrow the layering forbids (scrapers know nothing of the service; the service knows nothing
 *   of seed data loaders' callers, the benchmark or the tests; tests do not import the benchmark).
 * Type-only imports count: a cycle of types is still two folders that must change together.
 * Usage: node scripts/check-architecture.mjs [--graph]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TOP = ['src', 'scrapers', 'seed', 'bench', 'test', 'dashboard'];
const SKIP = new Set(['node_modules', 'dist', 'generated', 'fixtures', 'data', 'results']);

/** Units that may not be imported from the given unit (prefix match on the unit name). */
const FORBIDDEN = {
  scrapers: ['src', 'seed', 'bench', 'test', 'dashboard'],
  src: ['bench', 'test', 'dashboard'],
  seed: ['bench', 'test', 'dashboard'],
  test: ['bench'],
  dashboard: ['src', 'scrapers', 'seed', 'bench', 'test'],
};

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * src/<folder> for the service (files directly in src/ are its composition root, "src"); the top
 * folder otherwise. A spec beside the code is a test: a unit of its own (`spec:<unit>`) that
 * nothing imports, so it may use test/ helpers without making a cycle.
 */
function unitOf(file) {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (file.endsWith('.spec.ts')) return `spec:${unitOfCode(parts)}`;
  return unitOfCode(parts);
}

function unitOfCode(parts) {
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
  return parts[0];
}

const edges = new Map(); // unit -> Map(unit -> [example import])
const violations = [];
for (const top of TOP) {
  for (const file of files(path.join(ROOT, top))) {
    const from = unitOf(file);
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), ref.fileName);
      if (!target.startsWith(ROOT + path.sep)) continue;
      const to = unitOf(target);
      if (to === from || from === `spec:${to}` || !TOP.includes(to.split('/')[0])) continue;
      const example = `${path.relative(ROOT, file)} -> ${ref.fileName}`;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from);
      if (!out.has(to)) out.set(to, []);
      out.get(to).push(example);
      const forbidden = (from.startsWith('spec:') ? FORBIDDEN.test : FORBIDDEN[from.split('/')[0]]) ?? [];
      if (forbidden.some((prefix) => to === prefix || to.startsWith(`${prefix}/`))) violations.push(`forbidden arrow ${from} -> ${to}: ${example}`);
    }
  }
}

// Strongly connected components (Tarjan): any with more than one unit is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(unit) {
  state.set(unit, { index, low: index, onStack: true });
  index++;
  stack.push(unit);
  for (const next of edges.get(unit)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(unit).low = Math.min(state.get(unit).low, state.get(next).low);
    } else if (state.get(next).onStack) state.get(unit).low = Math.min(state.get(unit).low, state.get(next).index);
  }
  if (state.get(unit).low === state.get(unit).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== unit);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const unit of edges.keys()) if (!state.has(unit)) visit(unit);

for (const component of cycles) {
  const members = new Set(component);
  const arrows = [];
  for (const from of component) for (const [to, examples] of edges.get(from) ?? []) if (members.has(to)) arrows.push(`    ${from} -> ${to} (${examples[0]}${examples.length > 1 ? `, +${examples.length - 1}` : ''})`);
  violations.push(`import cycle between ${component.join(', ')}:\n${arrows.join('\n')}`);
}

if (process.argv.includes('--graph')) {
  for (const [from, out] of [...edges].sort()) console.log(`${from} -> ${[...out.keys()].sort().join(', ')}`);
}
if (violations.length) {
  console.error(`architecture: ${violations.length} problem(s)\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`architecture: ${edges.size} units, no cycles, no forbidden arrows`);
