/**
 * Product-license compatibility: can the model's licensed materials (weights, and anything shipped with
 * them) go into a product released under the caller's SPDX license expression?
 *
 * - The product expression is parsed with `spdx-expression-parse` (AND / OR / WITH, "+", LicenseRef-…).
 *   An id the SPDX license list does not hold is an input error: UnknownSpdxIdError names it and the field.
 * - A model license with an SPDX id in the table below (Apache-2.0, MIT, CC-BY-NC-4.0…) is judged by the
 *   table: inbound license -> which outbound product licenses may carry it.
 * - A model license without one (Llama, Gemma, Qwen, DeepSeek, Mistral research, proprietary terms) is
 *   judged by its terms: a product license that forbids further restrictions (GPL family, CC BY-SA)
 *   cannot carry materials whose terms impose use restrictions.
 * - OR: the product may be offered under any branch, so the best branch decides (and is named).
 *   AND: every part applies, so the worst decides.
 * - WITH: the exception is judged with its license; an exception that lets independent modules be linked
 *   under their own terms (Classpath-exception-2.0) turns "incompatible" into "conditional on keeping the
 *   model a separate module".
 * Pure data and pure functions: no I/O.
 */
import parseSpdx from 'spdx-expression-parse';

import type { LicenseTerms } from '../../catalog/licenses/license-terms.js';
import { bestVerdict, type LicenseReason, type TermKey, type Verdict, worstVerdict } from './license-rules.js';

// ------------------------------------------------------------------------------------------------
// Input errors
// ------------------------------------------------------------------------------------------------

/** An input problem of a license check; `field` is the dotted path of the offending input field. */
export abstract class LicenseCheckInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }

  /** The shape common/errors.ts's InvalidInputException takes: `new InvalidInputException([error.toInputIssue()])`. */
  toInputIssue(): { path: string; message: string } {
    return { path: this.field, message: this.message };
  }
}

/** A license or exception id the SPDX license list does not hold. */
export class UnknownSpdxIdError extends LicenseCheckInputError {
  constructor(
    readonly id: string,
    readonly expression: string,
    field = 'use.productLicense',
    /** A known id that differs only in case, e.g. "MIT" for "mit". */
    readonly suggestion?: string,
  ) {
    super(
      `unknown SPDX license id "${id}" in "${expression}"` +
        (suggestion ? `; did you mean "${suggestion}"? (SPDX ids are case-sensitive here)` : '; see https://spdx.org/licenses/'),
      field,
    );
    this.name = 'UnknownSpdxIdError';
  }
}

/** An expression that is not SPDX syntax ("MIT AND", "(MIT", "MIT WITH Apache-2.0"). */
export class InvalidSpdxExpressionError extends LicenseCheckInputError {
  constructor(
    readonly expression: string,
    readonly detail: string,
    field = 'use.productLicense',
  ) {
    super(`invalid SPDX license expression "${expression}": ${detail}`, field);
    this.name = 'InvalidSpdxExpressionError';
  }
}

// ------------------------------------------------------------------------------------------------
// Parsing
// ------------------------------------------------------------------------------------------------

export type SpdxExpression =
  | {
      kind: 'license';
      /** The id judged: deprecated ids and "+" normalised ("GPL-2.0+" -> "GPL-2.0-or-later"). */
      id: string;
      /** As written in the expression. */
      written: string;
      exception?: string;
    }
  | { kind: 'and' | 'or'; left: SpdxExpression; right: SpdxExpression };

/** Deprecated SPDX ids still accepted by the parser, mapped to their current ids. */
const DEPRECATED_IDS: Record<string, string> = {
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-3.0': 'GPL-3.0-only',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-3.0': 'LGPL-3.0-only',
  'AGPL-3.0': 'AGPL-3.0-only',
};

function normaliseId(license: string, plus: boolean): string {
  const id = DEPRECATED_IDS[license] ?? license;
  if (plus && id.endsWith('-only')) return id.slice(0, -'-only'.length) + '-or-later';
  return id;
}

function fromParsed(node: parseSpdx.Info): SpdxExpression {
  if ('conjunction' in node) return { kind: node.conjunction, left: fromParsed(node.left), right: fromParsed(node.right) };
  const written = node.license + (node.plus ? '+' : '');
  return {
    kind: 'license',
    id: normaliseId(node.license, node.plus === true),
    written,
    ...(node.exception ? { exception: node.exception } : {}),
  };
}

/** The word (between spaces and parentheses) around a character offset. */
function wordAt(source: string, offset: number): string {
  let start = offset;
  let end = offset;
  while (start > 0 && !/[\s()]/.test(source[start - 1]!)) start--;
  while (end < source.length && !/[\s()]/.test(source[end]!)) end++;
  return source.slice(start, end);
}

/**
 * Parses an SPDX license expression. Throws UnknownSpdxIdError for an id that is not on the SPDX license
 * list (or exception list), InvalidSpdxExpressionError for anything else that is not SPDX syntax.
 */
export function parseSpdxExpression(expression: string, field = 'use.productLicense'): SpdxExpression {
  const source = expression.replace(/\s+/g, ' ').trim();
  if (source === '') throw new InvalidSpdxExpressionError(expression, 'empty expression', field);
  try {
    return fromParsed(parseSpdx(source));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unexpected = /^Unexpected `.` at offset (\d+)$/.exec(message);
    if (unexpected) {
      const word = wordAt(source, Number(unexpected[1]));
      if (/[A-Za-z0-9]/.test(word)) {
        const suggestion = Object.keys(SPDX_LICENSES).find((id) => id.toLowerCase() === word.toLowerCase());
        throw new UnknownSpdxIdError(word, source, field, suggestion);
      }
      throw new InvalidSpdxExpressionError(source, `unexpected "${word}"`, field);
    }
    // spdx-expression-parse reports a dangling operator ("MIT AND") as a TypeError on null.
    const detail = /Cannot read properties of null|^$/.test(message) ? 'incomplete expression' : message;
    throw new InvalidSpdxExpressionError(source, detail, field);
  }
}

export function formatSpdxExpression(node: SpdxExpression, parent?: 'and' | 'or'): string {
  if (node.kind === 'license') return node.exception ? `${node.written} WITH ${node.exception}` : node.written;
  const text = `${formatSpdxExpression(node.left, node.kind)} ${node.kind.toUpperCase()} ${formatSpdxExpression(node.right, node.kind)}`;
  return parent && parent !== node.kind ? `(${text})` : text;
}

// ------------------------------------------------------------------------------------------------
// The table: SPDX licenses the engine knows, their clauses, and inbound -> outbound compatibility
// ------------------------------------------------------------------------------------------------

export interface Clause {
  section: string;
  quote: string;
  url: string;
}

export type SpdxCategory = 'permissive' | 'weak-copyleft' | 'strong-copyleft' | 'non-commercial' | 'proprietary';

const GNU = 'https://www.gnu.org/licenses';

/** Clauses the compatibility table rests on, quoted from the license texts. */
export const CLAUSES = {
  gpl2NoFurtherRestrictions: {
    section: 'GPL-2.0, section 6',
    quote: "You may not impose any further restrictions on the recipients' exercise of the rights granted herein.",
    url: `${GNU}/old-licenses/gpl-2.0.html`,
  },
  gpl2WholeWork: {
    section: 'GPL-2.0, section 2(b)',
    quote:
      'You must cause any work that you distribute or publish, that in whole or in part contains or is derived from the Program or any part thereof, to be licensed as a whole at no charge to all third parties under the terms of this License.',
    url: `${GNU}/old-licenses/gpl-2.0.html`,
  },
  gpl2LaterVersion: {
    section: 'GPL-2.0, section 9',
    quote:
      'If the Program specifies a version number of this License which applies to it and "any later version", you have the option of following the terms and conditions either of that numbered version or of any later version published by the Free Software Foundation.',
    url: `${GNU}/old-licenses/gpl-2.0.html`,
  },
  lgpl21NoFurtherRestrictions: {
    section: 'LGPL-2.1, section 10',
    quote: "You may not impose any further restrictions on the recipients' exercise of the rights granted herein.",
    url: `${GNU}/old-licenses/lgpl-2.1.html`,
  },
  gpl3NoFurtherRestrictions: {
    section: 'GPL-3.0, section 10',
    quote: 'You may not impose any further restrictions on the exercise of the rights granted or affirmed under this License.',
    url: `${GNU}/gpl-3.0.html`,
  },
  gpl3WholeWork: {
    section: 'GPL-3.0, section 5(c)',
    quote: 'You must license the entire work, as a whole, under this License to anyone who comes into possession of a copy.',
    url: `${GNU}/gpl-3.0.html`,
  },
  gpl3WithAgpl: {
    section: 'GPL-3.0, section 13',
    quote:
      'you have permission to link or combine any covered work with a work licensed under version 3 of the GNU Affero General Public License into a single combined work, and to convey the resulting work.',
    url: `${GNU}/gpl-3.0.html`,
  },
  lgpl3IsGpl3: {
    section: 'LGPL-3.0, preamble (GPL-3.0, section 10 applies)',
    quote:
      'This version of the GNU Lesser General Public License incorporates the terms and conditions of version 3 of the GNU General Public License, supplemented by the additional permissions listed below.',
    url: `${GNU}/lgpl-3.0.html`,
  },
  agpl3NoFurtherRestrictions: {
    section: 'AGPL-3.0, section 10',
    quote: 'You may not impose any further restrictions on the exercise of the rights granted or affirmed under this License.',
    url: `${GNU}/agpl-3.0.html`,
  },
  agpl3WholeWork: {
    section: 'AGPL-3.0, section 5(c)',
    quote: 'You must license the entire work, as a whole, under this License to anyone who comes into possession of a copy.',
    url: `${GNU}/agpl-3.0.html`,
  },
  agpl3Network: {
    section: 'AGPL-3.0, section 13',
    quote:
      'your modified version must prominently offer all users interacting with it remotely through a computer network … an opportunity to receive the Corresponding Source of your version',
    url: `${GNU}/agpl-3.0.html`,
  },
  apachePatentTermination: {
    section: 'Apache-2.0, section 3',
    quote:
      'If You institute patent litigation against any entity … alleging that the Work or a Contribution incorporated within the Work constitutes direct or contributory patent infringement, then any patent licenses granted to You under this License for that Work shall terminate as of the date such litigation is filed.',
    url: 'https://www.apache.org/licenses/LICENSE-2.0',
  },
  mplLargerWork: {
    section: 'MPL-2.0, section 3.3',
    quote:
      'You may create and distribute a Larger Work under terms of Your choice, provided that You also comply with the requirements of this License for the Covered Software.',
    url: 'https://www.mozilla.org/en-US/MPL/2.0/',
  },
  ccBySaShareAlike: {
    section: 'CC BY-SA 4.0, section 3(b)(1)',
    quote:
      'The Adapter’s License You apply must be a Creative Commons license with the same License Elements, this version or later, or a BY-SA Compatible License.',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/legalcode',
  },
  ccBySaNoDownstreamRestrictions: {
    section: 'CC BY-SA 4.0, section 2(a)(5)(B)',
    quote:
      'You may not offer or impose any additional or different terms or conditions on, or apply any Effective Technological Measures to, the Licensed Material if doing so restricts exercise of the Licensed Rights by any recipient of the Licensed Material.',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/legalcode',
  },
  ccByNcGrant: {
    section: 'CC BY-NC 4.0, section 2(a)(1)',
    quote: 'reproduce and Share the Licensed Material, in whole or in part, for NonCommercial purposes only',
    url: 'https://creativecommons.org/licenses/by-nc/4.0/legalcode',
  },
  ccByNcSaShareAlike: {
    section: 'CC BY-NC-SA 4.0, section 3(b)(1)',
    quote:
      'The Adapter’s License You apply must be a Creative Commons license with the same License Elements, this version or later, or a BY-NC-SA Compatible License.',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode',
  },
} as const satisfies Record<string, Clause>;

export interface SpdxLicenseInfo {
  category: SpdxCategory;
  /** The clause by which the license forbids adding restrictions to what it grants (GPL family, CC BY-SA). */
  noFurtherRestrictions?: Clause;
}

/** The SPDX licenses the compatibility table knows (as product licenses and as model licenses). */
export const SPDX_LICENSES: Record<string, SpdxLicenseInfo> = {
  MIT: { category: 'permissive' },
  'MIT-0': { category: 'permissive' },
  'BSD-2-Clause': { category: 'permissive' },
  'BSD-3-Clause': { category: 'permissive' },
  ISC: { category: 'permissive' },
  '0BSD': { category: 'permissive' },
  Unlicense: { category: 'permissive' },
  'CC0-1.0': { category: 'permissive' },
  Zlib: { category: 'permissive' },
  'BSL-1.0': { category: 'permissive' },
  'CC-BY-4.0': { category: 'permissive' },
  'Apache-2.0': { category: 'permissive' },
  'MPL-2.0': { category: 'weak-copyleft' },
  'LGPL-2.1-only': { category: 'weak-copyleft', noFurtherRestrictions: CLAUSES.lgpl21NoFurtherRestrictions },
  'LGPL-2.1-or-later': { category: 'weak-copyleft', noFurtherRestrictions: CLAUSES.lgpl21NoFurtherRestrictions },
  'LGPL-3.0-only': { category: 'weak-copyleft', noFurtherRestrictions: CLAUSES.lgpl3IsGpl3 },
  'LGPL-3.0-or-later': { category: 'weak-copyleft', noFurtherRestrictions: CLAUSES.lgpl3IsGpl3 },
  'GPL-2.0-only': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.gpl2NoFurtherRestrictions },
  'GPL-2.0-or-later': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.gpl2NoFurtherRestrictions },
  'GPL-3.0-only': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.gpl3NoFurtherRestrictions },
  'GPL-3.0-or-later': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.gpl3NoFurtherRestrictions },
  'AGPL-3.0-only': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.agpl3NoFurtherRestrictions },
  'AGPL-3.0-or-later': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.agpl3NoFurtherRestrictions },
  'CC-BY-SA-4.0': { category: 'strong-copyleft', noFurtherRestrictions: CLAUSES.ccBySaNoDownstreamRestrictions },
  'CC-BY-NC-4.0': { category: 'non-commercial' },
  'CC-BY-NC-SA-4.0': { category: 'non-commercial' },
  'CC-BY-NC-ND-4.0': { category: 'non-commercial' },
};

/** A product under "LicenseRef-…" is judged as a closed (proprietary) product: it grants recipients nothing. */
const PROPRIETARY: SpdxLicenseInfo = { category: 'proprietary' };

/**
 * Exceptions that let independent modules be linked with the licensed work under their own terms: with
 * one, a model that may not be merged into the product can still ship as a separate module.
 */
export const LINKING_EXCEPTIONS: ReadonlySet<string> = new Set(['Classpath-exception-2.0']);

function infoOf(id: string): SpdxLicenseInfo | undefined {
  if (/(^|:)LicenseRef-/.test(id)) return PROPRIETARY;
  return SPDX_LICENSES[id];
}

export type Outbound = '*' | { readonly ids: readonly string[] } | { readonly categories: readonly SpdxCategory[] };

/**
 * One cell group of the table: inbound material under these licenses, in a product under these outbound
 * licenses, gives this verdict. Templates: {inbound}, {outbound}.
 */
export interface CompatibilityEntry {
  readonly into: Outbound;
  readonly verdict: Verdict;
  readonly message: string;
  readonly obligation?: string;
  /** Cite the outbound license's own "no further restrictions" clause first (GPL-2.0 §6, LGPL-2.1 §10…). */
  readonly citeOutboundRestriction?: boolean;
  readonly clauses?: readonly Clause[];
}

export interface CompatibilityRow {
  readonly inbound: readonly string[];
  /** First entry whose `into` matches decides. */
  readonly entries: readonly CompatibilityEntry[];
}

const GPL2_ONLY = ['GPL-2.0-only', 'LGPL-2.1-only'];
const GPL3_FAMILY = ['GPL-3.0-only', 'GPL-3.0-or-later'];
const AGPL3_FAMILY = ['AGPL-3.0-only', 'AGPL-3.0-or-later'];

/**
 * Summary:
 * - permissive (MIT, BSD, ISC, 0BSD, Unlicense, CC0, Zlib, BSL-1.0, CC-BY-4.0) -> into anything;
 * - Apache-2.0 -> into anything but GPL-2.0-only / LGPL-2.1-only (patent terms are further restrictions
 *   to GPLv2); into GPL-2.0-or-later / LGPL-2.1-or-later only by taking the version 3 option;
 * - MPL-2.0, LGPL -> into anything, keeping their files / library under their own license (LGPL-3.0 not
 *   into GPL-2.0-only / LGPL-2.1-only);
 * - GPL / AGPL / CC BY-SA -> only into the same license family (GPL-3.0 <-> AGPL-3.0 per section 13);
 * - CC BY-NC(-SA) -> only into non-commercial or proprietary products, never into a license that grants
 *   commercial use (every OSI license does).
 */
export const COMPATIBILITY_TABLE: readonly CompatibilityRow[] = [
  {
    inbound: ['MIT', 'MIT-0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', '0BSD', 'Unlicense', 'CC0-1.0', 'Zlib', 'BSL-1.0', 'CC-BY-4.0'],
    entries: [{ into: '*', verdict: 'compatible', message: '{inbound} is permissive: it may go into a {outbound} product, its notices kept.' }],
  },
  {
    inbound: ['Apache-2.0'],
    entries: [
      {
        into: { ids: GPL2_ONLY },
        verdict: 'incompatible',
        message:
          'Apache-2.0 material cannot go into a {outbound} product: its patent-termination and indemnity terms are restrictions that version 2 of the GPL does not allow (FSF license list).',
        citeOutboundRestriction: true,
        clauses: [CLAUSES.apachePatentTermination],
      },
      {
        into: { ids: ['GPL-2.0-or-later', 'LGPL-2.1-or-later'] },
        verdict: 'conditional',
        message: 'Apache-2.0 material fits the version 3 option of {outbound}, not version 2.',
        obligation: 'Distribute the combined product under version 3 or later of the GPL/LGPL: the version 2 option of {outbound} cannot carry Apache-2.0 material.',
        clauses: [CLAUSES.gpl2LaterVersion],
      },
      { into: '*', verdict: 'compatible', message: 'Apache-2.0 material may go into a {outbound} product, its NOTICE kept.' },
    ],
  },
  {
    inbound: ['MPL-2.0'],
    entries: [
      {
        into: '*',
        verdict: 'conditional',
        message: 'MPL-2.0 is file-level copyleft: its files keep their license inside a {outbound} product.',
        obligation: 'Keep the MPL-2.0 files under MPL-2.0 and their source available, inside the {outbound} product.',
        clauses: [CLAUSES.mplLargerWork],
      },
    ],
  },
  {
    inbound: ['LGPL-3.0-only', 'LGPL-3.0-or-later'],
    entries: [
      {
        into: { ids: GPL2_ONLY },
        verdict: 'incompatible',
        message: 'LGPL-3.0 material carries GPL-3.0 terms, which version 2 of the GPL does not allow.',
        citeOutboundRestriction: true,
        clauses: [CLAUSES.lgpl3IsGpl3],
      },
      {
        into: '*',
        verdict: 'conditional',
        message: 'LGPL material may go into a {outbound} product as a library users can replace.',
        obligation: 'Keep the {inbound} material a separate, replaceable library and offer its source.',
        clauses: [CLAUSES.lgpl3IsGpl3],
      },
    ],
  },
  {
    inbound: ['LGPL-2.1-only', 'LGPL-2.1-or-later'],
    entries: [
      {
        into: '*',
        verdict: 'conditional',
        message: 'LGPL material may go into a {outbound} product as a library users can replace.',
        obligation: 'Keep the {inbound} material a separate, replaceable library and offer its source.',
        clauses: [CLAUSES.lgpl21NoFurtherRestrictions],
      },
    ],
  },
  {
    inbound: ['GPL-2.0-only'],
    entries: [
      { into: { ids: ['GPL-2.0-only'] }, verdict: 'compatible', message: 'Same license.' },
      {
        into: { ids: ['GPL-2.0-or-later'] },
        verdict: 'conditional',
        message: 'GPL-2.0-only material fixes the combined work at version 2.',
        obligation: 'Distribute the combined product under GPL-2.0-only.',
        clauses: [CLAUSES.gpl2WholeWork],
      },
      { into: '*', verdict: 'incompatible', message: 'GPL-2.0-only material may be distributed only under GPL-2.0, not under {outbound}.', clauses: [CLAUSES.gpl2WholeWork] },
    ],
  },
  {
    inbound: ['GPL-2.0-or-later'],
    entries: [
      { into: { ids: ['GPL-2.0-only', 'GPL-2.0-or-later', ...GPL3_FAMILY] }, verdict: 'compatible', message: 'GPL-2.0-or-later material may go into a {outbound} product.' },
      {
        into: { ids: AGPL3_FAMILY },
        verdict: 'conditional',
        message: 'GPL-2.0-or-later material may join an AGPL-3.0 work through its GPL-3.0 option.',
        obligation: 'Take the GPL-3.0 option of the GPL-2.0-or-later material; the AGPL-3.0 network clause applies to the combination.',
        clauses: [CLAUSES.gpl3WithAgpl, CLAUSES.agpl3Network],
      },
      { into: '*', verdict: 'incompatible', message: 'GPL material may be distributed only under the GPL, not under {outbound}.', clauses: [CLAUSES.gpl2WholeWork] },
    ],
  },
  {
    inbound: GPL3_FAMILY,
    entries: [
      { into: { ids: [...GPL3_FAMILY] }, verdict: 'compatible', message: 'GPL-3.0 material may go into a {outbound} product.' },
      {
        into: { ids: AGPL3_FAMILY },
        verdict: 'conditional',
        message: 'GPL-3.0 material may be combined with an AGPL-3.0 work.',
        obligation: 'Keep the GPL-3.0 part under GPL-3.0; the AGPL-3.0 network clause applies to the combination.',
        clauses: [CLAUSES.gpl3WithAgpl, CLAUSES.agpl3Network],
      },
      { into: '*', verdict: 'incompatible', message: 'GPL-3.0 material may be distributed only under the GPL, not under {outbound}.', clauses: [CLAUSES.gpl3WholeWork] },
    ],
  },
  {
    inbound: AGPL3_FAMILY,
    entries: [
      { into: { ids: AGPL3_FAMILY }, verdict: 'compatible', message: 'AGPL-3.0 material may go into a {outbound} product.' },
      {
        into: { ids: GPL3_FAMILY },
        verdict: 'conditional',
        message: 'AGPL-3.0 material may be combined with a GPL-3.0 work; its network clause stays.',
        obligation: 'Offer the source of the combined work to users who interact with it over a network (AGPL-3.0 section 13).',
        clauses: [CLAUSES.gpl3WithAgpl, CLAUSES.agpl3Network],
      },
      { into: '*', verdict: 'incompatible', message: 'AGPL-3.0 material may be distributed only under the AGPL, not under {outbound}.', clauses: [CLAUSES.agpl3WholeWork] },
    ],
  },
  {
    inbound: ['CC-BY-SA-4.0'],
    entries: [
      {
        into: { ids: ['CC-BY-SA-4.0', ...GPL3_FAMILY] },
        verdict: 'conditional',
        message: 'CC BY-SA 4.0 material may be adapted under {outbound} (a BY-SA compatible license).',
        obligation: 'Release adaptations of the CC BY-SA 4.0 material under {outbound} (ShareAlike).',
        clauses: [CLAUSES.ccBySaShareAlike],
      },
      { into: '*', verdict: 'incompatible', message: 'ShareAlike: CC BY-SA 4.0 material may be adapted only under CC BY-SA 4.0 or GPL-3.0, not {outbound}.', clauses: [CLAUSES.ccBySaShareAlike] },
    ],
  },
  {
    inbound: ['CC-BY-NC-4.0'],
    entries: [
      {
        into: { categories: ['non-commercial', 'proprietary'] },
        verdict: 'conditional',
        message: 'CC BY-NC 4.0 material may go into a {outbound} product that grants no commercial use of it.',
        obligation: 'Keep the CC BY-NC 4.0 material non-commercial inside the {outbound} product: grant no commercial use of it.',
        clauses: [CLAUSES.ccByNcGrant],
      },
      {
        into: '*',
        verdict: 'incompatible',
        message: '{outbound} grants commercial use, which CC BY-NC 4.0 withholds: the material cannot be distributed under it.',
        clauses: [CLAUSES.ccByNcGrant],
      },
    ],
  },
  {
    inbound: ['CC-BY-NC-SA-4.0'],
    entries: [
      {
        into: { ids: ['CC-BY-NC-SA-4.0'] },
        verdict: 'conditional',
        message: 'Same license.',
        obligation: 'Keep the CC BY-NC-SA 4.0 material non-commercial and share adaptations under CC BY-NC-SA 4.0.',
        clauses: [CLAUSES.ccByNcSaShareAlike],
      },
      { into: '*', verdict: 'incompatible', message: 'ShareAlike and NonCommercial: CC BY-NC-SA 4.0 material cannot be distributed under {outbound}.', clauses: [CLAUSES.ccByNcSaShareAlike] },
    ],
  },
];

// ------------------------------------------------------------------------------------------------
// Judging by terms, for model licenses outside the table (Llama, Gemma, Qwen, proprietary terms…)
// ------------------------------------------------------------------------------------------------

/**
 * Terms that restrict what recipients may do with the model: keyed by term, never by license.
 * Order = which clause is cited first when a product license forbids further restrictions.
 */
export const RESTRICTING_TERMS: readonly { term: TermKey; valueIn?: readonly unknown[]; what: string }[] = [
  { term: 'passThrough', valueIn: [true], what: 'use restrictions that pass to every recipient' },
  { term: 'acceptableUsePolicy', what: 'an acceptable use policy' },
  { term: 'commercialUse', valueIn: ['forbidden', 'conditional'], what: 'limits on commercial use' },
  { term: 'outputUseRestricted', valueIn: [true], what: 'limits on the use of outputs' },
  { term: 'userCapMau', what: 'a cap on monthly active users' },
  { term: 'outputTraining', valueIn: ['forbidden', 'family-only'], what: 'a ban on training other models with outputs' },
  { term: 'derivativeNaming', what: 'a naming rule for derivatives' },
  { term: 'redistribution', valueIn: ['forbidden'], what: 'a ban on redistribution' },
];

interface AnyTerm {
  value: unknown;
  section: string;
  quote: string;
  url?: string;
}

function restrictionsOf(terms: LicenseTerms) {
  const found: { term: TermKey; what: string; clause: AnyTerm }[] = [];
  for (const restriction of RESTRICTING_TERMS) {
    const term = terms[restriction.term] as AnyTerm | undefined;
    if (term && (!restriction.valueIn || restriction.valueIn.includes(term.value))) found.push({ term: restriction.term, what: restriction.what, clause: term });
  }
  return found;
}

// ------------------------------------------------------------------------------------------------
// Judging
// ------------------------------------------------------------------------------------------------

/** The model's licensed materials, as they go into the product. */
export interface InboundLicense {
  id: string;
  name: string;
  spdxId?: string | null;
  /** The license version's URL. */
  url: string;
  terms: LicenseTerms;
}

export interface ProductLicenseJudgement {
  verdict: Verdict;
  /** For an OR expression, the branch under which the product can carry the model. */
  branch: string;
  obligations: string[];
  reasons: LicenseReason[];
}

function matches(into: Outbound, id: string, info: SpdxLicenseInfo | undefined): boolean {
  if (into === '*') return true;
  if ('ids' in into) return into.ids.includes(id);
  return info !== undefined && into.categories.includes(info.category);
}

function fill(template: string, inbound: string, outbound: string): string {
  return template.replaceAll('{inbound}', inbound).replaceAll('{outbound}', outbound);
}

function clauseReason(rule: string, verdict: Verdict, clause: Clause | AnyTerm, message: string, fallbackUrl: string): LicenseReason {
  return {
    rule,
    verdict,
    clause: 'Product license compatibility',
    section: clause.section,
    quote: clause.quote,
    url: clause.url ?? fallbackUrl,
    message,
  };
}

function judgeLeafByTable(row: CompatibilityRow, inboundId: string, leaf: Extract<SpdxExpression, { kind: 'license' }>): ProductLicenseJudgement {
  const outbound = leaf.id;
  const info = infoOf(outbound);
  const rule = `product-license:${inboundId}->${outbound}`;
  const entry = row.entries.find((candidate) => matches(candidate.into, outbound, info));
  if (!entry || (info === undefined && entry.verdict !== 'compatible')) return noData(inboundId, leaf);
  const message = fill(entry.message, inboundId, formatSpdxExpression(leaf));
  const clauses = [
    ...(entry.citeOutboundRestriction && info?.noFurtherRestrictions ? [info.noFurtherRestrictions] : []),
    ...(entry.clauses ?? []),
  ];
  const reasons =
    entry.verdict === 'compatible' ? [] : clauses.map((clause) => clauseReason(rule, entry.verdict, clause, message, spdxUrl(outbound)));
  return {
    verdict: entry.verdict,
    branch: formatSpdxExpression(leaf),
    obligations: entry.obligation ? [fill(entry.obligation, inboundId, formatSpdxExpression(leaf))] : [],
    reasons,
  };
}

function judgeLeafByTerms(inbound: InboundLicense, leaf: Extract<SpdxExpression, { kind: 'license' }>): ProductLicenseJudgement {
  const outbound = leaf.id;
  const info = infoOf(outbound);
  const written = formatSpdxExpression(leaf);
  if (!info) return noData(inbound.name, leaf);
  const restrictions = restrictionsOf(inbound.terms);
  const rule = `product-license:${inbound.id}->${outbound}`;
  if (restrictions.length === 0) {
    return { verdict: 'compatible', branch: written, obligations: [], reasons: [] };
  }
  const first = restrictions[0]!;
  const listed = restrictions.map((restriction) => restriction.what).join(', ');
  if (info.category === 'strong-copyleft' && info.noFurtherRestrictions) {
    const message = `${written} forbids further restrictions on recipients, and the ${inbound.name} imposes ${listed}: the model's weights cannot be distributed inside a product under ${written}.`;
    const reasons = [
      clauseReason(rule, 'incompatible', info.noFurtherRestrictions, message, spdxUrl(outbound)),
      clauseReason(rule, 'incompatible', first.clause, message, inbound.url),
    ];
    return { verdict: 'incompatible', branch: written, obligations: [], reasons };
  }
  const verdict: Verdict = 'conditional';
  const message =
    info.category === 'weak-copyleft'
      ? `${written} is weak copyleft: it covers its own files, not separate model files; the ${inbound.name} imposes ${listed}, which must not reach the ${written}-covered code.`
      : `The ${inbound.name} imposes ${listed}; a product under ${written} may ship the model only on those terms.`;
  const obligation =
    info.category === 'weak-copyleft'
      ? `Ship the model's weights as separate files under the ${inbound.name}, not merged into the ${written}-covered code, and put none of its restrictions on that code.`
      : `Ship the model's weights as separate files under the ${inbound.name}, labelled as such: the ${written} product license does not cover them and cannot lift their restrictions.`;
  return {
    verdict,
    branch: written,
    obligations: [obligation],
    reasons: [clauseReason(rule, verdict, first.clause, message, inbound.url)],
  };
}

function noData(inbound: string, leaf: Extract<SpdxExpression, { kind: 'license' }>): ProductLicenseJudgement {
  const written = formatSpdxExpression(leaf);
  const message = `No compatibility data for ${inbound} in a product under ${written}: have it reviewed.`;
  return {
    verdict: 'conditional',
    branch: written,
    obligations: [`Have a lawyer review shipping weights under ${inbound} in a product under ${written}.`],
    reasons: [
      {
        rule: `product-license:${inbound}->${leaf.id}`,
        verdict: 'conditional',
        clause: 'Product license compatibility',
        section: leaf.id,
        quote: `(no compatibility data for ${leaf.id})`,
        url: spdxUrl(leaf.id),
        message,
      },
    ],
  };
}

function spdxUrl(id: string): string {
  return /LicenseRef-/.test(id) ? 'https://spdx.github.io/spdx-spec/v2.3/other-licensing-information-detected/' : `https://spdx.org/licenses/${id}.html`;
}

/** With a linking exception, what may not be merged into the product may still ship as a separate module. */
function softenForException(judgement: ProductLicenseJudgement, leaf: Extract<SpdxExpression, { kind: 'license' }>): ProductLicenseJudgement {
  if (judgement.verdict !== 'incompatible' || !leaf.exception || !LINKING_EXCEPTIONS.has(leaf.exception)) return judgement;
  return {
    verdict: 'conditional',
    branch: judgement.branch,
    obligations: [
      ...judgement.obligations,
      `Ship the model's weights as an independent module loaded at run time, not merged into the ${leaf.id} code: ${leaf.exception} allows that, nothing more.`,
    ],
    reasons: judgement.reasons.map((reason) => ({
      ...reason,
      verdict: 'conditional' as const,
      message: `${reason.message} ${leaf.exception} still lets the model ship as an independent module.`,
    })),
  };
}

function judgeNode(inbound: InboundLicense, node: SpdxExpression): ProductLicenseJudgement {
  if (node.kind === 'license') {
    const inboundId = inbound.spdxId ?? undefined;
    const row = inboundId ? COMPATIBILITY_TABLE.find((candidate) => candidate.inbound.includes(inboundId)) : undefined;
    const judgement = row && inboundId ? judgeLeafByTable(row, inboundId, node) : judgeLeafByTerms(inbound, node);
    return softenForException(judgement, node);
  }
  const left = judgeNode(inbound, node.left);
  const right = judgeNode(inbound, node.right);
  if (node.kind === 'and') {
    return {
      verdict: worstVerdict([left.verdict, right.verdict]),
      branch: formatSpdxExpression(node),
      obligations: [...new Set([...left.obligations, ...right.obligations])],
      reasons: [...left.reasons, ...right.reasons],
    };
  }
  const best = bestVerdict([left.verdict, right.verdict]);
  if (best === 'incompatible') {
    return { verdict: best, branch: formatSpdxExpression(node), obligations: [], reasons: [...left.reasons, ...right.reasons] };
  }
  const chosen = left.verdict === best ? left : right;
  const other = chosen === left ? right : left;
  const obligations = [...chosen.obligations];
  if (other.verdict === 'incompatible') {
    obligations.push(`Offer the product under ${chosen.branch}, not ${other.branch}: only that branch can carry weights under the ${inbound.name}.`);
  }
  return { verdict: best, branch: chosen.branch, obligations, reasons: chosen.reasons };
}

/**
 * Judges the model's licensed materials inside a product under `expression` (a parsed expression or its
 * text; text is parsed and may throw UnknownSpdxIdError / InvalidSpdxExpressionError).
 */
export function judgeProductLicense(inbound: InboundLicense, expression: SpdxExpression | string, field = 'use.productLicense'): ProductLicenseJudgement {
  const tree = typeof expression === 'string' ? parseSpdxExpression(expression, field) : expression;
  return judgeNode(inbound, tree);
}
