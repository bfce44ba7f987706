// Incremental RFC 4180 record splitter: string chunks in, records with their physical start line out.
import { ImportError, formatBytes } from './types';
import type { WarningSink } from './warnings';

/** Shaped like RawRow so the table reader can pass records on without copying. */
export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  row: number;
  cells: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvSplitter {
  private buf = '';
  private line = 1;
  private readonly delim: number;
  private readonly delimStr: string;

  constructor(
    delimiter: string,
    private readonly file: string,
    private readonly maxColumns: number,
    private readonly maxCellBytes: number,
    private readonly warnings: WarningSink,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.delimStr = delimiter;
  }

  /** Appends complete records found so far to `out`; with `final` the rest of the input is flushed. */
  feed(chunk: string, out: CsvRecord[], final = false): void {
    this.buf = this.buf.length === 0 ? chunk : flatten(this.buf + chunk);
    const s = this.buf;
    const n = s.length;
    const D = this.delim;
    let pos = 0;
    // Position of the next LF, cached so CR-only files stay linear.
    let nextLF = -1;
    while (pos < n) {
      // Fast path: a whole line without quotes or stray CRs is split natively.
      if (s.charCodeAt(pos) !== QUOTE) {
        if (nextLF < pos) {
          nextLF = s.indexOf('\n', pos);
          if (nextLF === -1) nextLF = n;
        }
        if (nextLF < n) {
          const end = nextLF > pos && s.charCodeAt(nextLF - 1) === CR ? nextLF - 1 : nextLF;
          const line = s.slice(pos, end);
          if (line.indexOf('"') === -1 && line.indexOf('\r') === -1) {
            if (line.length > 0) {
              const fields = line.split(this.delimStr);
              if (fields.length > this.maxColumns) {
                throw new ImportError(`line ${this.line} has more than ${this.maxColumns} columns`, this.file, this.line);
              }
              if (line.length * 3 > this.maxCellBytes) {
                for (const f of fields) if (f.length * 3 > this.maxCellBytes) this.checkCell(f, this.line, false);
              }
              out.push({ row: this.line, cells: fields });
            }
            this.line++;
            pos = nextLF + 1;
            continue;
          }
        }
      }
      const recStart = pos;
      let lineAdd = 0;
      const fields: string[] = [];
      let complete = false;
      let blank = false;
      fieldLoop: for (;;) {
        let value: string;
        if (pos < n && s.charCodeAt(pos) === QUOTE) {
          let i = pos + 1;
          let escaped = false;
          let nl = 0;
          let closed = -1;
          while (i < n) {
            const c = s.charCodeAt(i);
            if (c === QUOTE) {
              if (i + 1 < n && s.charCodeAt(i + 1) === QUOTE) { escaped = true; i += 2; continue; }
              if (i + 1 >= n && !final) break; // cannot yet tell `"` from `""`
              closed = i;
              break;
            }
            if (c === LF) nl++;
            else if (c === CR && (i + 1 >= n || s.charCodeAt(i + 1) !== LF)) nl++;
            i++;
          }
          if (closed === -1) {
            if ((i - pos) * 3 > this.maxCellBytes) this.checkCell(s.slice(pos, i), this.line, true);
            if (!final) break fieldLoop;
            this.warnings.add('quoted field is never closed; kept the rest of the file as its text', this.line + lineAdd);
            closed = n;
          }
          value = s.slice(pos + 1, closed);
          if (escaped) value = value.replaceAll('""', '"');
          lineAdd += nl;
          pos = Math.min(closed + 1, n);
          // Lenient: text between a closing quote and the next delimiter stays part of the cell.
          if (pos < n) {
            const c = s.charCodeAt(pos);
            if (c !== D && c !== LF && c !== CR) {
              let j = pos;
              while (j < n) { const cc = s.charCodeAt(j); if (cc === D || cc === LF || cc === CR) break; j++; }
              if (j >= n && !final) break fieldLoop;
              this.warnings.add('text after a closing quote kept as part of the cell', this.line);
              value += s.slice(pos, j);
              pos = j;
            }
          }
        } else {
          let i = pos;
          while (i < n) {
            const c = s.charCodeAt(i);
            if (c === D || c === LF || c === CR) break;
            i++;
          }
          if (i >= n && !final) {
            if ((i - pos) * 3 > this.maxCellBytes) this.checkCell(s.slice(pos, i), this.line, true);
            break fieldLoop;
          }
          value = s.slice(pos, i);
          pos = i;
        }
        if (value.length * 3 > this.maxCellBytes) this.checkCell(value, this.line, false);
        fields.push(value);
        if (fields.length > this.maxColumns) {
          throw new ImportError(`line ${this.line} has more than ${this.maxColumns} columns`, this.file, this.line);
        }
        if (pos >= n) {
          if (final) { complete = true; blank = fields.length === 1 && value === '' ; }
          break;
        }
        const c = s.charCodeAt(pos);
        if (c === D) { pos++; continue; }
        if (c === CR && pos + 1 >= n && !final) break;
        pos += c === CR && s.charCodeAt(pos + 1) === LF ? 2 : 1;
        lineAdd++;
        complete = true;
        blank = fields.length === 1 && value === '' && s.charCodeAt(recStart) !== QUOTE;
        break;
      }
      if (!complete) { pos = recStart; break; }
      if (!blank) out.push({ row: this.line, cells: fields });
      this.line += lineAdd;
    }
    this.buf = pos >= n ? '' : s.slice(pos);
  }

  /** Called only for long strings: a UTF-16 code unit is 1..3 UTF-8 bytes, so shorter ones always fit. */
  private checkCell(text: string, line: number, partial: boolean): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxCellBytes) {
      const size = partial ? `at least ${bytes} bytes` : `${bytes} bytes`;
      throw new ImportError(`cell is ${size}, over the ${formatBytes(this.maxCellBytes)} limit`, this.file, line);
    }
  }
}

/** Forces a flat string: charCodeAt on a concatenation (rope) is much slower. */
function flatten(s: string): string {
  Number(s.charCodeAt(0));
  return s;
}
