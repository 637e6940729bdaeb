/** One autocannon run (programmatic API) with the numbers the report keeps. */
import autocannon from 'autocannon';

export interface LoadSpec {
  baseUrl: string;
  method?: 'GET' | 'POST';
  /** One path, or several that are sent in turn (a shared counter across connections). */
  paths: readonly string[];
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** Send exactly this many requests instead of running for durationSeconds (slow cases). */
  amount?: number;
  /** Count `x-cache: hit|miss` response headers (the service's response cache). */
  countCache?: boolean;
  /** Different requests (REST and GraphQL mixed): each connection sends them in turn; `paths` is then ignored. */
  mixed?: readonly MixedRequest[];
}

export interface MixedRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadStats {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; average: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  connections: number;
  /** Too slow to load: a few requests one after another (see run-bench.ts). */
  sequential?: boolean;
  /** Set when the run sent a fixed number of requests rather than running for a fixed time. */
  amount?: number;
  /** Share of responses the service answered from its response cache (when counted). */
  cacheHitRatio?: number;
}

export function runLoad(spec: LoadSpec): Promise<LoadStats> {
  let next = 0;
  let hits = 0;
  let misses = 0;
  const base: autocannon.Request = {
    method: spec.method ?? 'GET',
    path: spec.paths[0],
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  };
  const request: autocannon.Request = { ...base };
  if (spec.paths.length > 1) {
    request.setupRequest = (current) => {
      current.path = spec.paths[next++ % spec.paths.length];
      return current;
    };
  }
  if (spec.countCache) {
    request.onResponse = (_status, _body, _context, headers) => {
      const value = headers['x-cache'];
      if (value === 'hit') hits++;
      else if (value === 'miss') misses++;
    };
  }
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds }),
        timeout: 120,
        headers: { accept: 'application/json', ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}), ...spec.headers },
        requests: spec.mixed
          ? spec.mixed.map((r) => ({ method: r.method, path: r.path, ...(r.body !== undefined ? { body: r.body, headers: { 'content-type': 'application/json' } } : {}) }))
          : [request],
      },
      (error, result) => {
        if (error) return reject(error);
        const completed = result.latency.totalCount ?? result.requests.total;
        resolve({
          requestsPerSecond: round(completed / Math.max(result.duration, 0.001), 1),
          latencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            average: round(result.latency.average, 2),
            max: result.latency.max,
          },
          requests: completed,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
          durationSeconds: round(result.duration, 2),
          connections: spec.connections,
          ...(spec.amount ? { amount: spec.amount } : {}),
          ...(spec.countCache && hits + misses > 0 ? { cacheHitRatio: round(hits / (hits + misses), 3) } : {}),
        });
      },
    );
  });
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
