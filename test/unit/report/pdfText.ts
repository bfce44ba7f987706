// Test helper: extracts the text pdfkit wrote (inflates streams, maps glyph ids back through each font's ToUnicode CMap).
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (const m of text.matchAll(re)) {
    const body = m[2] ?? '';
    const si = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (si >= 0) {
      dict = body.slice(0, si);
      let start = si + 'stream'.length;
      if (body[start] === '\r') start += 1;
      if (body[start] === '\n') start += 1;
      const end = body.lastIndexOf('endstream');
      const raw = Buffer.from(body.slice(start, end), 'latin1');
      try {
        stream = /FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      } catch {
        stream = raw;
      }
    }
    out.set(Number(m[1]), { dict, stream });
  }
  return out;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const m of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    const start = parseInt(m[1] ?? '0', 16);
    const entries = [...(m[3] ?? '').matchAll(/<([0-9a-f ]+)>/gi)].map((e) =>
      String.fromCharCode(...(e[1] ?? '').split(' ').map((h) => parseInt(h, 16))),
    );
    entries.forEach((s, i) => map.set(start + i, s));
  }
  return map;
}

export interface PdfInfo {
  pages: number;
  /** All text, in drawing order, one text-show operation per line. */
  text: string;
}

export function readPdf(pdf: Buffer): PdfInfo {
  const objs = objects(pdf);
  const fontMaps = new Map<string, Map<number, string>>();
  const fontByRef = new Map<number, Map<number, string>>();
  for (const [id, o] of objs) {
    const tu = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (tu && /\/Type \/Font/.test(o.dict)) {
      const cm = objs.get(Number(tu[1]))?.stream?.toString('latin1') ?? '';
      fontByRef.set(id, parseCmap(cm));
    }
  }
  for (const o of objs.values()) {
    for (const m of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const map = fontByRef.get(Number(m[2]));
      if (map && m[1]) fontMaps.set(m[1], map);
    }
  }
  const pages = [...objs.values()].filter((o) => /\/Type \/Page\b(?!s)/.test(o.dict)).length;
  const lines: string[] = [];
  for (const o of objs.values()) {
    if (o.stream === null || !/\bTJ\b|\bTf\b/.test(o.stream.toString('latin1'))) continue;
    const content = o.stream.toString('latin1');
    let font: Map<number, string> | undefined;
    for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (m[1] !== undefined) {
        font = fontMaps.get(m[1]);
        continue;
      }
      let line = '';
      for (const h of (m[2] ?? '').matchAll(/<([0-9a-f]*)>/gi)) {
        const hex = h[1] ?? '';
        for (let i = 0; i + 4 <= hex.length; i += 4) line += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      lines.push(line);
    }
  }
  return { pages, text: lines.join('\n') };
}
