// A capped warning list: hostile files must not grow memory through warnings.
import type { ReaderWarning } from './types';

export const MAX_WARNINGS = 1000;

export class WarningSink {
  private suppressed = 0;
  constructor(public readonly list: ReaderWarning[] = []) {}

  add(message: string, row?: number): void {
    if (this.list.length < MAX_WARNINGS) {
      this.list.push(row === undefined ? { message } : { row, message });
      return;
    }
    this.suppressed++;
  }

  /** Appends a closing note when warnings were dropped. */
  finish(): void {
    if (this.suppressed > 0) {
      this.list.push({ message: `${this.suppressed} further warnings not shown` });
      this.suppressed = 0;
    }
  }
}
