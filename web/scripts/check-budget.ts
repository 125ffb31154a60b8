/**
 * Size budget of the citizen face: the JavaScript a phone must download before "/" works
 * (the entry chunk of index.html and everything it imports statically), gzipped.
 * Also fails if the staff or kiosk faces or Leaflet leak into that set.
 *
 *   npm run build --workspace web && npm run budget --workspace web
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

let manifest: Record<string, Chunk>;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
} catch {
  console.error('No dist/.vite/manifest.json: run `npm run build --workspace web` first.');
  process.exit(1);
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('index.html'));
if (!entryKey) {
  console.error('No index.html entry in the Vite manifest.');
  process.exit(1);
}

const seen = new Set<string>();
const visit = (key: string) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) visit(dep);
};
visit(entryKey);

const rows = [...seen].map((key) => {
  const chunk = manifest[key] as Chunk;
  const bytes = readFileSync(join(dist, chunk.file));
  return { key, file: chunk.file, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
});
rows.sort((a, b) => b.gz - a.gz);

const kb = (n: number) => (n / 1024).toFixed(1);
for (const r of rows) console.log(`  ${kb(r.gz).padStart(7)} KB gz  ${kb(r.raw).padStart(7)} KB  ${r.file}`);

const totalGz = rows.reduce((s, r) => s + r.gz, 0);
const ratio = totalGz / 1024 / BUDGET_KB;
console.log(`citizen initial JS: ${kb(totalGz)} KB gzipped (budget ${BUDGET_KB} KB, ratio ${ratio.toFixed(2)})`);

const leaked = rows.filter((r) => /src\/(staff|kiosk)\/|leaflet|map-page/.test(r.key));
if (leaked.length > 0) {
  console.error(`not lazy-loaded but should be: ${leaked.map((r) => r.key).join(', ')}`);
  process.exit(1);
}
if (ratio > 1) {
  console.error(`over budget by ${kb(totalGz - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
