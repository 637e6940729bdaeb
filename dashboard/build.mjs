#!/usr/bin/env node
/**
 * Builds the dashboard into dist/dashboard/ (run by `npm run build`):
 *   1. type checks dashboard/src (tsc, DOM lib) unless --no-check;
 *   2. bundles dashboard/src/main.ts with esbuild into app-<hash>.js and app-<hash>.css
 *      (uPlot and its stylesheet included: nothing is loaded from elsewhere);
 *   3. writes index.html pointing at them, and the favicon.
 * The service serves the result at / and /dashboard/* (src/dashboard/dashboard.plugin.ts).
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(root, 'dist', 'dashboard');
const check = !process.argv.includes('--no-check');
const started = Date.now();

if (check) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.json')], { stdio: 'inherit' });
  } catch {
    console.error('dashboard: type errors (above)');
    process.exit(1);
  }
}

// Build next to the old output, then swap, so a running build never leaves a half-written folder.
const staging = `${outDir}.tmp-${process.pid}`;
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });

const result = await build({
  entryPoints: { app: path.join(here, 'src', 'main.ts') },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  outdir: staging,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
const js = outputs.find((file) => /^app-.*\.js$/.test(file));
const css = outputs.find((file) => /^app-.*\.css$/.test(file));
if (!js || !css) throw new Error(`dashboard: esbuild wrote ${outputs.join(', ')}, expected app-*.js and app-*.css`);

const template = await readFile(path.join(here, 'index.html'), 'utf8');
await writeFile(path.join(staging, 'index.html'), template.replace('%JS%', js).replace('%CSS%', css));
await copyFile(path.join(here, 'favicon.svg'), path.join(staging, 'favicon.svg'));

const old = `${outDir}.old-${process.pid}`;
await rename(outDir, old).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(staging, outDir);
await rm(old, { recursive: true, force: true });

const sizes = await Promise.all([js, css].map(async (file) => `${file} ${((await readFile(path.join(outDir, file))).length / 1024).toFixed(1)} KiB`));
console.log(`dashboard: built ${path.relative(root, outDir)}/ (${sizes.join(', ')}) in ${Date.now() - started} ms`);
