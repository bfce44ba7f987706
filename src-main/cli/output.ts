// CLI output: JSON documents on stdout, one-line errors on stderr, exit codes 0 / 2 (bad usage or input) / 1 (internal).
import { LoupeError } from '../contract/errors';

export class UsageError extends Error {}

export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return 2;
  if (err instanceof LoupeError) return err.code === 'INTERNAL' ? 1 : 2;
  return 1;
}

export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, ' ').slice(0, 2000);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A plain object safe for any key, including `__proto__` and `constructor` from hostile headers. */
export function safeRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** A compact text table for humans (no --json). */
export function printTable(headers: string[], rows: (string | number | null)[][]): void {
  const clip = (s: string) => (s.length > 60 ? s.slice(0, 59) + '…' : s);
  const text = rows.map((r) => r.map((c) => clip(c === null ? '' : String(c).replace(/[\r\n\t]+/g, ' '))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(line(headers) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n');
  for (const r of text) process.stdout.write(line(r) + '\n');
}
