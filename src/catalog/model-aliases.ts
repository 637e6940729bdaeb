/** Aliases are stored and matched lower-cased and trimmed. */
export function normalizeAlias(alias: string): string {
  return alias.trim().toLowerCase();
}
