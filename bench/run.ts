/**
 * `npm run bench`: runs every `*.bench.ts` in this folder (each module may add its own),
 * one after another, prints their reports and exits 1 when any of them fails its target.
 * Never run in CI's test suite: numbers on a shared machine are for reading, not asserting.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, type Bench, type BenchResult, SERVER_DIR, settings } from './lib.js';

const only = process.argv[2];
const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
if (!files.length) {
  process.stderr.write(`no benchmark matches ${only ?? '*.bench.ts'}\n`);
  process.exit(1);
}

// the servers run as `npm start` runs them: compiled JavaScript, built from the current source now
execFileSync(process.execPath, ['build.mjs'], { cwd: SERVER_DIR, stdio: 'inherit' });

process.stdout.write(`Benchmarks: ${files.join(', ')} (${settings.durationS} s per load, ${settings.connections} connections)\n`);
const results: BenchResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { default: Bench };
  process.stdout.write(`\n== ${file}\n`);
  try {
    const r = await mod.default();
    results.push(r);
    for (const line of r.lines) process.stdout.write(`${line}\n`);
  } catch (err) {
    results.push({ name: file, lines: [], pass: false });
    process.stdout.write(`ERROR ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
}
process.stdout.write(`\n${results.map((r) => `${r.pass ? 'PASS' : 'FAIL'} ${r.name}`).join('\n')}\n`);
process.exit(results.every((r) => r.pass) ? 0 : 1);
