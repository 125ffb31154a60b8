import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { formatAthens } from '../../platform/calendar/index.js';
import { type Column, csvFromCells, toXlsx as xlsxOf } from '../../platform/export/index.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { embedGreekFonts } from '../documents/index.js';
import type { dashboard, TExportRow } from './stats.service.js';

/** CSV, XLSX and the monthly PDF report of the dashboard. */

type TDashboard = Awaited<ReturnType<typeof dashboard>>;

const HEAD = {
  el: [
    'Αρ. πρωτοκόλλου',
    'Υποβολή',
    'Είδος',
    'Υπηρεσία',
    'Κανάλι',
    'Κατάσταση',
    'Κατηγορία',
    'Προτεραιότητα',
    'Προθεσμία',
    'Επίλυση',
    'Εκπρόθεσμο',
    'Τίτλος',
  ],
  en: ['Protocol no.', 'Submitted', 'Type', 'Unit', 'Channel', 'State', 'Category', 'Priority', 'Due', 'Resolved', 'Overdue', 'Title'],
};

const cells = (r: TExportRow, lang: Lang) => [
  r.protocol ?? '',
  r.submitted,
  r.type,
  r.unit ?? '',
  r.channel,
  r.state,
  r.category,
  r.priority,
  r.due ?? '',
  r.resolved ?? '',
  r.overdue ? (lang === 'el' ? 'ναι' : 'yes') : lang === 'el' ? 'όχι' : 'no',
  r.title,
];

/** RFC 4180 CSV with a UTF-8 byte-order mark so spreadsheet programs read Greek right. */
export function toCsv(rowsIn: TExportRow[], lang: Lang): string {
  // formulas (a leading =, +, -, @) are neutralised by the export kit
  return csvFromCells([HEAD[lang], ...rowsIn.map((r) => cells(r, lang))]);
}

export async function toXlsx(rowsIn: TExportRow[], stats: TDashboard, lang: Lang): Promise<Buffer> {
  const columns: Column<TExportRow>[] = HEAD[lang].map((header, i) => ({
    header,
    value: (r) => cells(r, lang)[i],
    width: i === 11 ? 50 : 18,
  }));
  return xlsxOf([
    { name: lang === 'el' ? 'Αιτήματα' : 'Cases', rows: rowsIn, columns },
    { name: lang === 'el' ? 'Σύνοψη' : 'Summary', pairs: summaryLines(stats, lang), widths: [40, 20] },
  ]);
}

const L = {
  el: {
    period: 'Περίοδος',
    total: 'Νέα αιτήματα',
    open: 'Ανοικτά αιτήματα (σήμερα)',
    overdue: 'Εκπρόθεσμα (σήμερα)',
    resolved: 'Επιλύθηκαν στην περίοδο',
    median: 'Διάμεσος χρόνος επίλυσης (ώρες)',
    p80: '80ό εκατοστημόριο (ώρες)',
    sla: 'Εντός προθεσμίας',
    satisfaction: 'Ικανοποίηση πολιτών',
    noRatings: 'δεν υπάρχουν αξιολογήσεις',
    byType: 'Ανά είδος',
    byUnit: 'Ανά υπηρεσία',
    byChannel: 'Ανά κανάλι',
    noUnit: '(χωρίς υπηρεσία)',
    title: 'Μηνιαία αναφορά αιτημάτων',
    generated: 'Συντάχθηκε',
  },
  en: {
    period: 'Period',
    total: 'New cases',
    open: 'Open cases (today)',
    overdue: 'Overdue (today)',
    resolved: 'Resolved in the period',
    median: 'Median resolution time (hours)',
    p80: '80th percentile (hours)',
    sla: 'Within the due date',
    satisfaction: 'Citizen satisfaction',
    noRatings: 'no ratings recorded',
    byType: 'By type',
    byUnit: 'By unit',
    byChannel: 'By channel',
    noUnit: '(no unit)',
    title: 'Monthly case report',
    generated: 'Generated',
  },
};

function summaryLines(s: TDashboard, lang: Lang): [string, string | number][] {
  const l = L[lang];
  const out: [string, string | number][] = [
    [l.period, `${s.period.from} – ${s.period.to}`],
    [l.total, s.volume.total],
    [l.open, s.backlog.open],
    [l.overdue, s.backlog.overdue],
    [l.resolved, s.resolution.n],
    [l.median, s.resolution.medianHours ?? '–'],
    [l.p80, s.resolution.p80Hours ?? '–'],
    [l.sla, s.sla.rate === null ? '–' : `${Math.round(s.sla.rate * 100)}% (${s.sla.onTime}/${s.sla.resolvedWithDue})`],
    [l.satisfaction, s.satisfaction.available ? String(s.satisfaction.average) : l.noRatings],
    ['', ''],
    [l.byType, ''],
    ...s.volume.byType.map((t): [string, number] => [`  ${lang === 'en' ? t.name.en : t.name.el}`, t.n]),
    [l.byUnit, ''],
    ...s.volume.byUnit.map((u): [string, number] => [`  ${u.name ? (lang === 'en' ? u.name.en : u.name.el) : l.noUnit}`, u.n]),
    [l.byChannel, ''],
    ...s.volume.byChannel.map((c): [string, number] => [`  ${c.channel}`, c.n]),
  ];
  return out;
}

/** Word wrap by measured width (long words are cut). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) line = next;
    else {
      if (line) out.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
  }
  if (line || !out.length) out.push(line);
  return out;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** A printable monthly report: headline figures and the breakdowns, Greek fonts embedded. */
export async function monthlyReportPdf(s: TDashboard, lang: Lang, municipality: string, month: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedGreekFonts(doc);
  const l = L[lang];
  doc.setTitle(`${l.title} ${month}`);
  doc.setLanguage(lang === 'el' ? 'el-GR' : 'en-GB');
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const ink = rgb(0.1, 0.1, 0.15);
  const line = (text: string, font: PDFFont, size: number, x = MARGIN, right?: string) => {
    for (const part of wrap(text, font, size, width - (right ? 80 : 0) - (x - MARGIN))) {
      if (y < MARGIN + size) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(part, { x, y, size, font, color: ink });
      if (right) page.drawText(right, { x: A4[0] - MARGIN - font.widthOfTextAtSize(right, size), y, size, font, color: ink });
      y -= size * 1.5;
    }
  };
  line(municipality, bold, 12);
  line(`${l.title} · ${monthName(month, lang)}`, bold, 16);
  line(
    `${l.generated}: ${formatAthens(new Date(), lang, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })}`,
    regular,
    9,
  );
  y -= 8;
  for (const [k, v] of summaryLines(s, lang)) {
    if (!k && v === '') {
      y -= 6;
      continue;
    }
    const heading = v === '' && !k.startsWith('  ');
    if (heading) {
      y -= 4;
      line(k, bold, 12);
    } else line(k.trim(), regular, 10.5, k.startsWith('  ') ? MARGIN + 14 : MARGIN, String(v));
  }
  return doc.save();
}

export function monthName(month: string, lang: Lang) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang === 'el' ? 'el-GR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}
