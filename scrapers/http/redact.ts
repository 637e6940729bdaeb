/**
 * The one place secrets and host-local details are taken out of text.
 *
 * - `redactUrl`, `redactText`, `redactHeaders`: secrets never reach a message or a log line: query
 *   and fragment parameters that carry credentials (by name, also percent-encoded or nested in
 *   another parameter), values shaped like well-known keys (`sk-...`, `hf_...`, `mlk_...`, JWTs),
 *   userinfo in URLs, Authorization-like headers and bearer tokens in free text become REDACTED.
 * - `publicSourceRef`, `fileSourceRef`, `redactPublicText`, `redactError`: what a scrape run keeps
 *   and the public API shows: the above, plus no host-local path (a file becomes `file:<basename>`)
 *   and no database-driver or system-call text (an error is reduced to its kind and code).
 */

export const REDACTED = 'REDACTED';

/** Parameter names whose values are secrets, compared lower-case with `-`, `_`, `.` and spaces removed. */
const SECRET_PARAM_NAMES = new Set([
  'key',
  'apikey',
  'xapikey',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'auth',
  'authtoken',
  'authorization',
  'secret',
  'clientsecret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'sig',
  'signature',
  'xamzsignature',
  'xamzcredential',
  'xamzsecuritytoken',
  'sessiontoken',
  'hftoken',
  'code',
  'credential',
  'credentials',
  'session',
  'sessionid',
  'sid',
  'jwt',
  'bearer',
  'hmac',
  'otp',
  'ticket',
]);
/** Endings that make a name secret (`x-goog-api-key`, `private_token`, `db_password`, `Ocp-Apim-Subscription-Key`). */
const SECRET_PARAM_ENDING =
  /(apikey|accesskey|privatekey|secretkey|masterkey|appkey|clientkey|subscriptionkey|token|secret|password|passwd|passphrase|signature|credentials?|sessionid)$/;
/** Words that make a name secret wherever they stand in it (`token_for_x`, `refreshToken`), but not `max_tokens`. */
const SECRET_PARAM_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'signature',
  'sig',
  'credential',
  'credentials',
  'apikey',
  'key',
  'jwt',
  'bearer',
  'auth',
]);

/** Header names whose values are secrets. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-goog-api-key)$/i;

/** Values that are secrets whatever their name: provider keys, GitHub/HF/Slack/AWS/Google tokens, JWTs, our own keys. */
const SECRET_VALUE =
  /^(?:(?:sk|pk|rk)[-_][A-Za-z0-9_-]{8,}|(?:hf|ghp|gho|ghu|ghs|ghr|glpat|xox[abprs])[-_][A-Za-z0-9_-]{8,}|github_pat_[A-Za-z0-9_]{8,}|mlk_[A-Za-z0-9_-]{4,}|AKIA[0-9A-Z]{12,}|ASIA[0-9A-Z]{12,}|AIza[0-9A-Za-z_-]{20,}|eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*)$/;

export function isSecretParam(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[-_.\s[\]]/g, '');
  if (SECRET_PARAM_NAMES.has(normalized) || SECRET_PARAM_ENDING.test(normalized)) return true;
  const words = name.split(/[-_.\s[\]]+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase());
  return words.some((word) => SECRET_PARAM_WORDS.has(word));
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

export function looksLikeSecretValue(value: string): boolean {
  return SECRET_VALUE.test(value.trim());
}

/** Percent-decoding repeated until it settles (double-encoded names), `+` as space; malformed input left as is. */
function decodeFully(text: string): string {
  let current = text;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current.replace(/\+/g, ' '));
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** A query string or fragment (`a=1&token=x;b=2`, no leading `?`/`#`) with secret values replaced. */
function redactParams(text: string, depth: number): string {
  return text
    .split(/([&;])/)
    .map((part, index) => {
      if (index % 2 === 1 || part === '') return part; // a separator
      const decoded = decodeFully(part);
      const eq = decoded.indexOf('=');
      const name = eq === -1 ? decoded : decoded.slice(0, eq);
      const value = eq === -1 ? '' : decoded.slice(eq + 1);
      if (eq !== -1 && (isSecretParam(name) || looksLikeSecretValue(value))) return `${encodeURIComponent(name)}=${REDACTED}`;
      if (eq === -1 && looksLikeSecretValue(name)) return REDACTED;
      if (eq !== -1 && depth < 3 && /[=@]|:\/\//.test(value)) {
        // A value holding a URL or another query string (`?next=https%3A%2F%2Fu%3Ap%40h`, `?q=a%26token%3Dx`).
        const nested = /^[a-z][a-z0-9+.-]*:/i.test(value) ? redactUrlAt(value, depth + 1) : redactParams(value.replace(/^[?#]/, ''), depth + 1);
        if (nested !== value.replace(/^[?#]/, '') && nested !== value) return `${encodeURIComponent(name)}=${encodeURIComponent(nested)}`;
      }
      return part;
    })
    .join('');
}

/** A path with secret-shaped segments (`/bot/sk-live-...`) and `;token=...` matrix parameters replaced. */
function redactPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      const decoded = decodeFully(segment);
      if (looksLikeSecretValue(decoded)) return REDACTED;
      if (/[;=]/.test(decoded)) {
        const semi = decoded.indexOf(';');
        const redacted = semi === -1 ? redactParams(decoded, 1) : `${decoded.slice(0, semi)};${redactParams(decoded.slice(semi + 1), 1)}`;
        if (redacted !== decoded) return redacted;
      }
      return segment;
    })
    .join('/');
}

/** Textual fallback for something URL-shaped that does not parse: userinfo and parameters only. */
function redactUnparsedUrl(text: string): string {
  return text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, `$1${REDACTED}@`)
    .replace(/([?#])(.*)$/s, (_m, lead: string, rest: string) => `${lead}${redactParams(rest, 1)}`);
}

function redactUrlAt(url: string | URL, depth: number): string {
  const original = url.toString();
  let parsed: URL;
  try {
    parsed = new URL(original);
  } catch {
    return redactUnparsedUrl(original);
  }
  let changed = false;
  if (parsed.username) {
    parsed.username = REDACTED;
    changed = true;
  }
  if (parsed.password) {
    parsed.password = REDACTED;
    changed = true;
  }
  if (parsed.search.length > 1) {
    const query = redactParams(parsed.search.slice(1), depth);
    if (query !== parsed.search.slice(1)) {
      parsed.search = query;
      changed = true;
    }
  }
  if (parsed.hash.length > 1) {
    const fragment = redactParams(parsed.hash.slice(1), depth);
    if (fragment !== parsed.hash.slice(1)) {
      parsed.hash = fragment;
      changed = true;
    }
  }
  if (parsed.pathname && !parsed.pathname.startsWith('//')) {
    const pathname = redactPath(parsed.pathname);
    if (pathname !== parsed.pathname) {
      try {
        parsed.pathname = pathname;
        changed = true;
      } catch {
        // opaque path (mailto:, data:): left to the text rules below
      }
    }
  }
  // Untouched URLs keep their exact spelling.
  return changed ? parsed.toString() : original;
}

/** A URL with secret query/fragment values, secret-shaped path segments and userinfo replaced; text that is not a URL is redacted as text. */
export function redactUrl(url: string | URL): string {
  const text = url.toString();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text.trim())) return redactText(text);
  return redactUrlAt(text.trim(), 0);
}

/** Redacts URLs (any scheme), `Bearer ...` tokens, secret-shaped values and `key=value` / `"api_key": "..."` shapes inside free text. */
export function redactText(text: string): string {
  return text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi, (match) => redactUrlAt(match, 0))
    .replace(/\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`)
    .replace(
      /\b(authorization|proxy-authorization|x-api-key|api-key|cookie|set-cookie)(["']?\s*[:=]\s*["']?)([^"'\s,;}]+(?:\s+[^"'\s,;}]+)?)/gi,
      (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
    )
    .replace(/([?&;\s"'(,]|^)([A-Za-z0-9_.%-]+)(=)([^&;\s"'#)]+)/g, (match, lead: string, name: string, eq: string) =>
      isSecretParam(decodeFully(name)) ? `${lead}${name}${eq}${REDACTED}` : match,
    )
    .replace(/(["'])([A-Za-z0-9_-]+)\1(\s*:\s*)(["'])[^"']*\4/g, (match, q: string, name: string, sep: string, vq: string) =>
      isSecretParam(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : match,
    )
    .replace(
      /(?<![A-Za-z0-9_-])(?:(?:sk|pk|rk)[-_][A-Za-z0-9_-]{8,}|(?:hf|ghp|gho|ghu|ghs|ghr|glpat|xox[abprs])[-_][A-Za-z0-9_-]{8,}|github_pat_[A-Za-z0-9_]{8,}|mlk_[A-Za-z0-9_-]{4,}|AKIA[0-9A-Z]{12,}|AIza[0-9A-Za-z_-]{20,}|eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*)/g,
      REDACTED,
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

// ---------------------------------------------------------------------------------------------
// What a scrape run stores and the public API shows: no secret, no host-local path, no driver text.

/** The last segment of a POSIX or Windows path (or file URL path), secrets and control characters removed. */
function fileName(pathText: string): string {
  const last =
    pathText
      .split(/[\\/]+/)
      .filter(Boolean)
      .pop() ?? '';
  const printable = [...decodeFully(last)].filter((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f).join('');
  const name = redactText(printable).slice(0, 200);
  return looksLikeSecretValue(name) ? REDACTED : name;
}

/** A local file as a run shows it: `file:<basename>`, never its directory. */
export function fileSourceRef(filePath: string): string {
  const text = filePath.trim();
  if (/^file:/i.test(text)) {
    try {
      return `file:${fileName(new URL(text).pathname)}`;
    } catch {
      return `file:${fileName(text.replace(/^file:\/*/i, ''))}`;
    }
  }
  return `file:${fileName(text)}`;
}

/** Looks like a file-system path rather than a URL: absolute, home, relative with ./ or ../, Windows drive or UNC. */
function looksLikePath(text: string): boolean {
  return /^(?:\/|~[\\/]|\.{1,2}[\\/]|[A-Za-z]:[\\/]|\\\\)/.test(text);
}

/**
 * Where a run's payload came from, as stored and shown: a URL with its secrets redacted, a local
 * file (path or file: URL) as `file:<basename>`, anything else as redacted text.
 */
export function publicSourceRef(ref: string | null | undefined): string | null {
  if (ref === null || ref === undefined) return null;
  const text = ref.trim();
  if (!text) return null;
  if (/^file:/i.test(text) || looksLikePath(text)) return fileSourceRef(text);
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return redactUrl(text);
  return redactPublicText(text);
}

const PATH_LEAD = String.raw`(^|[\s'"\x60(\[=,:<>])`;
/** Absolute POSIX paths of two or more segments, ~/ ./ ../ paths, Windows drive and UNC paths. */
const LOCAL_PATH = new RegExp(
  PATH_LEAD +
    String.raw`((?:\/(?:[^\s'"\x60()\[\],:<>/]+\/)+[^\s'"\x60()\[\],:<>]*)|(?:(?:~|\.{1,2})[\\/][^\s'"\x60()\[\],<>]+)|(?:[A-Za-z]:[\\/][^\s'"\x60()\[\],<>]*)|(?:\\\\[^\s'"\x60()\[\],<>]+))`,
  'g',
);

/**
 * Free text safe for a public answer: secrets redacted (redactText), file: URLs and local paths
 * reduced to `file:<basename>`, and any of `knownPaths` (the file a run read) replaced wherever it
 * appears, even when relative.
 */
export function redactPublicText(text: string, knownPaths: readonly string[] = []): string {
  let out = text;
  for (const known of [...knownPaths].filter((p) => p.trim().length > 1).sort((a, b) => b.length - a.length)) {
    out = out.split(known).join(fileSourceRef(known));
  }
  out = out.replace(/\bfile:\/\/[^\s"'<>`)]*/gi, (match) => fileSourceRef(match));
  out = redactText(out);
  return out.replace(LOCAL_PATH, (_m, lead: string, found: string) => `${lead}${fileSourceRef(found)}`);
}

const SQLSTATE_NAMES: Record<string, string> = {
  '23505': 'unique_violation',
  '23514': 'check_violation',
  '23502': 'not_null_violation',
  '23503': 'foreign_key_violation',
  '22003': 'numeric_value_out_of_range',
  '22P02': 'invalid_text_representation',
  '22001': 'string_data_right_truncation',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '53300': 'too_many_connections',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
  '08006': 'connection_failure',
};

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
};

type ErrorFields = Error & {
  code?: unknown;
  severity?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
  address?: unknown;
  table?: unknown;
  constraint?: unknown;
  column?: unknown;
};

/**
 * An error as a run records it and the public sees it. Database errors become their SQLSTATE
 * (with the table/constraint when known: our own schema, never the driver's message or a host);
 * file-system errors name the file by its basename; connection errors keep their code, not the
 * address; anything else keeps its message, redacted. `knownPaths` are paths the caller read.
 */
export function redactError(error: unknown, knownPaths: readonly string[] = []): string {
  if (!(error instanceof Error)) return redactPublicText(String(error), knownPaths);
  const e = error as ErrorFields;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && typeof e.severity === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    // A PostgreSQL error. Our own RAISE EXCEPTION messages (P0001, e.g. the append-only triggers) are ours to show.
    if (code === 'P0001') return redactPublicText(e.message, knownPaths);
    const where = [
      typeof e.table === 'string' ? `table ${e.table}` : '',
      typeof e.constraint === 'string' ? `constraint ${e.constraint}` : '',
      typeof e.column === 'string' ? `column ${e.column}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `the database refused the operation: ${SQLSTATE_NAMES[code] ?? 'error'} (SQLSTATE ${code})${where ? ` on ${where}` : ''}`;
  }
  if (
    code &&
    /^E[A-Z_]+$/.test(code) &&
    (typeof e.syscall === 'string' || typeof e.path === 'string' || typeof e.address === 'string' || error instanceof AggregateError)
  ) {
    const what = SYSTEM_ERRORS[code] ?? 'system error';
    if (typeof e.path === 'string') {
      const syscall = typeof e.syscall === 'string' ? `${e.syscall} ` : '';
      return `cannot ${syscall}${fileSourceRef(e.path)}: ${what} (${code})`;
    }
    if (typeof e.address === 'string' || error instanceof AggregateError || /^(ECONN|EHOST|ENET|ETIMEDOUT|ENOTFOUND|EAI_|EPIPE)/.test(code)) {
      return `connection failed: ${what} (${code})`;
    }
    // A file-system error that names no path (EISDIR from read): the file the caller read, by name.
    const file = knownPaths.find((known) => known.trim() && !/^file:/i.test(known));
    const syscall = typeof e.syscall === 'string' ? `${e.syscall} ` : '';
    return `cannot ${syscall}${file ? fileSourceRef(file) : 'the file'}: ${what} (${code})`;
  }
  return redactPublicText(error.message || error.name, [...knownPaths, ...(typeof e.path === 'string' ? [e.path] : [])]);
}
