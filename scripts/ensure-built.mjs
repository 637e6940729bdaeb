#!/usr/bin/env node
/**
 * Builds only what changed, so `npm start` and every `npm run` command start in seconds on an
 * unchanged checkout instead of rebuilding everything (Prisma client, TypeScript, dashboard).
 * Each step has a fingerprint (SHA-256 of its inputs' contents); a step runs when its inputs
 * changed or its output is missing. TypeScript builds incrementally (tsBuildInfo under dist/).
 *   node scripts/ensure-built.mjs          check and build what is stale
 *   node scripts/ensure-built.mjs --force  rebuild every step
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', '.build-fingerprints.json');
const force = process.argv.includes('--force');
const require = createRequire(import.meta.url);

function filesUnder(relative, accept) {
  const start = path.join(root, relative);
  if (!existsSync(start)) return [];
  if (statSync(start).isFile()) return [start];
  const out = [];
  for (const entry of readdirSync(start, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'generated' || entry.name === 'results' || entry.name === 'fixtures') continue;
    const full = path.join(start, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path.relative(root, full), accept));
    else if (accept(entry.name)) out.push(full);
  }
  return out;
}

function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const anyFile = () => true;
const sourceFile = (name) => /\.(ts|mts|json|sql)$/.test(name) && !/\.(spec|test)\.ts$/.test(name);

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const steps = [
  {
    name: 'prisma client',
    inputs: () => [...filesUnder('prisma/schema.prisma', anyFile), ...filesUnder('prisma.config.ts', anyFile), path.join(root, 'package-lock.json')],
    output: path.join(root, 'src', 'generated', 'prisma', 'client.ts'),
    build: () => run(process.execPath, [path.join(root, 'scripts', 'prisma-generate.mjs')]),
  },
  {
    name: 'service (tsc)',
    inputs: () => [
      ...['src', 'seed', 'scrapers', 'bench'].flatMap((dir) => filesUnder(dir, sourceFile)),
      ...filesUnder('src/generated', anyFile),
      ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((file) => path.join(root, file)),
    ],
    output: path.join(root, 'dist', 'src', 'main.js'),
    build: () => run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo']),
  },
  {
    name: 'dashboard',
    inputs: () => [...filesUnder('dashboard', (name) => name !== 'README.md'), path.join(root, 'package-lock.json')],
    output: path.join(root, 'dist', 'dashboard', 'index.html'),
    build: () => run(process.execPath, [path.join(root, 'dashboard', 'build.mjs')]),
  },
];

const started = Date.now();
let stamps = {};
try {
  stamps = JSON.parse(readFileSync(stampFile, 'utf8'));
} catch {
  stamps = {};
}
const built = [];
for (const step of steps) {
  // The Prisma client is an input of the TypeScript step: fingerprint each step after the one before ran.
  const print = fingerprint(step.inputs().filter((file) => existsSync(file)));
  if (!force && stamps[step.name] === print && existsSync(step.output)) continue;
  step.build();
  stamps[step.name] = fingerprint(step.inputs().filter((file) => existsSync(file)));
  built.push(step.name);
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${JSON.stringify(stamps, null, 2)}\n`);
}
if (built.length) console.error(`build: ${built.join(', ')} rebuilt in ${Date.now() - started} ms`);
