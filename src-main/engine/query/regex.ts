// The one definition of how `matches` patterns are compiled, shared by the compiler's check and SQLite's REGEXP.

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

/** JavaScript regex, case-insensitive like the rest of the language. Throws SyntaxError when invalid. */
export function compileUserRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'i');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/**
 * Implementation for `db.function('regexp', { deterministic: true }, sqliteRegexp)`: SQLite calls
 * regexp(pattern, value) for `value REGEXP pattern`. NULL values never match.
 */
export function sqliteRegexp(pattern: unknown, value: unknown): 0 | 1 {
  if (typeof pattern !== 'string' || value === null || value === undefined) return 0;
  const text = typeof value === 'string' ? value : String(value);
  return compileUserRegex(pattern).test(text) ? 1 : 0;
}
