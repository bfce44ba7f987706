// pdfkit table drawing: wrapped cells, header row repeated on every page, rows never split across pages.
import type { PdfFontName } from './pdfFonts';
import { revealControls, softWrap } from './format';

export interface PdfColumn {
  header: string;
  /** Share of the usable page width; the shares of a table should add up to 1. */
  share: number;
  font?: PdfFontName;
}

const FONT_SIZE = 7.5;
const PAD = 3;

function cellText(doc: PDFKit.PDFDocument, text: string, font: PdfFontName, width: number): number {
  return doc.font(font).fontSize(FONT_SIZE).heightOfString(text, { width });
}

export function drawTable(doc: PDFKit.PDFDocument, columns: PdfColumn[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const widths = columns.map((c) => c.share * usable);
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const headerTexts = columns.map((c) => revealControls(c.header));
  const headerHeight =
    Math.max(...headerTexts.map((h, i) => cellText(doc, h, 'Sans-Bold', (widths[i] ?? 0) - 2 * PAD))) + 2 * PAD;
  const maxRowHeight = bottom() - doc.page.margins.top - headerHeight - 4;
  let y = doc.y;

  const drawRow = (texts: string[], height: number, bold: boolean): void => {
    let x = left;
    if (bold) doc.rect(left, y, usable, height).fill('#eef1f4');
    doc.fillColor('#1b1f24').strokeColor('#9aa5b1').lineWidth(0.5);
    texts.forEach((t, i) => {
      const w = widths[i] ?? 0;
      doc.rect(x, y, w, height).stroke();
      doc
        .font(bold ? 'Sans-Bold' : (columns[i]?.font ?? 'Sans'))
        .fontSize(FONT_SIZE)
        .text(t, x + PAD, y + PAD, { width: w - 2 * PAD, height: height - 2 * PAD, ellipsis: true });
      x += w;
    });
    y += height;
  };

  const header = (): void => {
    if (y + headerHeight + 20 > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    drawRow(headerTexts, headerHeight, true);
  };

  header();
  for (const row of rows) {
    const texts = columns.map((_, i) => softWrap(revealControls(row[i] ?? '')));
    const natural = Math.max(...texts.map((t, i) => cellText(doc, t, columns[i]?.font ?? 'Sans', (widths[i] ?? 0) - 2 * PAD)));
    const height = Math.min(natural + 2 * PAD, maxRowHeight);
    if (y + height > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    drawRow(texts, height, false);
  }
  doc.x = left;
  doc.y = y + 8;
}
