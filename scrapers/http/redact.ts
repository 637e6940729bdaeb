/**
 * Secrets never reach a message or a log line: query parameters that carry credentials, userinfo in
 * URLs, Authorization-like headers and bearer tokens in free text are replaced by REDACTED.
 */

export const REDACTED = 'REDACTED';

/** Query parameter names whose values are secrets (matched case-insensitively, `-` and `_` alike). */
const SECRET_PARAM =
  /^(key|apikey|api_key|x_api_key|token|access_token|refresh_token|id_token|auth|auth_token|authorization|secret|client_secret|password|passwd|pwd|sig|signature|x_amz_signature|x_amz_credential|x_amz_security_token|session_token|hf_token|code)$/i;

/** Header names whose values are secrets. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-goog-api-key)$/i;

export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name.replace(/-/g, '_'));
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/** A URL with secret query values and userinfo replaced; text that is not a URL is redacted as text. */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return redactText(url.toString());
  }
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  // Rebuild the query by hand so untouched parameters keep their exact spelling.
  if (parsed.search) {
    const query = parsed.search
      .slice(1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const rawName = eq === -1 ? pair : pair.slice(0, eq);
        let name = rawName;
        try {
          name = decodeURIComponent(rawName.replace(/\+/g, ' '));
        } catch {
          // keep the raw name
        }
        return isSecretParam(name) && eq !== -1 ? `${rawName}=${REDACTED}` : pair;
      })
      .join('&');
    parsed.search = query;
  }
  return parsed.toString();
}

/** Redacts URLs, `Bearer ...` tokens and `key=value` / `"api_key": "..."` shapes inside free text. */
export function redactText(text: string): string {
  return text
    .replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (match) => redactUrl(match))
    .replace(/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`)
    .replace(/\b(authorization|x-api-key|api-key|cookie)(["']?\s*[:=]\s*["']?)([^"'\s,;}]+(?:\s+[^"'\s,;}]+)?)/gi, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(/([?&\s"']|^)([A-Za-z_-]+)(=)([^&\s"'#]+)/g, (match, lead: string, name: string, eq: string) =>
      isSecretParam(name) ? `${lead}${name}${eq}${REDACTED}` : match,
    )
    .replace(/(["'])([A-Za-z_-]+)\1(\s*:\s*)(["'])[^"']*\4/g, (match, q: string, name: string, sep: string, vq: string) =>
      isSecretParam(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : match,
    );
}

/** A copy of the headers safe to log. */
export function redactHeaders(headers: Record<string, string> | Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) out[name] = isSecretHeader(name) ? REDACTED : redactText(value);
  return out;
}
