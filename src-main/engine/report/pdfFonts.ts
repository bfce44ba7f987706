// Locates the bundled DejaVu fonts (npm dejavu-fonts-ttf) from ESM, CommonJS bundles, or an explicit directory.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const PDF_FONT_FILES = {
  Sans: 'DejaVuSans.ttf',
  'Sans-Bold': 'DejaVuSans-Bold.ttf',
  Mono: 'DejaVuSansMono.ttf',
} as const;

export type PdfFontName = keyof typeof PDF_FONT_FILES;

function moduleRequire(): NodeJS.Require {
  // In an esbuild CommonJS bundle import.meta.url is empty but __filename exists; in ESM it is the reverse.
  if (typeof __filename === 'string' && __filename !== '') return createRequire(__filename);
  return createRequire(import.meta.url);
}

/** Absolute paths of the three fonts; `fontDir` overrides package resolution (e.g. fonts unpacked from an asar). */
export function pdfFontPaths(fontDir?: string): Record<PdfFontName, string> {
  const resolve = (file: string): string =>
    fontDir !== undefined ? join(fontDir, file) : moduleRequire().resolve(`dejavu-fonts-ttf/ttf/${file}`);
  return {
    Sans: resolve(PDF_FONT_FILES.Sans),
    'Sans-Bold': resolve(PDF_FONT_FILES['Sans-Bold']),
    Mono: resolve(PDF_FONT_FILES.Mono),
  };
}
