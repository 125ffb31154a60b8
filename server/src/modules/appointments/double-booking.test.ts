import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice } from '../../../test/factories.js';
import { withDatabase } from '../../../test/global-setup.js';
import { openDatabase } from '../../platform/db/database.js';
import { buildApp } from '../../platform/http/app.js';
import { firstFreeTime, makeBookableService } from './appointments.fixtures.js';
import { appointmentsApi } from './index.js';
import { apptBookings, apptSlots } from './schema.js';

/**
 * 500 concurrent attempts at the last places of one time, from two servers sharing one
 * database: exactly the free places succeed, every other attempt gets `appointment.slot_full`.
 * On PostgreSQL the servers are two real processes; on PGlite two Fastify instances.
 */
const ATTEMPTS = 500;
const CAPACITY = 5;
const PRETAKEN = 2;
const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const pgInfo = inject('testDb');

let sut: TestApp;
let dbName: string | undefined;
const children: ChildProcess[] = [];
let secondApp: { close(): Promise<unknown> } | undefined;

async function freePort() {
  return new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function startServer(url: string) {
  const port = await freePort();
  // node itself (not an npx wrapper), so that killing the child stops the server
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '10',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'false',
      JOBS_IN_PROCESS: 'false',
      TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: false,
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return base;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${stderr}`);
}

type TAttempt = (i: number) => Promise<{ status: number; code?: string; message?: string }>;
let attempt: TAttempt;
let slotId: string;

beforeAll(async () => {
  if (pgInfo.kind === 'postgres') {
    // A database of this test's own, cloned from the migrated template, that the two servers share.
    dbName = `dimos_t_appt_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgInfo.url });
    await admin.connect();
    await admin.query(`create database ${dbName} template ${pgInfo.template}`);
    await admin.end();
    const url = withDatabase(pgInfo.url, dbName);
    sut = await createTestApp({}, await openDatabase({ url, poolSize: 5 }));
    const [a, b] = await Promise.all([startServer(url), startServer(url)]);
    attempt = async (i) => {
      const r = await fetch(`${i % 2 ? a : b}/api/appointments/holds`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-tenant': sut.tenant.slug,
          'accept-language': 'en',
          // A distinct address per attempt, so the per-address limit is not what answers.
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ slotId }),
      });
      const body = (await r.json()) as { code?: string; message?: string };
      return { status: r.status, code: body.code, message: body.message };
    };
  } else {
    sut = await createTestApp();
    // The second instance serves this module only: holds need nothing else, and modules do not import the parts list.
    const second = await buildApp(sut.platform, [appointmentsApi], { logger: false });
    await second.ready();
    secondApp = second;
    const apps = [sut.app, second];
    attempt = async (i) => {
      const r = await (apps[i % 2] as TestApp['app']).inject({
        method: 'POST',
        url: '/api/appointments/holds',
        headers: sut.headers({ 'accept-language': 'en' }),
        remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        payload: { slotId },
      });
      const body = r.json() as { code?: string; message?: string };
      return { status: r.statusCode, code: body.code, message: body.message };
    };
  }
}, 90_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await secondApp?.close();
  await sut?.close();
  if (dbName && pgInfo.kind === 'postgres') {
    const admin = new pg.Client({ connectionString: pgInfo.url });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`).finally(() => admin.end());
  }
}, 60_000);

describe('no double booking', () => {
  it(`${ATTEMPTS} concurrent holds from distinct devices on two servers take exactly the free places`, async () => {
    const { service } = await makeBookableService(sut, { capOnline: CAPACITY });
    const { first } = await firstFreeTime(sut, service.id);
    slotId = first.slotId;
    // Some places are already taken: the race is for the last ones.
    for (let i = 0; i < PRETAKEN; i++) {
      const d = await makeDevice(sut.db, sut.tenant.id);
      const r = await sut.app.inject({
        method: 'POST',
        url: '/api/appointments/holds',
        headers: sut.headers({ 'x-device-token': d.token }),
        payload: { slotId },
      });
      expect(r.statusCode).toBe(201);
    }
    const results = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(i)));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(CAPACITY - PRETAKEN);
    expect(lost.every((r) => r.status === 409 && r.code === 'appointment.slot_full')).toBe(true);
    expect(lost[0]?.message).toBe('The time you chose has just been taken. Please choose another time.');

    const [slot] = await sut.db.select().from(apptSlots).where(eq(apptSlots.id, slotId));
    expect(slot?.takenOnline).toBe(CAPACITY);
    const holds = await sut.db.select().from(apptBookings).where(eq(apptBookings.slotId, slotId));
    expect(holds.filter((h) => h.status === 'held')).toHaveLength(CAPACITY);
    expect(new Set(holds.map((h) => h.deviceId)).size).toBe(CAPACITY);
  }, 60_000);

  it('the database itself refuses more taken places than capacity', async () => {
    await expect(
      sut.db
        .update(apptSlots)
        .set({ takenOnline: CAPACITY + 1 })
        .where(eq(apptSlots.id, slotId)),
    ).rejects.toThrow();
  });
});
