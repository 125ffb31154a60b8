import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { athensDay } from '../../platform/calendar/index.js';
import { csvFromCells } from '../../platform/export/index.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { embedGreekFonts } from '../documents/index.js';
import type { TYearReport } from './stats.service.js';

/** A school's yearly report of requests as CSV (for spreadsheets) and as an A4 PDF with Greek text. */

const T = {
  el: {
    title: (y: number) => `Αιτήματα σχολικής μονάδας — έτος ${y}`,
    cols: ['Αρ. πρωτοκόλλου', 'Υποβολή', 'Είδος', 'Τίτλος', 'Κατάσταση', 'Υπηρεσία', 'Προτεραιότητα', 'Ολοκλήρωση', 'Ημέρες'],
    total: 'Σύνολο',
    open: 'Ανοιχτά',
    overdue: 'Εκπρόθεσμα',
    completed: 'Ολοκληρωμένα',
    declined: 'Απορρίφθηκαν',
    avg: 'Μέσος χρόνος ολοκλήρωσης (ημέρες)',
    none: 'Κανένα αίτημα μέσα στο έτος.',
    page: (n: number, of: number) => `Σελίδα ${n} από ${of}`,
    priority: { low: 'Χαμηλή', normal: 'Κανονική', high: 'Υψηλή', urgent: 'Επείγον' },
  },
  en: {
    title: (y: number) => `School requests — year ${y}`,
    cols: ['Protocol no.', 'Submitted', 'Kind', 'Title', 'State', 'Unit', 'Priority', 'Completed', 'Days'],
    total: 'Total',
    open: 'Open',
    overdue: 'Overdue',
    completed: 'Completed',
    declined: 'Declined',
    avg: 'Average completion time (days)',
    none: 'No requests in the year.',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  },
};

const day = (d: Date | null) => (d ? athensDay(d) : '');

function cells(r: TYearReport['rows'][number], lang: Lang) {
  const t = T[lang];
  return [
    r.protocolNumber ?? '',
    day(r.submittedAt),
    r.caseType.name[lang],
    r.title,
    r.stateName[lang],
    r.unitName?.[lang] ?? '',
    t.priority[r.priority],
    day(r.resolvedAt),
    r.days === null ? '' : String(r.days),
  ];
}

/** RFC 4180 CSV with a UTF-8 BOM, so spreadsheet programs read the Greek right; formulas are neutralised. */
export function reportCsv(report: TYearReport, lang: Lang) {
  return csvFromCells([T[lang].cols, ...report.rows.map((r) => cells(r, lang))]);
}

const A4L: [number, number] = [841.89, 595.28];
const M = 36;
const WIDTHS = [70, 62, 110, 170, 100, 120, 58, 62, 38];

function clip(text: string, font: PDFFont, size: number, width: number) {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let s = text;
  while (s.length > 1 && font.widthOfTextAtSize(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s}…`;
}

/** Landscape A4: header with the municipality and school, the year's figures, then one line per request. */
export async function reportPdf(
  report: TYearReport,
  input: { lang: Lang; municipality: string; school: string; year: number; generatedAt: Date },
): Promise<Uint8Array> {
  const { lang } = input;
  const t = T[lang];
  const doc = await PDFDocument.create();
  doc.setTitle(`${input.school} — ${t.title(input.year)}`);
  doc.setLanguage(lang === 'el' ? 'el-GR' : 'en-GB');
  doc.setCreator('Dimos');
  const { regular, bold } = await embedGreekFonts(doc);
  const pages: PDFPage[] = [];
  let page = doc.addPage(A4L);
  pages.push(page);
  let y = A4L[1] - M;
  const text = (s: string, x: number, size: number, font = regular) => page.drawText(s, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });

  text(input.municipality, M, 11, bold);
  y -= 16;
  text(input.school, M, 14, bold);
  y -= 18;
  text(t.title(input.year), M, 12);
  y -= 22;
  const f = report.figures;
  const figures = [
    `${t.total}: ${f.total}`,
    `${t.open}: ${f.open}`,
    `${t.overdue}: ${f.overdue}`,
    `${t.completed}: ${f.completed}`,
    `${t.declined}: ${f.declined}`,
    `${t.avg}: ${f.avgCompletionDays === null ? '—' : f.avgCompletionDays.toLocaleString(lang === 'el' ? 'el-GR' : 'en-GB')}`,
  ];
  text(figures.join('   ·   '), M, 9);
  y -= 24;

  const header = () => {
    let x = M;
    T[lang].cols.forEach((c, i) => {
      text(clip(c, bold, 8, (WIDTHS[i] as number) - 4), x, 8, bold);
      x += WIDTHS[i] as number;
    });
    y -= 4;
    page.drawLine({ start: { x: M, y }, end: { x: A4L[0] - M, y }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
    y -= 12;
  };
  header();
  if (!report.rows.length) text(t.none, M, 9);
  for (const r of report.rows) {
    if (y < M + 20) {
      page = doc.addPage(A4L);
      pages.push(page);
      y = A4L[1] - M;
      header();
    }
    let x = M;
    cells(r, lang).forEach((c, i) => {
      text(clip(c, regular, 8, (WIDTHS[i] as number) - 4), x, 8);
      x += WIDTHS[i] as number;
    });
    y -= 13;
  }
  pages.forEach((p, i) => {
    const s = `${t.page(i + 1, pages.length)} · ${day(input.generatedAt)}`;
    p.drawText(s, { x: A4L[0] - M - regular.widthOfTextAtSize(s, 8), y: M / 2, size: 8, font: regular, color: rgb(0.4, 0.4, 0.4) });
  });
  return doc.save();
}
