import { z } from 'zod';

/**
 * A license's terms as data, one entry per term, each with the clause it rests on. The license
 * rule engine (decision module) reads only this shape: no license has code of its own.
 */
const clause = {
  /** Section reference in the license text, e.g. "2. Additional Commercial Terms". */
  section: z.string().min(1),
  /** Verbatim or close quote of the clause (short). */
  quote: z.string().min(1),
  url: z.url().optional(),
};

export const licenseTermsSchema = z
  .object({
    commercialUse: z.object({ value: z.enum(['allowed', 'conditional', 'forbidden']), ...clause }),
    /** Monthly active users above which a separate license from the licensor is needed. */
    userCapMau: z.object({ value: z.number().int().positive(), ...clause }).optional(),
    /** Attribution a product must show, e.g. "Built with Llama". */
    attribution: z.object({ value: z.string().min(1), ...clause }).optional(),
    /** Prefix a derivative model's name must carry, e.g. "Llama". */
    derivativeNaming: z.object({ value: z.string().min(1), ...clause }).optional(),
    /**
     * Using outputs to train or improve other models: allowed, allowed with conditions
     * (e.g. naming), restricted to the licensor's own family, or forbidden.
     */
    outputTraining: z
      .object({ value: z.enum(['allowed', 'conditional', 'family-only', 'forbidden']), detail: z.string().optional(), ...clause })
      .optional(),
    /** Outputs may only be used for the same purposes as the model (research licenses). */
    outputUseRestricted: z.object({ value: z.boolean(), ...clause }).optional(),
    acceptableUsePolicy: z.object({ value: z.url(), ...clause }).optional(),
    /** Use restrictions must be passed on to recipients of derivatives (incl. distilled models). */
    passThrough: z.object({ value: z.boolean(), ...clause }).optional(),
    /** Copies of weights or derivatives must ship the license text (and NOTICE). */
    noticeRequired: z.object({ value: z.boolean(), ...clause }).optional(),
    /** The weights themselves may be redistributed. */
    redistribution: z.object({ value: z.enum(['allowed', 'conditional', 'forbidden']), ...clause }).optional(),
    patentGrant: z.object({ value: z.boolean(), ...clause }).optional(),
    copyleft: z.object({ value: z.enum(['none', 'weak', 'strong']), ...clause }).optional(),
    /** Licenses with no SPDX id are not OSI-style: combining them into a product is judged on terms. */
    spdxCompatible: z.boolean().optional(),
  })
  .strict();

export type LicenseTerms = z.infer<typeof licenseTermsSchema>;
