import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The built-in dashboard: GET / serves the page, GET /dashboard/<file> its assets, all built into
 * dist/dashboard/ by `npm run build` (dashboard/build.mjs: esbuild, uPlot bundled; no CDN). The page
 * reads everything through the public GraphQL API, like any other client.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** esbuild's content hash in the name (app-ABCD1234.js): such a file never changes. */
const HASHED = /-[A-Z0-9]{8}\.(js|css|map)$/;
const FILE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

interface Asset {
  body: Buffer;
  type: string;
  cacheControl: string;
}

/** The project root (the folder with package.json) from src/dashboard or dist/src/dashboard. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const DASHBOARD_DIR = path.join(projectRoot(), 'dist', 'dashboard');

async function loadAssets(dir: string): Promise<Map<string, Asset> | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  if (!names.includes('index.html')) return null;
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const type = TYPES[path.extname(name)];
    if (!type || !FILE_NAME.test(name)) continue;
    assets.set(name, {
      body: await readFile(path.join(dir, name)),
      type,
      cacheControl: name === 'index.html' ? 'no-cache' : HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    });
  }
  return assets;
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>model-ledger</title></head>
<body><h1>model-ledger</h1><p>The dashboard is not built: run <code>npm run build</code> (or <code>node dashboard/build.mjs</code>).</p>
<p>The API is at <a href="/graphql">/graphql</a> and <a href="/docs">/docs</a>.</p></body></html>`;

export async function registerDashboard(fastify: FastifyInstance, options: { dir?: string } = {}): Promise<void> {
  const dir = options.dir ?? DASHBOARD_DIR;
  let assets = await loadAssets(dir);
  // Built after the service started (a fresh checkout): look again, until it is there.
  const current = async () => (assets ??= await loadAssets(dir));

  const send = (reply: FastifyReply, asset: Asset) => reply.type(asset.type).header('cache-control', asset.cacheControl).send(asset.body);

  const page = async (_request: unknown, reply: FastifyReply) => {
    const index = (await current())?.get('index.html');
    if (!index) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    return send(reply, index);
  };
  fastify.get('/', page);
  fastify.get('/dashboard', async (_request, reply) => reply.redirect('/', 302));
  fastify.get('/dashboard/', page);
  fastify.get('/dashboard/:file', async (request, reply) => {
    const asset = (await current())?.get((request.params as { file: string }).file);
    if (!asset) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such dashboard asset' });
    return send(reply, asset);
  });
}
