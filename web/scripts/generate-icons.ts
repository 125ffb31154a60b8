/**
 * Renders the PWA icons from public/favicon.svg. The PNGs are committed; run this
 * (`npm run icons --workspace web`) only after changing the SVG.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const pub = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const svg = await readFile(join(pub, 'favicon.svg'));

async function plain(size: number, file: string) {
  await sharp(svg, { density: 384 }).resize(size, size).png().toFile(join(pub, file));
}

// Maskable icons must keep their content inside the central 80% circle and fill the
// whole square: draw the glyph at 70% on a full-bleed background.
async function maskable(size: number, file: string) {
  const inner = Math.round(size * 0.7);
  const glyph = await sharp(svg, { density: 384 }).resize(inner, inner).png().toBuffer();
  await sharp({ create: { width: size, height: size, channels: 4, background: '#0b4f8a' } })
    .composite([{ input: glyph, gravity: 'center' }])
    .png()
    .toFile(join(pub, file));
}

await plain(192, 'pwa-192.png');
await plain(512, 'pwa-512.png');
await plain(180, 'apple-touch-icon.png');
await maskable(512, 'maskable-512.png');
console.log('icons written to', pub);
