import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const serverRoot = join(here, '../../..');
// inside server/, like dist/, so packages resolve the same way
const out = mkdtempSync(join(serverRoot, '.vrp-dist-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the solver thread from compiled output', { timeout: 180_000 }, () => {
  it('solves and validates under plain node, as `npm start` runs dist/ (no loader in the serving thread)', async () => {
    // the same esbuild settings as server/build.mjs: one file per source, no bundling
    await build({
      entryPoints: [join(here, 'thread.ts'), join(here, 'solver.worker.ts')],
      outdir: join(out, 'modules/vrp'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      bundle: false,
      logLevel: 'warning',
    });
    const script = join(out, 'run.mjs');
    writeFileSync(
      script,
      `import { startSolverThread } from './modules/vrp/thread.js';
const problem = {
  vehicles: [{ id: 'v', start: [0, 0], capacity: [10], count: 3 }],
  jobs: [1, 2, 3, 4, 5].map((i) => ({ id: i, location: [i * 3, (i * 7) % 5], pickup: [4] })),
  options: { metric: 'euclidean' },
};
const solved = await startSolverThread({ kind: 'solve', problem, seed: 1, timeLimit: 60, anytime: false }).outcome;
const invalid = await startSolverThread({ kind: 'validate', problem: { ...problem, jobs: [{ id: 1 }] } }).outcome;
console.log(JSON.stringify({ solved, invalid, execArgv: process.execArgv }));
`,
    );
    const r = spawnSync(process.execPath, [script], {
      cwd: out,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 150_000,
    });
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(res.execArgv).toEqual([]);
    expect(res.solved).toMatchObject({ type: 'done', stoppedBy: 'converged', verdict: { ok: true, errors: [] } });
    expect(
      res.solved.answer.routes.flatMap((route: { steps: { type: string }[] }) => route.steps.filter((s) => s.type === 'job')),
    ).toHaveLength(5);
    expect(res.invalid).toMatchObject({ type: 'invalid', field: 'jobs[0]' });
  });
});
