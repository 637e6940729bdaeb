/**
 * The license check: the one entry of the license-compatibility engine (`POST /v1/license-check`).
 * Pure: takes the license record (one version, its terms as data) and the use; no I/O.
 */
import type { LicenseTerms } from '../../catalog/licenses/license-terms.js';
import { evaluateLicense, type LicenseReason, type Verdict, worstVerdict } from './license-rules.js';
import { licenseUseSchema, type LicenseUseInput } from './license-use.schema.js';
import { formatSpdxExpression, judgeProductLicense, parseSpdxExpression } from './spdx-compatibility.js';

export { LICENSE_RULES, type LicenseReason, type Verdict } from './license-rules.js';
export { licenseCheckRequestSchema, licenseUseSchema, type LicenseCheckRequest, type LicenseUse, type LicenseUseInput } from './license-use.schema.js';
export { InvalidSpdxExpressionError, LicenseCheckInputError, UnknownSpdxIdError } from './spdx-compatibility.js';

/** One version of a license, as the catalog holds it. */
export interface LicenseRecord {
  id: string;
  name: string;
  /** SPDX id where the license has one (Apache-2.0, MIT, CC-BY-NC-4.0); null for Llama, Gemma, Qwen… */
  spdxId?: string | null;
  /** The version's URL (the source of the quotes). */
  url: string;
  version: string;
  terms: LicenseTerms;
}

export interface ProductLicenseCheck {
  /** The expression as parsed (whitespace normalised). */
  expression: string;
  /** False when the model's materials are not distributed with the product (see checkLicense). */
  judged: boolean;
  /** The product-license part of the verdict (compatible when not judged). */
  verdict: Verdict;
  /** For an OR expression: the branch under which the product can carry the model. */
  branch?: string;
  note: string;
}

export interface LicenseCheckResult {
  license: { id: string; name: string; version: string };
  verdict: Verdict;
  obligations: string[];
  /** Every clause the verdict rests on: {clause, section, quote, url} plus the rule and its message. */
  reasons: LicenseReason[];
  productLicense: ProductLicenseCheck | null;
}

/**
 * Checks a use of a model against its license (terms as data) and, when given, the product's license.
 *
 * Product license: the expression is always parsed, so an unknown SPDX id is an input error
 * (UnknownSpdxIdError, field `use.productLicense`) whatever the use. It is JUDGED only when
 * `use.distributesWeights` is true: license compatibility is a condition on distributing a combined
 * work. A product that calls a hosted model, or runs the weights on its own servers, ships none of
 * the model's licensed materials: its code license and the model license never meet (the model's own
 * terms still apply through the rules). AGPL-3.0 section 13 does not change that: it concerns the
 * source of the AGPL program, not a separate model the program calls. When the weights (original,
 * fine-tuned or distilled) ship inside or alongside the product, the two licenses must agree.
 */
export function checkLicense(record: LicenseRecord, useInput: LicenseUseInput): LicenseCheckResult {
  const use = licenseUseSchema.parse(useInput);
  const identity = { id: record.id, name: record.name, url: record.url, version: record.version };
  const evaluation = evaluateLicense(record.terms, identity, use);

  let productLicense: ProductLicenseCheck | null = null;
  const obligations = [...evaluation.obligations];
  const reasons = [...evaluation.reasons];
  let verdict = evaluation.verdict;

  if (use.productLicense !== undefined) {
    const tree = parseSpdxExpression(use.productLicense, 'use.productLicense');
    const expression = formatSpdxExpression(tree);
    if (!use.distributesWeights) {
      productLicense = {
        expression,
        judged: false,
        verdict: 'compatible',
        note: `Not judged: the model's weights are not distributed with the product, so the product license and the ${record.name} do not meet.`,
      };
    } else {
      const judgement = judgeProductLicense({ id: record.id, name: record.name, spdxId: record.spdxId, url: record.url, terms: record.terms }, tree);
      for (const obligation of judgement.obligations) if (!obligations.includes(obligation)) obligations.push(obligation);
      reasons.push(...judgement.reasons);
      verdict = worstVerdict([verdict, judgement.verdict]);
      productLicense = {
        expression,
        judged: true,
        verdict: judgement.verdict,
        ...(tree.kind === 'or' ? { branch: judgement.branch } : {}),
        note:
          judgement.verdict === 'incompatible'
            ? `Weights under the ${record.name} cannot be distributed in a product under ${expression}.`
            : `Weights under the ${record.name} may be distributed in a product under ${judgement.branch}` +
              (judgement.verdict === 'conditional' ? ', on the obligations listed.' : '.'),
      };
    }
  }

  // A compatible verdict rests on the grant clause; once a rule or the product license fires, that is moot.
  const cited = verdict === 'compatible' ? reasons : reasons.filter((reason) => reason.verdict !== 'compatible');
  return {
    license: { id: record.id, name: record.name, version: record.version },
    verdict,
    obligations,
    reasons: cited.length > 0 ? cited : reasons,
    productLicense,
  };
}
