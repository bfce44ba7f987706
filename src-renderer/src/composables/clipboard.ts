// Copying grid text: TSV building (Excel-style quoting) and writing to the clipboard, with a textarea fallback.

/** One TSV field: quoted (quotes doubled) when it holds a tab, newline or quote; null is empty. */
export function tsvField(value: string | null): string {
  if (value === null) return '';
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tsvLine(values: readonly (string | null)[]): string {
  return values.map(tsvField).join('\t');
}

/** Rows as TSV, with an optional header line first; lines end in \n except the last. */
export function toTsv(rows: readonly (readonly (string | null)[])[], header?: readonly string[]): string {
  const lines = header ? [tsvLine(header), ...rows.map(tsvLine)] : rows.map(tsvLine);
  return lines.join('\n');
}

/** Splits TSV made by toTsv back into fields (for tests and round-trips); null cells come back as ''. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === '\t') { row.push(field); field = ''; i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c;
    i++;
  }
  row.push(field);
  rows.push(row);
  return rows;
}

/** Writes text to the clipboard; falls back to a hidden textarea + execCommand when the async API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (globalThis.navigator?.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // denied (no permission or no focus): try the fallback
  }
  if (typeof document === 'undefined') return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.select();
  let ok = false;
  try {
    ok = typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus({ preventScroll: true });
  return ok;
}
