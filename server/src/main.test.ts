import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../test/global-setup.js';
import { type Database, openDatabase } from './platform/db/database.js';
import { jobs } from './platform/jobs/jobs.schema.js';

/**
 * The CLI as an operator runs it: real child processes of `src/main.ts`, on PGlite or, when
 * TEST_DATABASE_URL is set, on a PostgreSQL database of their own. The fixture preload adds a
 * slow route and a slow job queue so a test can hold work in flight while it sends SIGTERM.
 */
const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Generous bounds: several engineers share two cores. They only stop a hung test; nothing here measures time.
const WAIT_LIMIT = 120_000;
const CHILD_TIMEOUT = 180_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Run = { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> };

function run(args: string[], env: Record<string, string>, fixtureDir?: string): Run {
  const preload = fixtureDir ? ['--import', './src/main.fixture.ts'] : [];
  const { TEST_DATABASE_URL: _t, DATABASE_URL: _d, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'src/main.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...(fixtureDir ? { FIXTURE_DIR: fixtureDir } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, out: () => out, err: () => err, exited };
}

async function freePort() {
  return new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, run?: Run) {
  const end = Date.now() + WAIT_LIMIT;
  while (!(await check())) {
    if (run && run.child.exitCode !== null) throw new Error(`${what}: process exited ${run.child.exitCode}\n${run.err()}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${run?.out() ?? ''}\n${run?.err() ?? ''}`);
    await sleep(50);
  }
}

/**
 * A database for one child process. PostgreSQL: a fresh database (empty, or cloned from the
 * run's migrated template). PGlite: a data directory, empty or restored from the migrated snapshot
 * (migrating PGlite from scratch in every child would be slow).
 */
async function prepareDatabase(migrated: boolean): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  const info = inject('testDb');
  if (info.kind === 'postgres') {
    const name = `dimos_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: info.url });
    await admin.connect();
    await admin.query(`create database ${name}${migrated ? ` template ${info.template}` : ''}`);
    await admin.end();
    const url = withDatabase(info.url, name);
    cleanups.push(async () => {
      const a = new pg.Client({ connectionString: info.url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
    });
    return { env: { DATABASE_URL: url }, open: () => openDatabase({ url, poolSize: 1 }) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-cli-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  if (migrated) {
    const restore = await PGlite.create({ dataDir: join(dataDir, 'pg'), loadDataDir: new Blob([readFileSync(info.snapshot)]) });
    await restore.close();
  }
  return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }) };
}

async function jobStatus(db: Database, name: string) {
  const all = await db.db.select().from(jobs).where(eq(jobs.queue, 'fixture.sleep'));
  return all.find((j) => j.payload.name === name)?.status;
}

describe('main.ts', () => {
  it('exits with code 2 naming the variable when the configuration is bad', { timeout: CHILD_TIMEOUT }, async () => {
    const port = run(['serve'], { PORT: 'abc' });
    const url = run(['serve'], { DATABASE_URL: 'mysql://root@localhost/dimos' });
    const s3 = run(['worker'], { FILES_S3_BUCKET: 'dimos' });
    expect(await port.exited).toBe(2);
    expect(port.err()).toContain('PORT');
    expect(await url.exited).toBe(2);
    expect(url.err()).toContain('DATABASE_URL');
    expect(await s3.exited).toBe(2);
    expect(s3.err()).toContain('FILES_S3_ENDPOINT');
  });

  it('prints the OpenAPI 3.1 document as JSON', { timeout: CHILD_TIMEOUT }, async () => {
    const sut = run(['openapi'], {});
    expect(await sut.exited).toBe(0);
    const spec = JSON.parse(sut.out());
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/health']).toBeDefined();
    expect(spec.paths['/api/jobs']).toBeDefined();
  });

  it('migrates, then a worker runs jobs without serving HTTP and stops cleanly on SIGTERM', { timeout: 2 * CHILD_TIMEOUT }, async () => {
    // PostgreSQL: an empty database, really migrated. PGlite: the migrated snapshot (the run's global
    // setup already migrates PGlite from scratch; doing it again here costs ~1 GB and a minute).
    const db = await prepareDatabase(inject('testDb').kind === 'pglite');
    const migrate = run(['migrate'], db.env);
    expect(await migrate.exited).toBe(0);
    expect(migrate.out()).toContain('migrations applied');

    const fixtures = mkdtempSync(join(tmpdir(), 'dimos-fixture-'));
    cleanups.push(() => rmSync(fixtures, { recursive: true, force: true }));
    const port = await freePort();
    const sut = run(['worker'], { ...db.env, PORT: String(port), FIXTURE_ENQUEUE: 'w1' }, fixtures);
    await until('the worker ran the job', () => existsSync(join(fixtures, 'job-w1-done')), sut);
    sut.child.kill('SIGTERM');
    const code = await sut.exited;
    expect(code, `${sut.out()}\n${sut.err()}`).toBe(0);
    expect(sut.out()).toContain('worker started');
    expect(sut.out()).not.toContain('Server listening');
    const check = await db.open();
    expect(await jobStatus(check, 'w1')).toBe('done');
    await check.close();
  });

  it('on SIGTERM finishes the in-flight request and job, then exits 0', { timeout: CHILD_TIMEOUT }, async () => {
    const db = await prepareDatabase(true);
    const fixtures = mkdtempSync(join(tmpdir(), 'dimos-fixture-'));
    cleanups.push(() => rmSync(fixtures, { recursive: true, force: true }));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const sut = run(['serve'], { ...db.env, PORT: String(port), HOST: '127.0.0.1' }, fixtures);
    await until('the server is ready', async () => (await fetch(`${base}/api/ready`).catch(() => null))?.status === 200, sut);

    const enqueued = await fetch(`${base}/api/fixture/job`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 's1', ms: 1500 }),
    });
    expect(enqueued.status).toBe(200);
    await until('the job started', () => existsSync(join(fixtures, 'job-s1-started')), sut);
    const inFlight = fetch(`${base}/api/fixture/slow?ms=1500`);
    await until('the request started', () => existsSync(join(fixtures, 'request-started')), sut);

    sut.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ slept: 1500 });
    const code = await sut.exited;
    expect(code, `${sut.out()}\n${sut.err()}`).toBe(0);
    expect(existsSync(join(fixtures, 'job-s1-done'))).toBe(true);
    expect(sut.out()).toContain('"msg":"stopped"');
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    const check = await db.open();
    expect(await jobStatus(check, 's1')).toBe('done');
    await check.close();
  });
});
