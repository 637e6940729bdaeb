/**
 * Source ids that cannot name a model: rejected with the reason, before any rule runs.
 */

/** Longest id a source may use (the longest real one in the 2026 snapshots is under 90). */
export const MAX_SOURCE_ID_LENGTH = 200;

// C0/C1 control characters, and the invisible bidi / zero-width characters that make two ids look equal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

export type SourceIdCheck = { ok: true; id: string } | { ok: false; reason: string };

/** The trimmed id, or why it is rejected. */
export function checkSourceId(id: unknown): SourceIdCheck {
  if (typeof id !== 'string') return { ok: false, reason: 'id is not a string' };
  const match = CONTROL.exec(id);
  if (match) {
    const code = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
    return { ok: false, reason: `id has a control or invisible character (U+${code.toUpperCase()}) at position ${match.index}` };
  }
  const trimmed = id.trim();
  if (!trimmed) return { ok: false, reason: 'id is empty' };
  if (trimmed.length > MAX_SOURCE_ID_LENGTH) {
    return { ok: false, reason: `id is ${trimmed.length} characters long (more than ${MAX_SOURCE_ID_LENGTH})` };
  }
  if (!/[a-z0-9]/i.test(trimmed)) return { ok: false, reason: 'id has no letter or digit' };
  return { ok: true, id: trimmed };
}
