// Runs the server's test tiers one after another and prints each tier's time (CODE_STYLE.md, "Test tiers").
// unit and medium always; system (several processes, route-table walks) only on PostgreSQL
// (TEST_DATABASE_URL), where CI runs it once. Extra arguments go to every vitest run.
import { spawnSync } from 'node:child_process';

const tiers = ['unit', 'medium', ...(process.env.TEST_DATABASE_URL ? ['system'] : [])];
const db = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const times = [];
for (const tier of tiers) {
  const t0 = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', '--project', tier, ...process.argv.slice(2)], { stdio: 'inherit' });
  times.push(`server ${tier.padEnd(7)} on ${db.padEnd(10)} ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s`);
  if (run.status !== 0) {
    console.error(`\nserver ${tier} tests failed on ${db}`);
    process.exit(run.status ?? 1);
  }
}
console.log(`\n=== server tier times\n${times.join('\n')}`);
