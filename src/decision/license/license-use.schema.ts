/**
 * What a caller intends to do with a model: the `use` of `POST /v1/license-check`.
 * The license rule engine reads only this and the license's terms (catalog/licenses/license-terms.ts).
 */
import { z } from 'zod';

const flag = (field: string, meaning: string) =>
  z.boolean({ error: `use.${field} must be true or false (${meaning})` });

export const licenseUseSchema = z.strictObject(
  {
    /** The model serves a commercial product or purpose (default: yes, the cautious answer). */
    commercial: flag('commercial', 'whether the use is commercial').default(true),
    /**
     * Monthly active users of the products or services that use the model (licensee and affiliates),
     * compared with a license's user cap (Llama 700M, Qwen 100M).
     */
    monthlyActiveUsers: z
      .number({ error: 'use.monthlyActiveUsers must be a number of users' })
      .int({ error: 'use.monthlyActiveUsers must be a whole number of users' })
      .nonnegative({ error: 'use.monthlyActiveUsers cannot be negative' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'use.monthlyActiveUsers is too large' })
      .default(0),
    /**
     * The weights (original, fine-tuned or distilled), or other licensed materials of the model, are
     * distributed to third parties: shipped inside the product, published, or handed to a customer.
     * Serving the model from one's own servers is not distribution.
     */
    distributesWeights: flag('distributesWeights', 'whether weights or derivatives are distributed').default(false),
    /** The model is fine-tuned (or otherwise modified) and the result is used or made available. */
    fineTunes: flag('fineTunes', 'whether the model is fine-tuned').default(false),
    /**
     * The model's outputs train or improve a model outside the model's own family (distillation,
     * synthetic data). Improving the same model with its outputs is `fineTunes`.
     */
    outputsTrainOtherModels: flag('outputsTrainOtherModels', 'whether outputs train other models').default(false),
    /**
     * SPDX license expression of the product the model is used in, e.g. "MIT", "Apache-2.0 OR GPL-2.0-only",
     * "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-Proprietary" for a closed product.
     * Its ids are checked by the engine (an unknown id is an UnknownSpdxIdError naming it).
     */
    productLicense: z
      .string({ error: 'use.productLicense must be an SPDX license expression, e.g. "MIT OR Apache-2.0"' })
      .trim()
      .min(1, { error: 'use.productLicense cannot be empty; leave it out when there is no product license' })
      .max(500, { error: 'use.productLicense is longer than 500 characters' })
      .optional(),
    /** Where the licensee is based or the product is offered, e.g. "EU", "US" (recorded; no term reads it yet). */
    region: z
      .string({ error: 'use.region must be a region or country code, e.g. "EU" or "US"' })
      .trim()
      .min(1, { error: 'use.region cannot be empty' })
      .max(64, { error: 'use.region is longer than 64 characters' })
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) in use: ${issue.keys.join(', ')}; allowed: commercial, monthlyActiveUsers, distributesWeights, fineTunes, outputsTrainOtherModels, productLicense, region`
        : issue.code === 'invalid_type'
          ? 'use must be an object'
          : undefined,
  },
);

/** A use after parsing: defaults applied. */
export type LicenseUse = z.output<typeof licenseUseSchema>;
/** A use as a caller writes it: every field optional except what has no default. */
export type LicenseUseInput = z.input<typeof licenseUseSchema>;

/**
 * The body of `POST /v1/license-check`: the model (slug or alias) or the license (catalog id, e.g.
 * "Apache-2.0"), exactly one of them, and the use. Resolving model or license to a record is the HTTP
 * layer's work; the engine takes the record.
 */
export const licenseCheckRequestSchema = z
  .object({
    model: z.string({ error: 'model must be a model slug or alias' }).trim().min(1, { error: 'model cannot be empty' }).optional(),
    license: z.string({ error: 'license must be a license id' }).trim().min(1, { error: 'license cannot be empty' }).optional(),
    use: licenseUseSchema.default({
      commercial: true,
      monthlyActiveUsers: 0,
      distributesWeights: false,
      fineTunes: false,
      outputsTrainOtherModels: false,
    }),
  })
  .refine((body) => (body.model === undefined) !== (body.license === undefined), {
    error: 'give either model or license, not both and not neither',
    path: ['model'],
  });

export type LicenseCheckRequest = z.output<typeof licenseCheckRequestSchema>;
