/** Display formats. Prices arrive as exact decimal strings; they are only rounded for display. */

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdFine = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 6 });

export const DASH = '—';

const num = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};

/** A unit price (USD per 1M tokens): keeps small prices exact, e.g. $0.015. */
export function usdPrice(value: unknown): string {
  const n = num(value);
  if (n === null) return DASH;
  return usdFine.format(n);
}

/** A monthly amount: whole dollars above $100, cents below. */
export function usdMonthly(value: unknown): string {
  const n = num(value);
  if (n === null) return DASH;
  return Math.abs(n) >= 100 ? usdWhole.format(n) : usdCents.format(n);
}

export function integer(value: unknown): string {
  const n = num(value);
  return n === null ? DASH : whole.format(n);
}

/** 128000 -> "128K", 1048576 -> "1M" tokens. */
export function tokens(value: unknown): string {
  const n = num(value);
  if (n === null) return DASH;
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M`;
  if (n >= 1000) return `${+(n / 1000).toFixed(1)}K`;
  return String(n);
}

export function billions(value: unknown): string {
  const n = num(value);
  return n === null ? DASH : `${+n.toFixed(2)}B`;
}

export function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return DASH;
  if (Array.isArray(value)) return value.length ? value.map(text).join(', ') : DASH;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** {"region": "eu"} -> "region eu" */
export function condition(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key.replace(/([A-Z])/g, ' $1').toLowerCase()} ${typeof v === 'number' ? whole.format(v) : String(v)}`)
    .join(', ');
}

/** Commercial-use verdicts with a symbol and words: meaning never carried by colour alone. */
export function commercialUse(value: string | null | undefined): string {
  switch (value) {
    case 'allowed':
      return '✓ allowed';
    case 'conditional':
      return '◐ conditional';
    case 'forbidden':
      return '✗ forbidden';
    default:
      return value ?? DASH;
  }
}

export function verdict(value: string | null | undefined): string {
  switch (value) {
    case 'compatible':
      return '✓ compatible';
    case 'conditional':
      return '◐ conditional';
    case 'incompatible':
      return '✗ incompatible';
    default:
      return value ?? DASH;
  }
}

export const TIER_LABELS: Record<string, string> = {
  'closed-api': 'Closed API',
  'hosted-open': 'Hosted open model',
  'self-hosted': 'Self-hosted',
};

export const tier = (value: string | null | undefined): string => (value ? (TIER_LABELS[value] ?? value) : DASH);

/** "cached_input" -> "cached input" */
export const component = (value: string): string => value.replace(/_/g, ' ');

/** camelCase or kebab-case -> words: "userCapMau" -> "user cap MAU" */
export function words(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .replace(/\bmau\b/gi, 'MAU')
    .replace(/\busd\b/gi, 'USD')
    .replace(/\bspdx\b/gi, 'SPDX')
    .toLowerCase()
    .replace(/\b(mau|usd|spdx)\b/g, (m) => m.toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());
}
