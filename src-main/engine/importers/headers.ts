// Header bookkeeping: unique display names and normalized keys for matching, original text kept as is.

export interface ColumnDef {
  index: number;
  /** Original header text, exactly as in the file. */
  header: string;
  /** Unique display name: the header when unique and non-blank, `X (2)` for repeats, `Column N` for blanks. */
  name: string;
  /** Lower-case, whitespace collapsed and trimmed, for matching against known schemas. */
  norm: string;
}

export function normalizeHeader(s: string): string {
  return s.replace(/\s+/gu, ' ').trim().toLowerCase();
}

export function disambiguateHeaders(headers: string[]): ColumnDef[] {
  const used = new Set<string>();
  const seen = new Map<string, number>();
  // Reserve every distinct non-blank header first so a generated name never steals a real one.
  for (const h of headers) if (h.trim() !== '') used.add(h);
  return headers.map((header, index) => {
    let name: string;
    if (header.trim() === '') {
      name = uniqueName(`Column ${index + 1}`, used);
    } else {
      const count = (seen.get(header) ?? 0) + 1;
      seen.set(header, count);
      if (count === 1) {
        name = header;
      } else {
        name = uniqueName(`${header} (${count})`, used);
      }
    }
    used.add(name);
    return { index, header, name, norm: normalizeHeader(header) };
  });
}

function uniqueName(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) {
    const candidate = `${base} (${k})`;
    if (!used.has(candidate)) return candidate;
  }
}
