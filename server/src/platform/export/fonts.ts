import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * DejaVu Sans (full Greek coverage) from the `dejavu-fonts-ttf` npm package, so a fresh machine
 * needs no system fonts. Read once per process; embedded as a subset.
 */

const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | null = null;

function fonts() {
  if (!fontCache) {
    const dir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
    fontCache = { regular: readFileSync(`${dir}DejaVuSans.ttf`), bold: readFileSync(`${dir}DejaVuSans-Bold.ttf`) };
  }
  return fontCache;
}

/** Embeds DejaVu Sans regular and bold (subset) into a PDF; every PDF with Greek text uses it. */
export async function embedGreekFonts(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  doc.registerFontkit(fontkit);
  const f = fonts();
  return { regular: await doc.embedFont(f.regular, { subset: true }), bold: await doc.embedFont(f.bold, { subset: true }) };
}
