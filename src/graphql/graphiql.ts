import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * GraphiQL in the browser at GET /graphql (when the client asks for HTML), served from the
 * installed graphiql, react and react-dom packages: no CDN.
 */
const ASSETS = {
  'react.js': { packageName: 'react', file: 'umd/react.production.min.js', type: 'application/javascript' },
  'react-dom.js': { packageName: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'application/javascript' },
  'graphiql.js': { packageName: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript' },
  'graphiql.css': { packageName: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
} as const;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>model-ledger GraphQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const defaultQuery = \`# Top open models by MMLU with their cheapest offering and license
{
  models(filter: { kind: "open-weights" }, sort: "-score:mmlu", first: 10) {
    nodes {
      slug
      name
      mmlu: score(benchmark: "mmlu")
      license { id commercialUse userCapMau }
      cheapestOffering { provider providerModelId input output }
    }
  }
}\`;
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery }),
    );
  </script>
</body>
</html>
`;

export async function registerGraphiql(fastify: FastifyInstance): Promise<void> {
  const require = createRequire(import.meta.url);
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    // The UMD builds are not in the packages' "exports": read them from the package folder.
    const packageDir = path.dirname(require.resolve(`${asset.packageName}/package.json`));
    files.set(name, { body: await readFile(path.join(packageDir, asset.file)), type: asset.type });
  }
  fastify.get('/graphiql/:file', async (request, reply) => {
    const file = files.get((request.params as { file: string }).file);
    if (!file) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such GraphiQL asset' });
    return reply.type(file.type).header('cache-control', 'public, max-age=86400').send(file.body);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.url !== '/graphql') return;
    if (!(request.headers.accept ?? '').includes('text/html')) return;
    return reply.type('text/html; charset=utf-8').send(PAGE);
  });
}
