/**
 * Helpers for the case-engine benchmarks (cases-*.bench.ts): a throw-away PostgreSQL database,
 * the server's CLI (migrate / seed) as a child process, percentiles.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SERVER_DIR, SERVER_MAIN, startNode } from './lib.js';

/** The admin connection used to create and drop the benchmark's own database. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDb = { url: string; name: string; drop: () => Promise<void> };

/** Creates an empty database next to the admin one; `drop()` removes it (connections are terminated first). */
export async function createBenchDb(prefix: string): Promise<BenchDb> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        await c.query(`drop database if exists "${name}"`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs the compiled server's `main.js <command>` (migrate, seed) to completion; fails with its output. */
export async function runCli(command: string, env: Record<string, string>) {
  const proc = startNode(SERVER_MAIN, [command], { cwd: SERVER_DIR, env: { LOG_LEVEL: 'warn', ...env } });
  const code = await new Promise<number | null>((r) => proc.child.on('exit', (c) => r(c)));
  await proc.stop();
  if (code !== 0) throw new Error(`main.ts ${command} exited ${code}:\n${proc.output()}`);
}

/** The p-th percentile (0..100) of the samples, nearest-rank. */
export function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
