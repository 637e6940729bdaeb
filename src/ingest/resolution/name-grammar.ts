/**
 * The grammar of model names, shared by every rule: version spellings ("3.3", "v3p3", "3-3",
 * "3_3"), sizes ("70b", "1.5b"), mixture-of-experts shapes ("235b-a22b", "17b-128e", "8x7b") and
 * dates ("2024-08-06", "20251101", "0324", "2507", "08-2024").
 */

/**
 * The loose name every rule reads: lower-case, words and numbers joined by "-", version dots
 * written as "-" ("llama-3.3-70b" and "llama-v3p3-70b" -> "llama-3-3-70b"), decimal sizes keeping
 * their dot ("1.5b").
 */
export function looseName(text: string): string {
  let name = text.trim().toLowerCase();
  name = versionSpelling(name);
  name = name.replace(/(\d+)\.(\d+)(?=[bmt](?:[-_\s/:@]|$))/g, '$1\u0000$2'); // protect decimal sizes
  name = name.replace(/[^a-z0-9\u0000]+/g, '-');
  name = name.replace(/\u0000/g, '.');
  return name.replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
}

/** "v3p3" -> "v3.3", "1p5b" -> "1.5b", "3_3" -> "3.3". */
export function versionSpelling(text: string): string {
  return text
    .replace(/(\d)_(\d)/g, '$1.$2')
    .replace(/v(\d+)p(\d+)/g, 'v$1.$2')
    .replace(/(\d)p(\d)/g, '$1.$2');
}

/** Loose name that keeps every dot (for reading sizes): "Qwen2.5-1.5B" -> "qwen2.5-1.5b". */
export function dottedName(text: string): string {
  return versionSpelling(text.trim().toLowerCase())
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

export interface NameParameters {
  totalB?: number;
  activeB?: number;
  /** The tokens read: "235b-a22b". */
  tokens: string;
}

const SIZE = /^(\d+(?:\.\d+)?)([bmt])$/;
const ACTIVE = /^a(\d+(?:\.\d+)?)b$/;
const EXPERTS_X = /^(\d+)x(\d+(?:\.\d+)?)b$/;
const EXPERTS_E = /^(\d+)e$/;

function billions(value: string, unit: string): number {
  const number = Number(value);
  return unit === 't' ? number * 1000 : unit === 'm' ? number / 1000 : number;
}

/**
 * Sizes written in a name. A one-digit size right after a lone "0" or "1" ("qwen-1-5b",
 * "llama-3-1-8b") is ambiguous (a "1.5B" written with a hyphen, or version 3.1 then 8B?) and is
 * not read; the same model's other ids ("Qwen2.5-1.5B", "Llama-3.1-8B") say it plainly.
 */
export function parametersFromName(text: string): NameParameters | undefined {
  const tokens = dottedName(text).split('-');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const before = tokens[i - 1];
    const ambiguous = before !== undefined && /^[01]$/.test(before) && /^\d[bm]$/.test(token);
    let match: RegExpExecArray | null;
    if ((match = EXPERTS_X.exec(token))) {
      return undefined; // "8x7b": total is not 8 x 7 (shared layers); KNOWN_PARAMETERS has the real figures
    }
    if ((match = SIZE.exec(token)) && !ambiguous) {
      const totalB = billions(match[1]!, match[2]!);
      const next = tokens[i + 1];
      const active = next ? ACTIVE.exec(next) : null;
      if (active) return { totalB, activeB: Number(active[1]), tokens: `${token}-${next}` };
      const experts = next ? EXPERTS_E.exec(next) : null;
      // "17b-128e" (Llama 4): 17B is the active size; the total is not in the name.
      if (experts) return { activeB: totalB, tokens: `${token}-${next}` };
      return { totalB, tokens: token };
    }
  }
  return undefined;
}

/** Trailing date-like tokens of a loose name, longest first. Group 1 is the date text. */
export const DATE_SUFFIXES: ReadonlyArray<{ id: string; pattern: RegExp; always?: boolean; onlyFamilies?: readonly string[] }> = [
  { id: 'date:iso', pattern: /-(20\d\d-(?:0[1-9]|1[0-2])-[0-3]\d)$/, always: true },
  { id: 'date:yyyymmdd', pattern: /-(20\d\d(?:0[1-9]|1[0-2])[0-3]\d)$/, always: true },
  { id: 'date:yymmdd', pattern: /-(2[3-9](?:0[1-9]|1[0-2])[0-3]\d)$/, always: true },
  { id: 'date:mm-yyyy', pattern: /-((?:0[1-9]|1[0-2])-20\d\d)$/ },
  { id: 'date:mm-dd', pattern: /-((?:0[1-9]|1[0-2])-[0-3]\d)$/ },
  { id: 'date:4-digit', pattern: /-(\d{4})$/ },
  // Google's "-001" model versions; elsewhere ("davinci-002", "text-embedding-ada-002") three digits are the name.
  { id: 'date:3-digit', pattern: /-(0\d\d)$/, onlyFamilies: ['gemini', 'google-media', 'google-legacy'] },
];

/** True when the name still carries a version number (so a date can go without losing the model). */
export function hasVersion(name: string): boolean {
  return /\d/.test(name.replace(/^[a-z]+-?/, ''));
}
