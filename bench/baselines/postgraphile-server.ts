/**
 * Baseline for the GraphQL dashboard: PostGraphile 4.14.1 over the same database and schema,
 * production-like options (no GraphiQL, no query log, no mutations, no watch), served by
 * node:http at POST /graphql. PostGraphile compiles one GraphQL query into one SQL statement.
 *
 *   DATABASE_URL=postgresql://... PORT=3002 node dist/bench/baselines/postgraphile-server.js
 *
 * The query it is measured with: POSTGRAPHILE_DASHBOARD_QUERY in bench/lib/queries.ts.
 * (postgraphile@5 starts on Node 20 but every query fails inside grafast: v4 it is.)
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { SERVER_SESSION_OPTIONS } from '../../src/database/pg-pool.js';

/**
 * postgraphile@4 wants graphql 15; the project has graphql 16 at the root, so npm nests graphql 15
 * twice (under postgraphile/ and under graphile-build-pg/), and graphile-build twice likewise. Two
 * copies of graphql in one schema fail every query ("Cannot use GraphQLList from another module or
 * realm"). In this process only, every require of graphql and graphile-build is pointed at the
 * copies under postgraphile/node_modules before postgraphile loads.
 */
function unifyGraphqlCopies(): void {
  const require = createRequire(import.meta.url);
  const postgraphileDir = path.dirname(require.resolve('postgraphile/package.json'));
  const local = createRequire(path.join(postgraphileDir, 'package.json'));
  const targets = new Map(
    ['graphql', 'graphile-build'].map((name) => [name, path.dirname(local.resolve(`${name}/package.json`))] as const),
  );
  const moduleApi = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = moduleApi._resolveFilename;
  moduleApi._resolveFilename = function (request: string, ...rest: unknown[]) {
    const [name, ...subpath] = request.split('/');
    const target = name === undefined ? undefined : targets.get(name);
    const redirected = target ? path.join(target, ...subpath) : request;
    return original.call(this, redirected, ...rest);
  };
}

unifyGraphqlCopies();
const { postgraphile } = await import('postgraphile');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
// The service's session settings (JIT off), so the comparison is of the servers, not of JIT.
const pool = new pg.Pool({ connectionString: databaseUrl, options: SERVER_SESSION_OPTIONS, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: 'bench-postgraphile' });
const middleware = postgraphile(pool, 'public', {
  graphqlRoute: '/graphql',
  graphiql: false,
  disableQueryLog: true,
  disableDefaultMutations: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: true,
  watchPg: false,
  retryOnInitFail: false,
  enableQueryBatching: false,
  showErrorStack: false,
});
const server = http.createServer(middleware);
const port = Number(process.env.PORT ?? 3002);
server.listen(port, process.env.HOST ?? '127.0.0.1');
const shutdown = () => {
  server.close();
  void middleware.release().then(() => pool.end()).then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
