import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatAthens } from '../../platform/calendar/index.js';
import { embedGreekFonts } from '../../platform/export/index.js';
import type { Lang } from '../../platform/i18n/i18n.js';

/**
 * Lays out an issued document on A4: the state and municipality header, title, body paragraphs
 * wrapped to the page, protocol number and date, the verification code and its QR code.
 * DejaVu Sans comes from the `dejavu-fonts-ttf` npm package (full Greek coverage), so a fresh
 * machine needs no system fonts; it is subset-embedded.
 */

export { embedGreekFonts };

export type TRenderInput = {
  lang: Lang;
  headerLines: string[];
  title: string;
  paragraphs: string[];
  protocolNumber: string;
  issuedAt: Date;
  verificationCode: string;
  verifyUrl: string;
  signerName: string;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

export function formatDate(d: Date, lang: Lang) {
  return formatAthens(d, lang, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Greedy word wrap by measured width; a word longer than a line is cut by characters. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let n = rest.length - 1;
      while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderDocumentPdf(input: TRenderInput): Promise<Uint8Array> {
  const el = input.lang === 'el';
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedGreekFonts(doc);
  doc.setTitle(input.title);
  doc.setAuthor(input.headerLines[input.headerLines.length - 1] ?? '');
  doc.setLanguage(el ? 'el-GR' : 'en-GB');
  doc.setProducer('Dimos');
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);

  const [w, h] = A4;
  const textWidth = w - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = h - MARGIN;
  const ink = rgb(0.1, 0.1, 0.12);

  const ensure = (need: number) => {
    if (y - need >= MARGIN + 110) return;
    page = doc.addPage(A4);
    y = h - MARGIN;
  };

  // Header: top left, in capitals as on paper documents; protocol and date top right.
  for (const [i, lineText] of input.headerLines.entries()) {
    page.drawText(lineText, { x: MARGIN, y, size: i === 0 ? 10.5 : 10, font: bold, color: ink });
    y -= 14;
  }
  const right = [
    `${el ? 'Αρ. πρωτ.' : 'Ref. no.'}: ${input.protocolNumber}`,
    `${el ? 'Ημερομηνία' : 'Date'}: ${formatDate(input.issuedAt, input.lang)}`,
  ];
  right.forEach((t, i) => {
    const size = 10;
    page.drawText(t, { x: w - MARGIN - regular.widthOfTextAtSize(t, size), y: h - MARGIN - i * 14, size, font: regular, color: ink });
  });

  y -= 36;
  for (const line of wrap(input.title.toLocaleUpperCase(el ? 'el-GR' : 'en-GB'), bold, 15, textWidth)) {
    page.drawText(line, { x: (w - bold.widthOfTextAtSize(line, 15)) / 2, y, size: 15, font: bold, color: ink });
    y -= 22;
  }
  y -= 14;

  const size = 11.5;
  const leading = 17;
  for (const para of input.paragraphs) {
    for (const line of wrap(para, regular, size, textWidth)) {
      ensure(leading);
      page.drawText(line, { x: MARGIN, y, size, font: regular, color: ink });
      y -= leading;
    }
    y -= 8;
  }

  ensure(60);
  y -= 20;
  const signedBy = el ? 'Με ψηφιακή υπογραφή' : 'Digitally signed by';
  page.drawText(signedBy, { x: w - MARGIN - 220, y, size: 10, font: regular, color: ink });
  y -= 14;
  for (const line of wrap(input.signerName, bold, 10.5, 220)) {
    page.drawText(line, { x: w - MARGIN - 220, y, size: 10.5, font: bold, color: ink });
    y -= 14;
  }

  // Footer on the last page: QR code and the code to type on the verification page.
  const qr = await QRCode.toBuffer(input.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const png = await doc.embedPng(qr);
  const qrSize = 84;
  page.drawImage(png, { x: MARGIN, y: MARGIN, width: qrSize, height: qrSize });
  const tx = MARGIN + qrSize + 12;
  const footer = [
    el ? 'Κωδικός επαλήθευσης:' : 'Verification code:',
    input.verificationCode,
    el ? 'Επαληθεύστε το έγγραφο στη διεύθυνση:' : 'Verify this document at:',
    input.verifyUrl,
  ];
  footer.forEach((t, i) => {
    const isCode = i === 1;
    const lines = wrap(t, isCode ? bold : regular, isCode ? 13 : 9, w - tx - MARGIN);
    for (const [j, line] of lines.entries())
      page.drawText(line, {
        x: tx,
        y: MARGIN + qrSize - 10 - i * 18 - j * 11,
        size: isCode ? 13 : 9,
        font: isCode ? bold : regular,
        color: ink,
      });
  });

  return doc.save({ useObjectStreams: false });
}
