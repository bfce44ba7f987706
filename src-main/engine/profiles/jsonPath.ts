// Reads a dot path inside parsed JSON; keys that themselves contain dots (claim URIs) are matched greedily.

/** Parses a JSON cell; null for non-JSON text, never throws. Only objects and arrays count. */
export function parseJsonCell(text: string): unknown {
  const t = text.trimStart();
  const c = t.charCodeAt(0);
  if (c !== 123 /* { */ && c !== 91 /* [ */) return null;
  try {
    return JSON.parse(t);
  } catch {
    return null;
  }
}

function step(node: unknown, segments: readonly string[], from: number): unknown {
  if (from >= segments.length) return node;
  if (Array.isArray(node)) {
    const seg = segments[from] ?? '';
    return /^\d{1,6}$/.test(seg) ? step(node[Number(seg)], segments, from + 1) : undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const obj = node as Record<string, unknown>;
  // Longest key first, so `claim.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn` finds the URI key.
  for (let end = segments.length; end > from; end--) {
    const key = segments.slice(from, end).join('.');
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      const found = step(obj[key], segments, end);
      if (found !== undefined) return found;
    }
  }
  // Exports differ in key case (Graph camelCase vs LA PascalCase): fall back to a case-insensitive match.
  const want = segments[from]?.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === want) return step(obj[key], segments, from + 1);
  return undefined;
}

/** Value at `path` as text: strings as is, numbers/booleans stringified, objects/arrays as JSON; null when absent. */
export function textAtPath(root: unknown, path: string): string | null {
  const value = step(root, path.split('.'), 0);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
