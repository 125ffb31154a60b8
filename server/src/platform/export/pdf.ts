import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { athensDateTime, formatAthens } from '../calendar/index.js';
import type { Column } from './columns.js';
import { embedGreekFonts } from './fonts.js';

/**
 * A table as an A4 PDF with the Greek font: title, optional subtitle, the heading row repeated on
 * every page, cells wrapped to their column (at most `maxLines` lines, then clipped with "…"),
 * and "Σελίδα 2 από 5" / "Page 2 of 5" with the time it was made at the foot of each page.
 * Wider tables (more than 6 columns, or widths that do not fit) turn the page to landscape.
 */

export type PdfTableInput<T> = {
  title: string;
  subtitle?: string;
  rows: Iterable<T>;
  columns: readonly Column<T>[];
  lang: 'el' | 'en';
  /** Most lines a cell may wrap to (default 3). */
  maxLines?: number;
  /** When it was made (default now), printed at the foot. */
  generatedAt?: Date;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const SIZE = 8.5;
const LINE = 11;
const PAD = 3;

const WORDS = {
  el: { page: (n: number, of: number) => `Σελίδα ${n} από ${of}`, made: 'Συντάχθηκε', none: 'Δεν υπάρχουν εγγραφές.' },
  en: { page: (n: number, of: number) => `Page ${n} of ${of}`, made: 'Generated', none: 'No records.' },
};

function pdfText(v: unknown, lang: 'el' | 'en'): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : athensDateTime(v);
  if (typeof v === 'number') return v.toLocaleString(lang === 'el' ? 'el-GR' : 'en-GB');
  // control characters (tabs, line breaks) have no glyph: they become spaces
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return String(v).replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** Wraps text to `width` by words (a word longer than the line is cut), at most `max` lines. */
export function wrapText(text: string, font: PDFFont, size: number, width: number, max: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let cur = '';
  const push = (s: string) => lines.push(s);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = cur ? `${cur} ${word}` : word;
    if (fits(next)) {
      cur = next;
      continue;
    }
    if (cur) push(cur);
    cur = '';
    let w = word;
    while (!fits(w)) {
      let cut = w.length - 1;
      while (cut > 1 && !fits(w.slice(0, cut))) cut--;
      push(w.slice(0, cut));
      w = w.slice(cut);
    }
    cur = w;
  }
  if (cur) push(cur);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1] ?? '';
  while (last.length > 0 && !fits(`${last}…`)) last = last.slice(0, -1);
  kept[max - 1] = `${last}…`;
  return kept;
}

export async function toPdfTable<T>(input: PdfTableInput<T>): Promise<Uint8Array> {
  const { columns, lang } = input;
  const words = WORDS[lang];
  const maxLines = input.maxLines ?? 3;
  const doc = await PDFDocument.create();
  doc.setTitle(input.title);
  doc.setLanguage(lang === 'el' ? 'el-GR' : 'en-GB');
  doc.setCreator('Dimos');
  const { regular, bold } = await embedGreekFonts(doc);

  const hinted = columns.reduce((s, c) => s + (c.width ?? 80), 0);
  const landscape = columns.length > 6 || hinted > A4[0] - 2 * MARGIN;
  const [pw, ph] = landscape ? [A4[1], A4[0]] : A4;
  const usable = pw - 2 * MARGIN;
  const scale = usable / hinted;
  const widths = columns.map((c) => (c.width ?? 80) * scale);
  const grey = rgb(0.35, 0.35, 0.35);

  const cellLines = (values: string[], font: PDFFont) =>
    values.map((v, i) => wrapText(v, font, SIZE, (widths[i] ?? 0) - 2 * PAD, maxLines));

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const head = cellLines(
    columns.map((c) => c.header),
    bold,
  );
  const drawRow = (lines: string[][], font: PDFFont, shade: boolean) => {
    const h = Math.max(1, ...lines.map((l) => l.length)) * LINE + 2 * PAD;
    if (shade) page.drawRectangle({ x: MARGIN, y: y - h, width: usable, height: h, color: rgb(0.92, 0.93, 0.96) });
    let x = MARGIN;
    lines.forEach((cell, i) => {
      cell.forEach((text, k) => {
        page.drawText(text, { x: x + PAD, y: y - PAD - (k + 1) * LINE + 2.5, size: SIZE, font });
      });
      x += widths[i] ?? 0;
    });
    page.drawLine({ start: { x: MARGIN, y: y - h }, end: { x: MARGIN + usable, y: y - h }, thickness: 0.4, color: grey });
    y -= h;
  };
  const newPage = () => {
    page = doc.addPage([pw, ph]);
    pages.push(page);
    y = ph - MARGIN;
    if (pages.length === 1) {
      for (const line of wrapText(input.title, bold, 14, usable, 3)) {
        page.drawText(line, { x: MARGIN, y: y - 14, size: 14, font: bold });
        y -= 18;
      }
      if (input.subtitle) {
        for (const line of wrapText(input.subtitle, regular, 10, usable, 4)) {
          page.drawText(line, { x: MARGIN, y: y - 10, size: 10, font: regular, color: grey });
          y -= 13;
        }
      }
      y -= 8;
    }
    drawRow(head, bold, true);
  };

  newPage();
  let any = false;
  for (const r of input.rows) {
    any = true;
    const lines = cellLines(
      columns.map((c) => pdfText(c.value(r), lang)),
      regular,
    );
    const h = Math.max(1, ...lines.map((l) => l.length)) * LINE + 2 * PAD;
    if (y - h < MARGIN + 20) newPage();
    drawRow(lines, regular, false);
  }
  if (!any) page.drawText(words.none, { x: MARGIN, y: y - 16, size: 10, font: regular });

  const made = `${words.made}: ${formatAthens(input.generatedAt ?? new Date(), lang)}`;
  pages.forEach((p, i) => {
    p.drawText(made, { x: MARGIN, y: MARGIN - 18, size: 8, font: regular, color: grey });
    const label = words.page(i + 1, pages.length);
    p.drawText(label, { x: pw - MARGIN - regular.widthOfTextAtSize(label, 8), y: MARGIN - 18, size: 8, font: regular, color: grey });
  });
  return doc.save();
}
