// Argument parsing for the `loupe` commands (node:util parseArgs; unknown options are usage errors).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './output';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parse(argv: string[], options: Options): Parsed {
  try {
    const r = parseArgs({ args: argv, options: { json: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(p: Parsed, name: string): string[] {
  const v = p.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function int(p: Parsed, name: string, dflt: number): number {
  const v = str(p, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a whole number, not ${JSON.stringify(v)}`);
  return Number(v);
}

export function need(p: Parsed, index: number, what: string): string {
  const v = p.positionals[index];
  if (!v) throw new UsageError(`missing ${what}`);
  return v;
}
