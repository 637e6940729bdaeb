/**
 * Canonical model resolution: source ids -> one model per set of weights (per version line for
 * closed API models), offering attributes, facts with their sources, evidence and a confidence.
 * Pure: no database, no Nest. See README "Model resolution".
 */
export { checkSourceId, MAX_SOURCE_ID_LENGTH, type SourceIdCheck } from './source-id-guard.js';
export { resolveOffering, renderSlug, licenseRuleFor, RESOLUTION_THRESHOLD, CONFIDENCE } from './resolve-offering.js';
export { resolveCatalog } from './resolve-catalog.js';
export { resolutionInputFromOffering } from './source-records.js';
export { NEW_LICENSES, LICENSE_RULES, KIND_RULES, PROPRIETARY_LICENSES } from './license-rules.js';
export { FAMILIES, LINE_ALIASES, REVIEW_RULES, NAME_REWRITES } from './family-rules.js';
export { parametersFromName, looseName } from './name-grammar.js';
export * from './resolution.types.js';
