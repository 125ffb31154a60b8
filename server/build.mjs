#!/usr/bin/env node
/**
 * Compiles the server's TypeScript (src/, without tests) to JavaScript in dist/, one file per
 * source file, so `npm start` runs plain node: no compiler in the serving process (tsx kept its
 * transform cache and source maps resident, about 100 MB). Run by the root `postinstall` and by
 * `npm run build --workspace server`; type checking stays with `tsc --noEmit`.
 * dist/ mirrors src/ at the same depth, so paths computed from import.meta.url (migrations, the
 * built web app) resolve the same from both.
 */
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, 'src');
const out = join(root, 'dist');

/** Every .ts under src/ except tests and test fixtures. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    if (!e.name.endsWith('.ts') || e.name.endsWith('.d.ts') || /\.test\.ts$/.test(e.name)) return [];
    return [p];
  });
}

const started = Date.now();
const entryPoints = sources(src);
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: out,
  outbase: src,
  bundle: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
process.stdout.write(`server: ${entryPoints.length} files compiled to dist/ in ${Date.now() - started} ms\n`);
