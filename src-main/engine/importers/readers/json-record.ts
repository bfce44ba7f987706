// Parses one JSON record iteratively into flat dot-path cells; number literals kept as text (lossless big integers).

export interface FlatRecord {
  /** Dot path → text (null for JSON null). A Map, so `__proto__` keys are plain data. */
  cells: Map<string, string | null>;
  duplicates: string[];
}

export class JsonRecordError extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

interface Frame {
  isArray: boolean;
  path: string;
  /** Object frames: key awaiting its value. */
  key: string;
  /** Offset of `[` for arrays kept whole as text. */
  start: number;
  count: number;
}

/** Removes insignificant whitespace outside strings (arrays are stored as compact JSON text). */
export function compactJson(s: string): string {
  let out = '';
  let from = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inStr = false;
      continue;
    }
    if (c === 0x22) inStr = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += s.slice(from, i);
      from = i + 1;
    }
  }
  return out + s.slice(from);
}

function describe(s: string, i: number): string {
  if (i >= s.length) return 'the record ends too early';
  const snippet = JSON.stringify(s.slice(i, i + 12));
  return `unexpected text ${snippet} at character ${i}`;
}

/**
 * Flattens one record (which must be an object). Nested objects become `a.b.c`; arrays are kept as compact JSON
 * text under their own path; depth is counted from the record root.
 */
export function flattenRecord(s: string, maxDepth: number): FlatRecord {
  const cells = new Map<string, string | null>();
  const duplicates: string[] = [];
  const stack: Frame[] = [];
  let arrayDepth = 0;
  let i = 0;
  const n = s.length;
  const skipWs = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
  };
  const readString = (): string => {
    const start = i;
    let j = i + 1;
    for (;;) {
      j = s.indexOf('"', j);
      if (j === -1) throw new JsonRecordError('unterminated string');
      let bs = 0;
      for (let k = j - 1; s.charCodeAt(k) === 0x5c; k--) bs++;
      if (bs % 2 === 0) break;
      j++;
    }
    i = j + 1;
    try {
      return JSON.parse(s.slice(start, i)) as string;
    } catch {
      throw new JsonRecordError(`invalid string at character ${start}`);
    }
  };
  const put = (path: string, value: string | null): void => {
    if (arrayDepth > 0) return;
    if (cells.has(path)) duplicates.push(path);
    cells.set(path, value);
  };
  const childPath = (): string => {
    const top = stack[stack.length - 1]!;
    return top.path === '' ? top.key : `${top.path}.${top.key}`;
  };

  skipWs();
  if (s.charCodeAt(i) !== 0x7b) throw new JsonRecordError('record is not an object');
  // Each loop turn reads one value in the current context.
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      skipWs();
      const c = s.charCodeAt(i);
      const path = stack.length === 0 ? '' : childPath();
      if (c === 0x7b || c === 0x5b) {
        if (stack.length + 1 > maxDepth) throw new JsonRecordError(`nests deeper than ${maxDepth} levels`);
        const isArray = c === 0x5b;
        if (isArray) arrayDepth++;
        stack.push({ isArray, path, key: '', start: i, count: 0 });
        i++;
        skipWs();
        const close = isArray ? 0x5d : 0x7d;
        if (s.charCodeAt(i) === close) {
          expectValue = false;
          continue;
        }
        if (!isArray) {
          if (s.charCodeAt(i) !== 0x22) throw new JsonRecordError(`expected a key: ${describe(s, i)}`);
          const frame = stack[stack.length - 1]!;
          frame.key = readString();
          frame.count = 1;
          skipWs();
          if (s.charCodeAt(i) !== 0x3a) throw new JsonRecordError(`expected ":": ${describe(s, i)}`);
          i++;
        }
        continue;
      }
      if (c === 0x22) {
        put(path, readString());
      } else if (s.startsWith('true', i)) {
        i += 4; put(path, 'true');
      } else if (s.startsWith('false', i)) {
        i += 5; put(path, 'false');
      } else if (s.startsWith('null', i)) {
        i += 4; put(path, null);
      } else {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(s);
        if (!m) throw new JsonRecordError(describe(s, i));
        i += m[0].length;
        put(path, m[0]);
      }
      expectValue = false;
      continue;
    }
    // After a value: `,` or the container's close.
    skipWs();
    const top = stack[stack.length - 1];
    if (!top) break;
    const c = s.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      top.count++;
      if (!top.isArray) {
        skipWs();
        if (s.charCodeAt(i) !== 0x22) throw new JsonRecordError(`expected a key: ${describe(s, i)}`);
        top.key = readString();
        skipWs();
        if (s.charCodeAt(i) !== 0x3a) throw new JsonRecordError(`expected ":": ${describe(s, i)}`);
        i++;
      }
      expectValue = true;
      continue;
    }
    if (c !== (top.isArray ? 0x5d : 0x7d)) throw new JsonRecordError(describe(s, i));
    i++;
    stack.pop();
    if (top.isArray) {
      arrayDepth--;
      put(top.path, compactJson(s.slice(top.start, i)));
    } else if (top.count === 0 && stack.length > 0) {
      put(top.path, '{}');
    }
    if (stack.length === 0) break;
  }
  skipWs();
  if (i < n) throw new JsonRecordError(`text after the record: ${describe(s, i)}`);
  return { cells, duplicates };
}
