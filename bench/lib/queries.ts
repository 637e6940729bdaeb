/** The GraphQL queries of the dashboard case: the service's and PostGraphile's closest equivalent. */

export { DASHBOARD_QUERY } from '../../test/support/dashboard-query.js';

/**
 * The closest PostGraphile equivalent of the service's DASHBOARD_QUERY (test/graphql): 100 models
 * by slug with license, results of 3 benchmarks (three aliased condition filters: v4 has no IN
 * filter without a plugin), listed offerings with their provider, and the newest 4 price points
 * of each offering. PostGraphile has no notion of the current price per (component, condition) or
 * of the cheapest offering: the newest points stand in for them, and cheapestOffering is absent.
 */
export const POSTGRAPHILE_DASHBOARD_QUERY = `
  query Dashboard($first: Int!) {
    allModels(orderBy: SLUG_ASC, first: $first) {
      nodes {
        slug
        name
        licenseByLicenseId { id commercialUse userCapMau }
        mmlu: benchmarkResultsByModelSlug(condition: { benchmarkSlug: "mmlu" }) { nodes { benchmarkSlug score source } }
        gpqa: benchmarkResultsByModelSlug(condition: { benchmarkSlug: "gpqa-diamond" }) { nodes { benchmarkSlug score source } }
        humaneval: benchmarkResultsByModelSlug(condition: { benchmarkSlug: "humaneval" }) { nodes { benchmarkSlug score source } }
        offeringsByModelSlug(condition: { status: LISTED }, orderBy: [PROVIDER_SLUG_ASC, PROVIDER_MODEL_ID_ASC]) {
          nodes {
            providerModelId
            providerByProviderSlug { slug name }
            pricePointsByOfferingId(orderBy: VALID_FROM_DESC, first: 4) { nodes { component usd unit condition } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

