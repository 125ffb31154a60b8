import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { csvFromCells } from '../../platform/export/index.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { embedGreekFonts } from '../documents/index.js';
import type { reportData } from './consultation.service.js';
import { athens } from './cursor.js';

/**
 * The consultation report as CSV and PDF. Both list every comment (the complaint about opengov.gr
 * exports is that comments go missing); a hidden comment keeps its row, with the moderation reason
 * in place of its text. The PDF uses the documents module's Greek font (DejaVu Sans).
 */

type TReport = Awaited<ReturnType<typeof reportData>>;

const L = {
  el: {
    answer: { accepted: 'Έγινε δεκτό', partly: 'Έγινε εν μέρει δεκτό', rejected: 'Δεν έγινε δεκτό', none: 'Χωρίς απάντηση' },
    hidden: 'Αποκρύφθηκε από τη συντονιστική ομάδα',
    general: 'Γενικά σχόλια',
    report: 'Έκθεση αποτελεσμάτων διαβούλευσης',
    closes: 'Λήξη',
    stance: 'Υπέρ / Κατά',
    comments: 'Σχόλια',
    header: [
      'id',
      'άρθρο',
      'σε απάντηση',
      'συντάκτης',
      'ημερομηνία',
      'απόσπασμα',
      'αρχή',
      'τέλος',
      'σχόλιο',
      'υπέρ',
      'κατά',
      'κατάσταση',
      'απάντηση',
      'αιτιολόγηση',
    ],
  },
  en: {
    answer: { accepted: 'Accepted', partly: 'Partly accepted', rejected: 'Not accepted', none: 'Unanswered' },
    hidden: 'Hidden by moderation',
    general: 'General comments',
    report: 'Consultation report',
    closes: 'Closed',
    stance: 'Support / oppose',
    comments: 'Comments',
    header: [
      'id',
      'article',
      'reply_to',
      'author',
      'date',
      'passage',
      'start',
      'end',
      'comment',
      'up',
      'down',
      'status',
      'answer',
      'reason',
    ],
  },
};

function articleLabel(r: TReport, articleId: string | null, lang: Lang) {
  const a = r.articles.find((x) => x.id === articleId);
  if (!a) return L[lang].general;
  return [a.label, a.title].filter((s, i, all) => s && all.indexOf(s) === i).join(' – ');
}

export function reportCsv(r: TReport, lang: Lang) {
  const t = L[lang];
  const lines: unknown[][] = [t.header];
  for (const c of r.comments) {
    const hidden = Boolean(c.hiddenAt);
    lines.push([
      c.id,
      articleLabel(r, c.articleId, lang),
      c.parentId ?? '',
      c.authorName,
      c.createdAt.toISOString(),
      c.quote ?? '',
      c.quoteStart ?? '',
      c.quoteEnd ?? '',
      hidden ? `[${t.hidden}: ${c.hiddenReason ?? ''}]` : c.body,
      c.upCount,
      c.downCount,
      hidden ? 'hidden' : 'visible',
      t.answer[c.answerStatus ?? 'none'],
      c.answerText ?? '',
    ]);
  }
  // BOM so Excel opens Greek text as UTF-8; formulas neutralised (the export kit)
  return csvFromCells(lines);
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) {
        line = next;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}

export async function reportPdf(r: TReport, lang: Lang, municipality: string) {
  const t = L[lang];
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedGreekFonts(doc);
  doc.setTitle(`${t.report}: ${r.consultation.title}`);
  doc.setLanguage(lang === 'el' ? 'el-GR' : 'en-GB');
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (
    text: string,
    opts: { size?: number; font?: PDFFont; indent?: number; color?: [number, number, number]; gap?: number } = {},
  ) => {
    const size = opts.size ?? 10;
    const font = opts.font ?? regular;
    const indent = opts.indent ?? 0;
    for (const line of wrap(text, font, size, width - indent)) {
      if (y < MARGIN + size) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font, color: rgb(...(opts.color ?? [0, 0, 0])) });
      y -= size * 1.35;
    }
    y -= opts.gap ?? 2;
  };
  const c = r.consultation;
  write(municipality, { size: 11, font: bold });
  write(t.report, { size: 16, font: bold, gap: 4 });
  write(c.title, { size: 13, font: bold, gap: 6 });
  write(
    `${t.closes}: ${athens(c.closedAt ?? c.closesAt)} · ${t.stance}: ${c.supportCount} / ${c.opposeCount} · ${t.comments}: ${r.comments.length}`,
    { size: 9 },
  );
  if (c.reportSummary) write(c.reportSummary, { gap: 10 });
  const groups: { id: string | null; title: string }[] = [
    ...r.articles.map((a) => ({ id: a.id as string | null, title: articleLabel(r, a.id, lang) })),
    { id: null, title: t.general },
  ];
  for (const g of groups) {
    const list = r.comments.filter((cm) => cm.articleId === g.id);
    if (!list.length) continue;
    y -= 6;
    write(g.title, { size: 12, font: bold, gap: 4 });
    for (const cm of list) {
      const indent = cm.parentId ? 20 : 0;
      write(`${cm.authorName || '—'} · ${athens(cm.createdAt)} · +${cm.upCount} / −${cm.downCount}`, {
        size: 8,
        indent,
        color: [0.35, 0.35, 0.35],
      });
      if (cm.quote) write(`«${cm.quote}»`, { size: 9, indent: indent + 8, color: [0.25, 0.25, 0.5] });
      write(cm.hiddenAt ? `[${t.hidden}: ${cm.hiddenReason ?? ''}]` : cm.body, { indent });
      write(`${t.answer[cm.answerStatus ?? 'none']}${cm.answerText ? `: ${cm.answerText}` : ''}`, {
        size: 9,
        font: bold,
        indent: indent + 8,
        gap: 8,
      });
    }
  }
  return Buffer.from(await doc.save());
}
