// Incremental JSON record splitter: text chunks in, one record's original text out at a time (bounded memory).
//   top-level array                → its elements are records               (shape 'array')
//   {"value":[…]} / {"records":[…]} → the wrapped array's elements           (shape 'value' / 'records')
//   any other object               → one record; several top-level values   (shape 'object' / 'lines')
import { ImportError, formatBytes } from './types';

export interface JsonRecordText {
  /** 1-based record index. */
  index: number;
  text: string;
}

const MAX_RECORD_CHARS = 256 * 1024 * 1024;
const WRAPPER_KEYS = new Set(['value', 'records']);

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class JsonSplitter {
  shape = '';
  private buf = '';
  private depth = 0;
  private inString = false;
  private escape = false;
  private strStart = -1;
  /** Depth at which records sit for the current top-level value. */
  private recordDepth = 0;
  private recordStart = -1;
  private topValues = 0;
  private count = 0;
  private expectKey = false;
  private lastKey = '';
  private wrapperKey = '';
  /** Set after `"value": [` until the first element shows whether this is a wrapper. */
  private wrapperPending = false;
  private topIsObject = false;
  private wrapperActive = false;

  constructor(
    private readonly file: string,
    private readonly maxDepth: number,
  ) {}

  feed(chunk: string, out: JsonRecordText[]): void {
    // Keep only the text of a record in progress (or of a key being read).
    const s = this.buf + chunk;
    const base = this.buf.length;
    let i = base;
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.depth === 1 && this.topIsObject && this.expectKey && this.strStart >= 0) {
            this.lastKey = parseKey(s.slice(this.strStart, i + 1));
          }
          this.strStart = -1;
        }
        continue;
      }
      if (isWs(c)) continue;
      if (this.wrapperPending) {
        this.wrapperPending = false;
        if (c === 0x7b || c === 0x5d) {
          // Confirmed wrapper: drop the envelope, records are the array's elements.
          this.recordDepth = 2;
          this.recordStart = -1;
          this.wrapperActive = true;
          this.shape = this.shape || this.wrapperKey;
        }
      }
      if (c === 0x22) {
        if (this.depth > 0 && this.depth === this.recordDepth && this.recordStart < 0) {
          throw new ImportError('JSON record is a string, not an object', this.file, this.count + 1);
        }
        this.inString = true;
        if (this.depth === 1 && this.topIsObject && this.expectKey) this.strStart = i;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        if (this.depth === 0) this.startTopValue(c === 0x7b, i);
        else if (this.depth === this.recordDepth && this.recordStart < 0) {
          if (c !== 0x7b) throw new ImportError('JSON record is an array, not an object', this.file, this.count + 1);
          this.recordStart = i;
        } else if (this.depth === 1 && this.topIsObject && this.recordDepth === 0 && !this.expectKey && c === 0x5b && WRAPPER_KEYS.has(this.lastKey) && !this.wrapperKey) {
          this.wrapperKey = this.lastKey;
          this.wrapperPending = true;
        }
        this.depth++;
        if (this.depth > this.maxDepth + 2) {
          throw new ImportError(`JSON nests deeper than ${this.maxDepth} levels`, this.file, this.count + 1);
        }
        if (this.depth === 1) this.expectKey = c === 0x7b;
        continue;
      }
      if (c === 0x7d || c === 0x5d) {
        if (this.depth === 0) throw new ImportError(`unexpected "${String.fromCharCode(c)}" at the top level of the JSON`, this.file, this.count + 1);
        this.depth--;
        if (this.recordStart >= 0 && this.depth === this.recordDepth) {
          this.count++;
          out.push({ index: this.count, text: s.slice(this.recordStart, i + 1) });
          this.recordStart = -1;
        }
        if (this.wrapperActive && this.depth === 1) {
          // Other arrays in the envelope (after the wrapped one) are not records.
          this.recordDepth = -1;
          this.wrapperActive = false;
        }
        if (this.depth === 0) this.recordDepth = 0;
        continue;
      }
      if (this.depth === 0) {
        throw new ImportError('JSON top-level value is not an object or array', this.file, this.count + 1);
      }
      if (this.depth === 1 && this.topIsObject) {
        if (c === 0x2c) this.expectKey = true;
        else if (c === 0x3a) this.expectKey = false;
      }
      if (this.depth === this.recordDepth && this.recordStart < 0 && c !== 0x2c) {
        throw new ImportError('JSON record is not an object', this.file, this.count + 1);
      }
    }
    const keepFrom = this.recordStart >= 0 ? this.recordStart : this.strStart >= 0 ? this.strStart : n;
    this.buf = s.slice(keepFrom);
    if (this.recordStart >= 0) this.recordStart -= keepFrom;
    if (this.strStart >= 0) this.strStart -= keepFrom;
    if (this.buf.length > MAX_RECORD_CHARS) {
      throw new ImportError(`JSON record is over ${formatBytes(MAX_RECORD_CHARS)}`, this.file, this.count + 1);
    }
  }

  end(): void {
    if (this.depth !== 0 || this.inString) throw new ImportError('JSON text ends in the middle of a value (truncated file?)', this.file, this.count + 1);
    if (this.topValues === 0) throw new ImportError('file holds no JSON value', this.file);
    if (this.topValues > 1) this.shape = 'lines';
    else if (!this.shape) this.shape = this.topIsObject ? 'object' : 'array';
  }

  get records(): number {
    return this.count;
  }

  private startTopValue(isObject: boolean, i: number): void {
    this.topValues++;
    this.topIsObject = isObject;
    this.lastKey = '';
    this.wrapperKey = '';
    this.wrapperActive = false;
    if (isObject) {
      this.recordDepth = 0;
      this.recordStart = i;
    } else {
      this.recordDepth = 1;
      if (!this.shape && this.topValues === 1) this.shape = 'array';
    }
  }
}

function parseKey(raw: string): string {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}
