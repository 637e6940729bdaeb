import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { licenseTermsSchema, type LicenseTerms } from '../../catalog/licenses/license-terms.js';
import {
  checkLicense,
  InvalidSpdxExpressionError,
  LICENSE_RULES,
  licenseCheckRequestSchema,
  licenseUseSchema,
  UnknownSpdxIdError,
  type LicenseCheckResult,
  type LicenseRecord,
  type LicenseUseInput,
  type Verdict,
} from './license-check.js';
import { COMPATIBILITY_TABLE, parseSpdxExpression, SPDX_LICENSES } from './spdx-compatibility.js';

// ---------------------------------------------------------------------------------------------
// The real catalog: every license's newest version, terms parsed with the catalog's own schema.
// ---------------------------------------------------------------------------------------------

interface SeedLicense {
  id: string;
  name: string;
  spdxId?: string;
  url: string;
  versions: { version: string; effectiveFrom: string; url: string; terms: unknown }[];
}

const seed = JSON.parse(readFileSync(new URL('../../../seed/data/licenses.json', import.meta.url), 'utf8')) as SeedLicense[];

const LICENSES = new Map<string, LicenseRecord>(
  seed.map((license) => {
    const newest = [...license.versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]!;
    const terms: LicenseTerms = licenseTermsSchema.parse(newest.terms);
    return [license.id, { id: license.id, name: license.name, spdxId: license.spdxId ?? null, url: newest.url, version: newest.version, terms }];
  }),
);

function record(id: string): LicenseRecord {
  const found = LICENSES.get(id);
  if (!found) throw new Error(`no license ${id} in seed/data/licenses.json`);
  return found;
}

const M = 1_000_000;

interface Case {
  name: string;
  license: string;
  use: LicenseUseInput;
  verdict: Verdict;
  /** Section strings that must appear among the reasons. */
  sections: string[];
  /** Rules that must have fired. */
  rules?: string[];
  /** Rules that must not have fired. */
  notRules?: string[];
  /** Substrings that must each appear in some obligation. */
  obligations?: string[];
  /** The product-license part, when a productLicense is given. */
  product?: { judged: boolean; verdict?: Verdict; branch?: string };
}

const CASES: Case[] = [
  // -- Llama: 700M MAU cap, AUP, attribution, naming, outputs ----------------------------------
  {
    name: 'Llama 2, commercial, 1M MAU: conditional on the cap and the AUP',
    license: 'llama-2',
    use: { commercial: true, monthlyActiveUsers: 1 * M },
    verdict: 'conditional',
    sections: ['2. Additional Commercial Terms', '1.b.iv Redistribution and Use'],
    rules: ['commercial-use-conditional', 'user-cap-watch', 'acceptable-use-policy'],
    notRules: ['attribution'],
    obligations: ['700,000,000 monthly active users', 'https://ai.meta.com/llama/use-policy/'],
  },
  {
    name: 'Llama 2, 800M MAU: incompatible, needs a license from Meta',
    license: 'llama-2',
    use: { monthlyActiveUsers: 800 * M },
    verdict: 'incompatible',
    sections: ['2. Additional Commercial Terms'],
    rules: ['user-cap-exceeded'],
  },
  {
    name: 'Llama 3, 800M MAU: incompatible',
    license: 'llama-3',
    use: { monthlyActiveUsers: 800 * M },
    verdict: 'incompatible',
    sections: ['2. Additional Commercial Terms'],
    rules: ['user-cap-exceeded'],
  },
  {
    name: 'Llama 3, commercial, 5M MAU: "Built with Meta Llama 3"',
    license: 'llama-3',
    use: { monthlyActiveUsers: 5 * M },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use', '2. Additional Commercial Terms'],
    obligations: ['Display “Built with Meta Llama 3”'],
  },
  {
    name: 'Llama 3.1 at exactly 700M MAU: not above the cap, conditional',
    license: 'llama-3.1',
    use: { monthlyActiveUsers: 700 * M },
    verdict: 'conditional',
    sections: ['2. Additional Commercial Terms'],
    rules: ['user-cap-watch'],
    notRules: ['user-cap-exceeded'],
  },
  {
    name: 'Llama 3.1 at 700M + 1 MAU: incompatible',
    license: 'llama-3.1',
    use: { monthlyActiveUsers: 700 * M + 1 },
    verdict: 'incompatible',
    sections: ['2. Additional Commercial Terms'],
    rules: ['user-cap-exceeded'],
  },
  {
    name: 'Llama 3.2, commercial: conditional, AUP and attribution',
    license: 'llama-3.2',
    use: { commercial: true, monthlyActiveUsers: 20 * M },
    verdict: 'conditional',
    sections: ['1.b.iv Redistribution and Use', '1.b.i Redistribution and Use'],
    obligations: ['Display “Built with Llama”', 'https://www.llama.com/llama3_2/use-policy'],
  },
  {
    name: 'Llama 3.3, commercial, 10M MAU: "Built with Llama"',
    license: 'llama-3.3',
    use: { commercial: true, monthlyActiveUsers: 10 * M },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use', '1.b.iv Redistribution and Use', '2. Additional Commercial Terms'],
    rules: ['attribution', 'acceptable-use-policy', 'user-cap-watch'],
    obligations: ['Display “Built with Llama”'],
  },
  {
    name: 'Llama 2 outputs training another model: incompatible (family only)',
    license: 'llama-2',
    use: { outputsTrainOtherModels: true },
    verdict: 'incompatible',
    sections: ['1.b.v Redistribution and Use'],
    rules: ['output-training-family-only'],
  },
  {
    name: 'Llama 3 outputs training another model: incompatible (family only)',
    license: 'llama-3',
    use: { outputsTrainOtherModels: true },
    verdict: 'incompatible',
    sections: ['1.b.v Redistribution and Use'],
    rules: ['output-training-family-only'],
  },
  {
    name: 'Llama 2 fine-tuned on its own outputs: allowed within the family',
    license: 'llama-2',
    use: { fineTunes: true },
    verdict: 'conditional',
    sections: ['1.b.v Redistribution and Use'],
    rules: ['output-training-family-scope'],
    notRules: ['output-training-family-only'],
  },
  {
    name: 'Llama 3.1 outputs training another model: conditional, name it "Llama…"',
    license: 'llama-3.1',
    use: { outputsTrainOtherModels: true },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use'],
    rules: ['output-training-conditional'],
    obligations: ['name beginning with "Llama"'],
  },
  {
    name: 'Llama 3.3 outputs training another model: conditional with naming',
    license: 'llama-3.3',
    use: { outputsTrainOtherModels: true, distributesWeights: true },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use'],
    rules: ['output-training-conditional', 'pass-through'],
    obligations: ['name beginning with "Llama"'],
  },
  {
    name: 'Llama 3 fine-tuned and distributed: name begins with "Llama 3", pass on, notice',
    license: 'llama-3',
    use: { fineTunes: true, distributesWeights: true },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use', '1.b.iii Redistribution and Use', '1.a Grant of Rights'],
    rules: ['derivative-naming', 'pass-through', 'notice-required', 'redistribution-conditional', 'output-training-family-scope'],
    obligations: ['Begin the name of the fine-tuned model with “Llama 3”', 'Ship the Meta Llama 3 Community License Agreement text'],
  },
  {
    name: 'Llama 3.3 fine-tuned and distributed: name begins with "Llama"',
    license: 'llama-3.3',
    use: { fineTunes: true, distributesWeights: true },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use', '1.b.iii Redistribution and Use'],
    rules: ['derivative-naming', 'pass-through', 'notice-required'],
    obligations: ['Begin the name of the fine-tuned model with “Llama”', 'Pass the Llama 3.3 Community License Agreement and its use restrictions on'],
  },
  // -- Llama with a product license: judged on terms ------------------------------------------
  {
    name: 'Llama 3.3 weights shipped in a GPL-3.0-only product: incompatible (no further restrictions)',
    license: 'llama-3.3',
    use: { distributesWeights: true, productLicense: 'GPL-3.0-only' },
    verdict: 'incompatible',
    sections: ['GPL-3.0, section 10', '1.b.i Redistribution and Use'],
    rules: ['product-license:llama-3.3->GPL-3.0-only'],
    product: { judged: true, verdict: 'incompatible' },
  },
  {
    name: 'Llama 3.3 weights shipped in an MIT product: conditional, weights keep their own license',
    license: 'llama-3.3',
    use: { distributesWeights: true, productLicense: 'MIT' },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use'],
    obligations: ['does not cover them'],
    product: { judged: true, verdict: 'conditional' },
  },
  {
    name: 'Llama 3.3 weights shipped in an LGPL-2.1-only product: conditional',
    license: 'llama-3.3',
    use: { distributesWeights: true, productLicense: 'LGPL-2.1-only' },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use'],
    product: { judged: true, verdict: 'conditional' },
  },
  {
    name: 'Llama 3.3 served (not shipped) by a GPL-3.0-only product: product license not judged',
    license: 'llama-3.3',
    use: { distributesWeights: false, productLicense: 'GPL-3.0-only' },
    verdict: 'conditional',
    sections: ['1.b.iv Redistribution and Use'],
    notRules: ['product-license:llama-3.3->GPL-3.0-only'],
    product: { judged: false, verdict: 'compatible' },
  },
  {
    name: 'Llama 3.1 weights in "GPL-2.0-only WITH Classpath-exception-2.0": conditional, separate module',
    license: 'llama-3.1',
    use: { distributesWeights: true, productLicense: 'GPL-2.0-only WITH Classpath-exception-2.0' },
    verdict: 'conditional',
    sections: ['GPL-2.0, section 6'],
    obligations: ['independent module'],
    product: { judged: true, verdict: 'conditional' },
  },
  {
    name: 'Llama 3.3 weights in "GPL-3.0-only OR Apache-2.0": the Apache-2.0 branch carries them',
    license: 'llama-3.3',
    use: { distributesWeights: true, productLicense: 'GPL-3.0-only OR Apache-2.0' },
    verdict: 'conditional',
    sections: ['1.b.i Redistribution and Use'],
    obligations: ['Offer the product under Apache-2.0, not GPL-3.0-only'],
    product: { judged: true, verdict: 'conditional', branch: 'Apache-2.0' },
  },
  // -- Gemma ---------------------------------------------------------------------------------
  {
    name: 'Gemma, commercial: conditional on the prohibited use policy',
    license: 'gemma',
    use: { commercial: true, monthlyActiveUsers: 2_000 * M },
    verdict: 'conditional',
    sections: ['3.2 Use Restrictions'],
    rules: ['acceptable-use-policy'],
    notRules: ['user-cap-exceeded', 'user-cap-watch'],
    obligations: ['https://ai.google.dev/gemma/prohibited_use_policy'],
  },
  {
    name: 'Gemma distributed: restrictions pass to recipients, Notice file',
    license: 'gemma',
    use: { distributesWeights: true },
    verdict: 'conditional',
    sections: ['3.1 Distribution and Redistribution'],
    rules: ['pass-through', 'notice-required', 'redistribution-conditional'],
  },
  {
    name: 'Gemma outputs distilled into another model: a Model Derivative, conditional',
    license: 'gemma',
    use: { outputsTrainOtherModels: true },
    verdict: 'conditional',
    sections: ['1.1(e) Definitions: "Model Derivatives"'],
    rules: ['output-training-conditional'],
    obligations: ['carries the Gemma use restrictions'],
  },
  {
    name: 'Gemma distilled model distributed: restrictions pass on to it',
    license: 'gemma',
    use: { outputsTrainOtherModels: true, distributesWeights: true },
    verdict: 'conditional',
    sections: ['1.1(e) Definitions: "Model Derivatives"', '3.1 Distribution and Redistribution'],
    rules: ['output-training-conditional', 'pass-through'],
    obligations: ['fine-tuned or distilled models'],
  },
  // -- Qwen: 100M MAU, research license ----------------------------------------------------
  {
    name: 'Qwen license, 50M MAU: conditional',
    license: 'qwen',
    use: { commercial: true, monthlyActiveUsers: 50 * M },
    verdict: 'conditional',
    sections: ['4. Restrictions'],
    rules: ['user-cap-watch', 'commercial-use-conditional'],
    obligations: ['100,000,000 monthly active users'],
  },
  {
    name: 'Qwen license, 150M MAU: incompatible, request a license from Alibaba',
    license: 'qwen',
    use: { commercial: true, monthlyActiveUsers: 150 * M },
    verdict: 'incompatible',
    sections: ['4. Restrictions'],
    rules: ['user-cap-exceeded'],
  },
  {
    name: 'Qwen license, outputs train another model: conditional, "Built with Qwen"',
    license: 'qwen',
    use: { outputsTrainOtherModels: true },
    verdict: 'conditional',
    sections: ['5. Rules of use (b)'],
    obligations: ['Built with Qwen'],
  },
  {
    name: 'Qwen research license, commercial: incompatible',
    license: 'qwen-research',
    use: { commercial: true },
    verdict: 'incompatible',
    sections: ['2. Grant of Rights'],
    rules: ['commercial-use-forbidden'],
  },
  {
    name: 'Qwen research license, non-commercial research: conditional',
    license: 'qwen-research',
    use: { commercial: false },
    verdict: 'conditional',
    sections: ['2. Grant of Rights'],
    rules: ['non-commercial-only'],
    obligations: ['non-commercial'],
  },
  // -- Apache-2.0 (Qwen 2.5 7B, QwQ, Mistral 7B, Mixtral) and SPDX combinations ------------
  {
    name: 'Apache-2.0, commercial, served: compatible, resting on the grant',
    license: 'Apache-2.0',
    use: { commercial: true, monthlyActiveUsers: 900 * M, outputsTrainOtherModels: true },
    verdict: 'compatible',
    sections: ['2. Grant of Copyright License'],
    rules: ['grant'],
  },
  {
    name: 'Apache-2.0 weights distributed: ship the license and NOTICE',
    license: 'Apache-2.0',
    use: { distributesWeights: true },
    verdict: 'conditional',
    sections: ['4. Redistribution (a), (d)'],
    rules: ['notice-required'],
  },
  {
    name: 'Apache-2.0 weights in a GPL-3.0-only product: compatible product license',
    license: 'Apache-2.0',
    use: { distributesWeights: true, productLicense: 'GPL-3.0-only' },
    verdict: 'conditional',
    sections: ['4. Redistribution (a), (d)'],
    product: { judged: true, verdict: 'compatible' },
  },
  {
    name: 'Apache-2.0 weights in a GPL-2.0-only product: incompatible',
    license: 'Apache-2.0',
    use: { distributesWeights: true, productLicense: 'GPL-2.0-only' },
    verdict: 'incompatible',
    sections: ['GPL-2.0, section 6', 'Apache-2.0, section 3'],
    rules: ['product-license:Apache-2.0->GPL-2.0-only'],
    product: { judged: true, verdict: 'incompatible' },
  },
  {
    name: 'Apache-2.0 and a GPL-2.0-only product, weights not shipped: not judged, compatible',
    license: 'Apache-2.0',
    use: { distributesWeights: false, productLicense: 'GPL-2.0-only' },
    verdict: 'compatible',
    sections: ['2. Grant of Copyright License'],
    product: { judged: false, verdict: 'compatible' },
  },
  {
    name: 'Apache-2.0 weights in "GPL-2.0+" (deprecated id): conditional, take version 3',
    license: 'Apache-2.0',
    use: { distributesWeights: true, productLicense: 'GPL-2.0+' },
    verdict: 'conditional',
    sections: ['GPL-2.0, section 9'],
    obligations: ['version 3 or later'],
    product: { judged: true, verdict: 'conditional' },
  },
  {
    name: 'Apache-2.0 weights in "MIT OR GPL-2.0-only": compatible through the MIT branch',
    license: 'Apache-2.0',
    use: { distributesWeights: true, productLicense: 'MIT OR GPL-2.0-only' },
    verdict: 'conditional',
    sections: ['4. Redistribution (a), (d)'],
    notRules: ['product-license:Apache-2.0->GPL-2.0-only'],
    obligations: ['Offer the product under MIT, not GPL-2.0-only'],
    product: { judged: true, verdict: 'compatible', branch: 'MIT' },
  },
  {
    name: 'Apache-2.0 weights in "MIT AND GPL-2.0-only": incompatible (every part applies)',
    license: 'Apache-2.0',
    use: { distributesWeights: true, productLicense: 'MIT AND GPL-2.0-only' },
    verdict: 'incompatible',
    sections: ['GPL-2.0, section 6'],
    product: { judged: true, verdict: 'incompatible' },
  },
  {
    name: 'Apache-2.0 weights in "GPL-2.0-only OR LGPL-2.1-only": incompatible (no branch works)',
    license: 'Apache-2.0',
    use: { distributesWeights: true, productLicense: '(GPL-2.0-only OR LGPL-2.1-only)' },
    verdict: 'incompatible',
    sections: ['GPL-2.0, section 6', 'LGPL-2.1, section 10'],
    product: { judged: true, verdict: 'incompatible' },
  },
  // -- MIT (DeepSeek V3-0324 and R1, Phi-4) --------------------------------------------------
  {
    name: 'MIT weights in a GPL-2.0-only product: compatible product license',
    license: 'MIT',
    use: { distributesWeights: true, productLicense: 'GPL-2.0-only' },
    verdict: 'conditional',
    sections: ['Conditions'],
    rules: ['notice-required'],
    product: { judged: true, verdict: 'compatible' },
  },
  {
    name: 'MIT weights in a closed product (LicenseRef-Proprietary): compatible product license',
    license: 'MIT',
    use: { distributesWeights: true, productLicense: 'LicenseRef-Proprietary' },
    verdict: 'conditional',
    sections: ['Conditions'],
    product: { judged: true, verdict: 'compatible' },
  },
  {
    name: 'MIT weights in "AGPL-3.0-or-later AND CC-BY-NC-4.0": compatible product license',
    license: 'MIT',
    use: { distributesWeights: true, productLicense: 'AGPL-3.0-or-later AND CC-BY-NC-4.0' },
    verdict: 'conditional',
    sections: ['Conditions'],
    product: { judged: true, verdict: 'compatible' },
  },
  {
    name: 'MIT (DeepSeek R1), commercial, outputs train another model: compatible',
    license: 'MIT',
    use: { commercial: true, outputsTrainOtherModels: true, fineTunes: true },
    verdict: 'compatible',
    sections: ['Permission notice'],
  },
  // -- DeepSeek model license ---------------------------------------------------------------
  {
    name: 'DeepSeek model license, commercial: conditional on the Attachment A restrictions',
    license: 'deepseek-model',
    use: { commercial: true, monthlyActiveUsers: 900 * M },
    verdict: 'conditional',
    sections: ['5. Use-based restrictions; Attachment A'],
    rules: ['acceptable-use-policy'],
  },
  {
    name: 'DeepSeek model license, distributed: use restrictions passed down',
    license: 'deepseek-model',
    use: { distributesWeights: true, fineTunes: true },
    verdict: 'conditional',
    sections: ['4. Distribution and Redistribution (a)', '4. Distribution and Redistribution (b)'],
    rules: ['pass-through', 'notice-required'],
  },
  {
    name: 'DeepSeek model license, distillation: a Derivative of the Model, conditional',
    license: 'deepseek-model',
    use: { outputsTrainOtherModels: true },
    verdict: 'conditional',
    sections: ['1. Definitions: "Derivatives of the Model"'],
    rules: ['output-training-conditional'],
  },
  {
    name: 'DeepSeek model weights in an AGPL-3.0-only product: incompatible',
    license: 'deepseek-model',
    use: { distributesWeights: true, productLicense: 'AGPL-3.0-only' },
    verdict: 'incompatible',
    sections: ['AGPL-3.0, section 10', '4. Distribution and Redistribution (a)'],
    product: { judged: true, verdict: 'incompatible' },
  },
  // -- CC-BY-NC-4.0 (Command R+) -----------------------------------------------------------
  {
    name: 'CC-BY-NC-4.0, commercial: incompatible',
    license: 'cc-by-nc-4.0',
    use: { commercial: true },
    verdict: 'incompatible',
    sections: ['2(a)(1) License grant'],
    rules: ['commercial-use-forbidden'],
  },
  {
    name: 'CC-BY-NC-4.0, non-commercial: conditional, attribution',
    license: 'cc-by-nc-4.0',
    use: { commercial: false },
    verdict: 'conditional',
    sections: ['2(a)(1) License grant', '3(a) Attribution'],
    rules: ['non-commercial-only', 'attribution'],
  },
  {
    name: 'CC-BY-NC-4.0 weights in an Apache-2.0 product, non-commercial: incompatible (grants commercial use)',
    license: 'cc-by-nc-4.0',
    use: { commercial: false, distributesWeights: true, productLicense: 'Apache-2.0' },
    verdict: 'incompatible',
    sections: ['CC BY-NC 4.0, section 2(a)(1)', '3(a)(1)(C) Attribution'],
    product: { judged: true, verdict: 'incompatible' },
  },
  {
    name: 'CC-BY-NC-4.0 weights in a CC-BY-NC-4.0 product, non-commercial: conditional',
    license: 'cc-by-nc-4.0',
    use: { commercial: false, distributesWeights: true, productLicense: 'CC-BY-NC-4.0' },
    verdict: 'conditional',
    sections: ['CC BY-NC 4.0, section 2(a)(1)'],
    product: { judged: true, verdict: 'conditional' },
  },
  // -- Mistral: research license, non-production license ------------------------------------
  {
    name: 'Mistral Research License, commercial: incompatible, outputs too',
    license: 'mrl',
    use: { commercial: true },
    verdict: 'incompatible',
    sections: ['3.2. Usage Limitation', '4.2. Outputs'],
    rules: ['commercial-use-forbidden', 'output-use-restricted-commercial'],
  },
  {
    name: 'Mistral Research License, research use training on outputs: conditional',
    license: 'mrl',
    use: { commercial: false, outputsTrainOtherModels: true },
    verdict: 'conditional',
    sections: ['3.2. Usage Limitation', '4.2. Outputs'],
    rules: ['non-commercial-only', 'output-use-restricted', 'output-training-conditional'],
  },
  {
    name: 'Mistral Research License, research derivative distributed: restrictions pass on',
    license: 'mrl',
    use: { commercial: false, fineTunes: true, distributesWeights: true },
    verdict: 'conditional',
    sections: ['4.3. Derivatives', '2.2. Distribution of Mistral Model and Derivatives made by or for Mistral AI'],
    rules: ['pass-through', 'notice-required'],
  },
  {
    name: 'Mistral Non-Production License, commercial: incompatible',
    license: 'mnpl',
    use: { commercial: true },
    verdict: 'incompatible',
    sections: ['3.2. Usage Limitation'],
    rules: ['commercial-use-forbidden'],
  },
  // -- Proprietary API terms ------------------------------------------------------------------
  {
    name: 'OpenAI terms, commercial: conditional on the usage policies',
    license: 'proprietary-openai',
    use: { commercial: true, monthlyActiveUsers: 900 * M },
    verdict: 'conditional',
    sections: ['Using our Services: What you can do'],
    rules: ['acceptable-use-policy'],
  },
  {
    name: 'OpenAI outputs training another model: incompatible (competing models)',
    license: 'proprietary-openai',
    use: { outputsTrainOtherModels: true },
    verdict: 'incompatible',
    sections: ['Using our Services: What you cannot do'],
    rules: ['output-training-forbidden'],
  },
  {
    name: 'Anthropic, commercial: compatible, resting on output ownership',
    license: 'proprietary-anthropic',
    use: { commercial: true },
    verdict: 'compatible',
    sections: ['B. Customer Content'],
  },
  {
    name: 'Anthropic outputs training a competing model: incompatible',
    license: 'proprietary-anthropic',
    use: { outputsTrainOtherModels: true },
    verdict: 'incompatible',
    sections: ['D.4 Use Restrictions'],
    rules: ['output-training-forbidden'],
  },
  {
    name: 'Anthropic model "distributed": incompatible, no redistribution',
    license: 'proprietary-anthropic',
    use: { distributesWeights: true },
    verdict: 'incompatible',
    sections: ['D.4 Use Restrictions'],
    rules: ['redistribution-forbidden'],
  },
  {
    name: 'Gemini API outputs training a competing model: incompatible',
    license: 'proprietary-google',
    use: { outputsTrainOtherModels: true },
    verdict: 'incompatible',
    sections: ['Use restrictions'],
    rules: ['output-training-forbidden'],
  },
  {
    name: 'Gemini API "distributed" (sublicensed): incompatible',
    license: 'proprietary-google',
    use: { distributesWeights: true },
    verdict: 'incompatible',
    sections: ['Google APIs Terms of Service: Prohibitions when using our APIs'],
    rules: ['redistribution-forbidden'],
  },
];

function firedRules(result: LicenseCheckResult): string[] {
  return result.reasons.map((reason) => reason.rule);
}

describe('checkLicense on the real catalog terms', () => {
  it('has every license family of the issue in seed/data/licenses.json', () => {
    for (const id of ['llama-2', 'llama-3', 'llama-3.1', 'llama-3.2', 'llama-3.3', 'gemma', 'qwen', 'qwen-research', 'Apache-2.0', 'MIT', 'deepseek-model', 'cc-by-nc-4.0', 'mrl', 'mnpl', 'proprietary-openai', 'proprietary-anthropic', 'proprietary-google']) {
      expect(LICENSES.has(id), id).toBe(true);
    }
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const result = checkLicense(record(testCase.license), testCase.use);
    const context = JSON.stringify(result, null, 2);

    expect(result.verdict, context).toBe(testCase.verdict);
    const sections = result.reasons.map((reason) => reason.section);
    for (const section of testCase.sections) expect(sections, context).toContain(section);
    for (const rule of testCase.rules ?? []) expect(firedRules(result), context).toContain(rule);
    for (const rule of testCase.notRules ?? []) expect(firedRules(result), context).not.toContain(rule);
    for (const text of testCase.obligations ?? []) {
      expect(result.obligations.some((obligation) => obligation.includes(text)), `no obligation contains "${text}"\n${context}`).toBe(true);
    }
    if (testCase.product) expect(result.productLicense, context).toMatchObject(testCase.product);

    // Every reason cites a clause: name, section, quote, URL.
    for (const reason of result.reasons) {
      expect(reason.clause, context).not.toBe('');
      expect(reason.section, context).not.toBe('');
      expect(reason.quote, context).not.toBe('');
      expect(reason.url, context).toMatch(/^https:\/\//);
    }
    // Incompatible and conditional verdicts name the clauses that made them so; a conditional one says what to do.
    if (result.verdict !== 'compatible') expect(result.reasons.some((reason) => reason.verdict === result.verdict), context).toBe(true);
    if (result.verdict === 'conditional') expect(result.obligations.length, context).toBeGreaterThan(0);
    expect(result.license).toEqual({ id: testCase.license, name: record(testCase.license).name, version: record(testCase.license).version });
  });

  it('names the licensor-facing remedy when the user cap is exceeded', () => {
    const result = checkLicense(record('llama-3.3'), { monthlyActiveUsers: 701 * M });
    const reason = result.reasons.find((candidate) => candidate.rule === 'user-cap-exceeded')!;
    expect(reason.message).toContain('701,000,000 monthly active users exceed the 700,000,000 cap');
    expect(reason.message).toContain('needs a separate license from the licensor');
    expect(reason.quote).toContain('700 million monthly active users');
    expect(reason.url).toBe('https://www.llama.com/llama3_3/license/');
  });

  it('uses the newest version of a license with several (Gemma 2025-03-24)', () => {
    expect(record('gemma').version).toBe('2025-03-24');
  });
});

describe('product license expressions', () => {
  it.each([
    ['FOO-1.0', 'FOO-1.0'],
    ['MIT OR Foo-Bar', 'Foo-Bar'],
    ['(MIT AND Apache-2.0) OR NotALicense', 'NotALicense'],
    ['GPL-2.0-only WITH Not-an-exception', 'Not-an-exception'],
    ['MIT_X', 'MIT_X'],
  ])('"%s" is an UnknownSpdxIdError naming "%s" and use.productLicense', (expression, id) => {
    // Whatever the use: an input error is an input error, judged or not.
    for (const distributesWeights of [true, false]) {
      let thrown: unknown;
      try {
        checkLicense(record('Apache-2.0'), { distributesWeights, productLicense: expression });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UnknownSpdxIdError);
      const error = thrown as UnknownSpdxIdError;
      expect(error.id).toBe(id);
      expect(error.field).toBe('use.productLicense');
      expect(error.message).toContain(`"${id}"`);
      expect(error.toInputIssue()).toEqual({ path: 'use.productLicense', message: error.message });
    }
  });

  it('suggests the right case for a known id ("mit" -> "MIT")', () => {
    expect(() => parseSpdxExpression('mit OR Apache-2.0')).toThrow(/did you mean "MIT"/);
    try {
      parseSpdxExpression('apache-2.0');
    } catch (error) {
      expect(error).toMatchObject({ id: 'apache-2.0', suggestion: 'Apache-2.0' });
    }
  });

  it.each(['MIT AND', '(MIT', 'MIT)', 'MIT WITH Apache-2.0', 'MIT OR OR GPL-3.0-only'])('"%s" is an InvalidSpdxExpressionError', (expression) => {
    expect(() => parseSpdxExpression(expression)).toThrow(InvalidSpdxExpressionError);
  });

  it('parses AND, OR, WITH, "+" and LicenseRef, normalising deprecated ids', () => {
    expect(parseSpdxExpression('MIT AND (Apache-2.0 OR GPL-2.0+ WITH Classpath-exception-2.0)')).toEqual({
      kind: 'and',
      left: { kind: 'license', id: 'MIT', written: 'MIT' },
      right: {
        kind: 'or',
        left: { kind: 'license', id: 'Apache-2.0', written: 'Apache-2.0' },
        right: { kind: 'license', id: 'GPL-2.0-or-later', written: 'GPL-2.0+', exception: 'Classpath-exception-2.0' },
      },
    });
    expect(parseSpdxExpression('  LicenseRef-Acme\tOR  MIT ')).toMatchObject({ kind: 'or', left: { id: 'LicenseRef-Acme' } });
  });

  it('asks for a review, not a verdict, for a valid SPDX id outside the table', () => {
    const result = checkLicense(record('llama-3.3'), { distributesWeights: true, productLicense: 'Artistic-2.0' });
    expect(result.verdict).toBe('conditional');
    expect(result.productLicense).toMatchObject({ judged: true, verdict: 'conditional' });
    expect(result.reasons.some((reason) => reason.section === 'Artistic-2.0' && reason.url === 'https://spdx.org/licenses/Artistic-2.0.html')).toBe(true);
  });

  it('every id of the compatibility table is an SPDX id the parser accepts', () => {
    const ids = new Set([...Object.keys(SPDX_LICENSES), ...COMPATIBILITY_TABLE.flatMap((row) => row.inbound)]);
    for (const id of ids) expect(parseSpdxExpression(id)).toMatchObject({ kind: 'license', id });
  });
});

describe('the use schema', () => {
  it('applies the defaults', () => {
    expect(licenseUseSchema.parse({})).toEqual({
      commercial: true,
      monthlyActiveUsers: 0,
      distributesWeights: false,
      fineTunes: false,
      outputsTrainOtherModels: false,
    });
  });

  it.each([
    [{ monthlyActiveUsers: -1 }, 'monthlyActiveUsers', 'cannot be negative'],
    [{ monthlyActiveUsers: 1.5 }, 'monthlyActiveUsers', 'whole number'],
    [{ commercial: 'yes' }, 'commercial', 'use.commercial must be true or false'],
    [{ productLicense: '   ' }, 'productLicense', 'cannot be empty'],
    [{ distributeWeights: true }, '', 'unknown field(s) in use: distributeWeights'],
  ])('rejects %j with a clear message', (input, path, message) => {
    const result = licenseUseSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(path);
    expect(issue.message).toContain(message);
  });

  it('takes a model or a license, exactly one', () => {
    expect(licenseCheckRequestSchema.safeParse({ model: 'llama-3-3-70b' }).success).toBe(true);
    expect(licenseCheckRequestSchema.safeParse({ license: 'MIT', use: { commercial: false } }).success).toBe(true);
    expect(licenseCheckRequestSchema.safeParse({ model: 'x', license: 'MIT' }).success).toBe(false);
    expect(licenseCheckRequestSchema.safeParse({}).success).toBe(false);
  });
});

describe('the rules are data, keyed by term, never by license', () => {
  const termKeys = Object.keys(licenseTermsSchema.shape);

  it('every rule reads a real term and has a unique id', () => {
    for (const rule of LICENSE_RULES) expect(termKeys).toContain(rule.term);
    expect(new Set(LICENSE_RULES.map((rule) => rule.id)).size).toBe(LICENSE_RULES.length);
  });

  it('no engine source names a catalog license', () => {
    const nonSpdxIds = [...LICENSES.values()].filter((license) => !license.spdxId).map((license) => license.id);
    for (const file of ['license-rules.ts', 'license-check.ts', 'spdx-compatibility.ts', 'license-use.schema.ts']) {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      for (const id of nonSpdxIds) expect(source, `${file} names ${id}`).not.toMatch(new RegExp(`['"\`]${id.replace('.', '\\.')}['"\`]`));
    }
  });

  it('a new license is only data: a made-up license with a 1,000-user cap and forbidden output training', () => {
    const terms = licenseTermsSchema.parse({
      commercialUse: { value: 'conditional', section: '§1', quote: 'commercial use under 1,000 users' },
      userCapMau: { value: 1000, section: '§1', quote: 'more than 1,000 monthly active users' },
      outputTraining: { value: 'forbidden', section: '§2', quote: 'no training on outputs' },
    });
    const license = { id: 'acme', name: 'Acme Model License', spdxId: null, url: 'https://example.com/acme', version: '1', terms };
    expect(checkLicense(license, { monthlyActiveUsers: 999 }).verdict).toBe('conditional');
    expect(checkLicense(license, { monthlyActiveUsers: 1001 }).verdict).toBe('incompatible');
    expect(checkLicense(license, { outputsTrainOtherModels: true }).reasons.map((reason) => reason.section)).toContain('§2');
  });
});
