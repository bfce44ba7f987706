// Multi-row INSERT: one prepared statement for `rowsPer` rows at a time, a single-row one for the tail.
import type Database from 'better-sqlite3';
import type { WritableDB } from '../db/types';

/** SQLite's default bound-parameter limit is 32766; stay under it with room to spare. */
const MAX_PARAMS_PER_STATEMENT = 30_000;

export class BatchInsert {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly rowsPer: number;
  private pending: unknown[] = [];
  private count = 0;

  /** `head` is `INSERT INTO t (a, b, c)`; every row must bind exactly `width` values. */
  constructor(db: WritableDB, head: string, private readonly width: number, rowsPer = 64) {
    this.rowsPer = Math.max(1, Math.min(rowsPer, Math.floor(MAX_PARAMS_PER_STATEMENT / width)));
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    this.many = db.prepare(`${head} VALUES ${Array.from({ length: this.rowsPer }, () => tuple).join(', ')}`);
    this.one = db.prepare(`${head} VALUES ${tuple}`);
  }

  /** Adds one row's values (exactly `width` of them). */
  add(values: readonly unknown[]): void {
    if (values.length !== this.width) throw new Error(`row has ${values.length} values, expected ${this.width}`);
    for (const v of values) this.pending.push(v);
    if (++this.count === this.rowsPer) {
      this.many.run(this.pending);
      this.pending = [];
      this.count = 0;
    }
  }

  flush(): void {
    for (let i = 0; i < this.count; i++) this.one.run(this.pending.slice(i * this.width, (i + 1) * this.width));
    this.pending = [];
    this.count = 0;
  }
}
