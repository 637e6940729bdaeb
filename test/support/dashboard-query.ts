/**
 * The dashboard query measured by the benchmark (bench/run-bench.ts) and whose SQL statements
 * test/graphql/graphql-api.e2e.test.ts counts: one definition for both.
 */
export const DASHBOARD_QUERY = `
  query Dashboard($first: Int!) {
    models(filter: { status: "all" }, sort: "slug", first: $first) {
      nodes {
        slug
        name
        license { id commercialUse userCapMau }
        benchmarkResults(benchmarks: ["mmlu", "gpqa-diamond", "humaneval"]) { benchmarkSlug score source }
        offerings {
          providerModelId
          provider { slug name }
          currentPrices { component usd unit condition }
        }
        cheapestOffering { provider input output }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;
