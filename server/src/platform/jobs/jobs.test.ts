import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeTenant, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { type Database, type Db, openDatabase } from '../db/database.js';
import { backoffDelay, type Job, Jobs, type JobsOptions, PermanentJobError } from './jobs.js';
import { CLEANUP_QUEUE } from './jobs.routes.js';
import { cronSchedules, jobs, outboxEvents } from './jobs.schema.js';

// This file's own events: any `test.*` name with any payload.
declare module './catalogue.js' {
  interface EventCatalogue {
    [name: `test.${string}`]: Record<string, unknown>;
  }
}

const silent = pino({ level: 'silent' });
let sut: TestApp;
let n = 0;
/** Each test works its own queues, so tests sharing the file's database never see each other's jobs. */
const q = (name: string): `test.${string}` => `test.${name}.${++n}`;
const workers = (db: Db = sut.db, opts: JobsOptions = {}) => new Jobs(db, silent, { pollMs: 20, ...opts });

async function jobRow(id: string) {
  const [row] = await sut.db.select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new Error(`job ${id} missing`);
  return row;
}

/** Waits (bounded) until a condition holds; the limit guards against a hung test, it measures nothing. */
async function until(what: string, check: () => Promise<boolean>, limitMs = 20_000) {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

describe('job queue', () => {
  it('runs an enqueued job once when drained', async () => {
    const w = workers();
    const queue = q('basic');
    const seen: Job[] = [];
    w.register(queue, async (job) => {
      seen.push(job);
    });
    const id = await sut.db.transaction((tx) => w.enqueue(tx, { queue, payload: { n: 1 }, tenantId: sut.tenant.id }));
    expect(await w.drain()).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id, queue, payload: { n: 1 }, tenantId: sut.tenant.id, attempts: 1 });
    expect((await jobRow(id)).status).toBe('done');
    expect(await w.drain()).toBe(0);
  });

  it('does not run a job before its runAt', async () => {
    const w = workers();
    const queue = q('later');
    let calls = 0;
    w.register(queue, async () => {
      calls++;
    });
    const id = await w.enqueue(sut.db, { queue, runAt: new Date(Date.now() + 3600_000) });
    await w.drain();
    expect(calls).toBe(0);
    expect((await jobRow(id)).status).toBe('queued');
  });

  it('enqueues once per dedupeKey and returns the same id', async () => {
    const w = workers();
    const queue = q('dedupe');
    let calls = 0;
    w.register(queue, async () => {
      calls++;
    });
    const key = `dedupe-${n}`;
    const a = await w.enqueue(sut.db, { queue, dedupeKey: key, payload: { v: 1 } });
    const b = await w.enqueue(sut.db, { queue, dedupeKey: key, payload: { v: 2 } });
    expect(b).toBe(a);
    expect(await sut.db.select().from(jobs).where(eq(jobs.dedupeKey, key))).toHaveLength(1);
    await w.drain();
    await w.enqueue(sut.db, { queue, dedupeKey: key });
    await w.drain();
    expect(calls).toBe(1);
  });

  it('computes exponential backoff with bounded jitter', () => {
    expect(backoffDelay(1, 1000, () => 0)).toBe(800);
    expect(backoffDelay(1, 1000, () => 1)).toBe(1200);
    expect(backoffDelay(3, 1000, () => 0.5)).toBe(4000);
    expect(backoffDelay(4, 1000, () => 0.5)).toBe(8000);
    expect(backoffDelay(40, 1000, () => 0.5)).toBe(3600_000);
  });

  it('retries a failing job with backoff, then leaves it dead after maxAttempts', async () => {
    const w = workers();
    const queue = q('fail');
    let calls = 0;
    w.register(
      queue,
      async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
      { maxAttempts: 3, backoffMs: 100 },
    );
    const id = await w.enqueue(sut.db, { queue });

    await w.drain(1);
    const first = await jobRow(id);
    expect(calls).toBe(1);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1', lockedUntil: null });
    expect(first.runAt.getTime()).toBeGreaterThan(first.createdAt.getTime());

    await until('second attempt', async () => {
      await w.drain(1);
      return calls >= 2;
    });
    const second = await jobRow(id);
    expect(second).toMatchObject({ status: 'queued', attempts: 2, lastError: 'boom 2' });
    expect(second.runAt.getTime()).toBeGreaterThan(first.runAt.getTime());

    await until('dead', async () => {
      await w.drain(1);
      return (await jobRow(id)).status === 'dead';
    });
    const dead = await jobRow(id);
    expect(calls).toBe(3);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, maxAttempts: 3, lastError: 'boom 3' });
    expect(dead.finishedAt).not.toBeNull();
    await sleep(100);
    await w.drain(1);
    expect(calls).toBe(3);
  });

  it('sends a job that fails with PermanentJobError straight to dead', async () => {
    const w = workers();
    const queue = q('permanent');
    let calls = 0;
    w.register(queue, async () => {
      calls++;
      throw new PermanentJobError('no such row');
    });
    const id = await w.enqueue(sut.db, { queue, maxAttempts: 5 });
    await w.drain();
    expect(calls).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'no such row' });
  });

  it('takes again a job whose worker died (lock expired), but not one still locked', async () => {
    const w = workers();
    const queue = q('crash');
    const ran: string[] = [];
    w.register(queue, async (job) => {
      ran.push(job.id);
    });
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3600_000);
    const [crashed, alive, exhausted] = await sut.db
      .insert(jobs)
      .values([
        { queue, status: 'running', attempts: 1, lockedUntil: past, lockedBy: 'gone:1', runAt: past },
        { queue, status: 'running', attempts: 1, lockedUntil: future, lockedBy: 'alive:1', runAt: past },
        { queue, status: 'running', attempts: 5, maxAttempts: 5, lockedUntil: past, lockedBy: 'gone:2', runAt: past },
      ])
      .returning();
    if (!crashed || !alive || !exhausted) throw new Error('insert');

    await w.drain();
    expect(ran).toEqual([crashed.id]);
    expect(await jobRow(crashed.id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: w.workerId });
    expect(await jobRow(alive.id)).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'alive:1' });
    const buried = await jobRow(exhausted.id);
    expect(buried.status).toBe('dead');
    expect(buried.lastError).toMatch(/lock expired/);
  });

  it('ignores the late outcome of a worker whose lock was taken over', async () => {
    // A long lock, so no heartbeat runs during the test: the lock is expired by hand below.
    const slow = workers(sut.db, { lockMs: 60_000 });
    const fast = workers();
    const queue = q('takeover');
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const runs: string[] = [];
    slow.register(queue, async () => {
      runs.push('slow');
      await gate;
      throw new Error('late failure');
    });
    fast.register(queue, async () => {
      runs.push('fast');
    });
    const id = await slow.enqueue(sut.db, { queue });
    slow.start(1);
    await until('slow worker took the job', async () => runs.length === 1);
    // Simulate the slow worker's process freezing: its lock expires and the other worker takes over.
    await sut.db
      .update(jobs)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, id));
    await fast.drain();
    expect(runs).toEqual(['slow', 'fast']);
    release();
    await slow.stop();
    expect(await jobRow(id)).toMatchObject({ status: 'done', lockedBy: fast.workerId, lastError: null });
  });

  it('keeps extending the lock of a long job so no other worker takes it', async () => {
    const a = workers(sut.db, { lockMs: 600 });
    const b = workers();
    const queue = q('heartbeat');
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    a.register(queue, async () => {
      runs++;
      await gate;
    });
    b.register(queue, async () => {
      runs++;
    });
    const id = await a.enqueue(sut.db, { queue });
    a.start(1);
    await until('job started', async () => runs === 1);
    const locked = (await jobRow(id)).lockedUntil?.getTime() ?? 0;
    // Wait until the first lock would have expired and a heartbeat has pushed it further.
    await until('lock extended past its first expiry', async () => {
      const now = Date.now();
      return now > locked && ((await jobRow(id)).lockedUntil?.getTime() ?? 0) > now;
    });
    await b.drain();
    expect(runs).toBe(1);
    release();
    await a.stop();
    expect((await jobRow(id)).status).toBe('done');
  });

  it('stop() lets the running job finish and takes no new one', async () => {
    const w = workers();
    const queue = q('stop');
    let started = 0;
    let finished = 0;
    w.register(queue, async () => {
      started++;
      await sleep(150);
      finished++;
    });
    await w.enqueue(sut.db, { queue });
    w.start(1);
    await until('job started', async () => started === 1);
    await w.stop();
    expect(finished).toBe(1);
    const later = await w.enqueue(sut.db, { queue });
    await sleep(100);
    expect(started).toBe(1);
    expect((await jobRow(later)).status).toBe('queued');
  });

  it('runs jobs of a concurrency-1 worker (the loop itself does not take the only slot)', async () => {
    const w = workers();
    const queue = q('conc1');
    let calls = 0;
    w.register(queue, async () => {
      calls++;
    });
    for (let i = 0; i < 3; i++) await w.enqueue(sut.db, { queue });
    w.start(1);
    await until('three jobs', async () => calls === 3);
    await w.stop();
  });
});

describe('outbox', () => {
  it('delivers nothing when the transaction rolls back', async () => {
    const w = workers();
    const type = q('rolled');
    let calls = 0;
    w.on(type, `h-${type}`, async () => {
      calls++;
    });
    await expect(
      sut.db.transaction(async (tx) => {
        await w.emit(tx, sut.tenant.id, type, { x: 1 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await w.drain();
    expect(calls).toBe(0);
    expect(await sut.db.select().from(outboxEvents).where(eq(outboxEvents.type, type))).toHaveLength(0);
  });

  it('delivers a committed event exactly once to each subscriber, however often drain runs', async () => {
    const w = workers();
    const type = q('committed');
    const got: Record<string, unknown[]> = { a: [], b: [] };
    w.on(type, `a-${type}`, async (e) => {
      got.a?.push(e);
    });
    w.on(type, `b-${type}`, async (e) => {
      got.b?.push(e);
    });
    await sut.db.transaction((tx) => w.emit(tx, sut.tenant.id, type, { caseId: 'c1' }));
    await w.drain();
    await w.drain();
    expect(got.a).toHaveLength(1);
    expect(got.b).toHaveLength(1);
    expect(got.a?.[0]).toMatchObject({ tenantId: sut.tenant.id, type, payload: { caseId: 'c1' } });
    const [event] = await sut.db.select().from(outboxEvents).where(eq(outboxEvents.type, type));
    expect(event?.dispatchedAt).not.toBeNull();
  });

  it('makes a job only for the subscribers whose filter wants the event', async () => {
    const w = workers();
    const type = q('filtered');
    const got: Record<string, unknown[]> = { all: [], fee: [] };
    w.on(type, `all-${type}`, async (e) => {
      got.all?.push(e.payload);
    });
    w.on(
      type,
      `fee-${type}`,
      async (e) => {
        got.fee?.push(e.payload);
      },
      { when: (p) => p.hasFee === true },
    );
    await sut.db.transaction(async (tx) => {
      await w.emit(tx, sut.tenant.id, type, { n: 1, hasFee: false });
      await w.emit(tx, sut.tenant.id, type, { n: 2, hasFee: true });
    });
    await w.drain();
    expect(got.all).toHaveLength(2);
    expect(got.fee).toEqual([{ n: 2, hasFee: true }]);
    const made = await sut.db
      .select({ queue: jobs.queue })
      .from(jobs)
      .where(inArray(jobs.queue, [`event:all-${type}`, `event:fee-${type}`]));
    expect(made.filter((j) => j.queue === `event:fee-${type}`)).toHaveLength(1);
    expect(made.filter((j) => j.queue === `event:all-${type}`)).toHaveLength(2);
  });

  it('retries a failing subscriber without re-running the others', async () => {
    const w = workers();
    const type = q('partial');
    let ok = 0;
    let bad = 0;
    w.on(type, `ok-${type}`, async () => {
      ok++;
    });
    w.on(
      type,
      `bad-${type}`,
      async () => {
        bad++;
        if (bad === 1) throw new Error('first time fails');
      },
      { backoffMs: 10 },
    );
    await w.emit(sut.db, sut.tenant.id, type, {});
    await until('bad subscriber retried', async () => {
      await w.drain();
      return bad === 2;
    });
    expect(ok).toBe(1);
  });
});

describe('cron', () => {
  it('fires a due schedule once and advances next_run_at', async () => {
    const w = workers();
    const queue = q('cron');
    const name = `sched-${queue}`;
    let calls = 0;
    w.register(queue, async (job) => {
      calls++;
      expect(job.payload).toEqual({ kind: 'nightly' });
    });
    await w.schedule(name, '0 3 * * *', queue, { kind: 'nightly' });
    const [scheduled] = await sut.db.select().from(cronSchedules).where(eq(cronSchedules.name, name));
    expect(scheduled?.nextRunAt.getTime()).toBeGreaterThan(Date.now());

    await w.drain();
    expect(calls).toBe(0);

    const due = new Date(Date.now() - 1000);
    await sut.db.update(cronSchedules).set({ nextRunAt: due }).where(eq(cronSchedules.name, name));
    await w.drain();
    await w.drain();
    expect(calls).toBe(1);
    const [after] = await sut.db.select().from(cronSchedules).where(eq(cronSchedules.name, name));
    expect(after?.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(after?.lastRunAt).not.toBeNull();
  });

  it('keeps next_run_at when re-declared unchanged and reschedules when the expression changes', async () => {
    const w = workers();
    const queue = q('cron2');
    const name = `sched-${queue}`;
    await w.schedule(name, '0 3 * * *', queue);
    const pinned = new Date('2030-01-01T00:00:00Z');
    await sut.db.update(cronSchedules).set({ nextRunAt: pinned }).where(eq(cronSchedules.name, name));
    await w.schedule(name, '0 3 * * *', queue);
    let [row] = await sut.db.select().from(cronSchedules).where(eq(cronSchedules.name, name));
    expect(row?.nextRunAt.toISOString()).toBe(pinned.toISOString());
    await w.schedule(name, '*/5 * * * *', queue);
    [row] = await sut.db.select().from(cronSchedules).where(eq(cronSchedules.name, name));
    expect(row?.cron).toBe('*/5 * * * *');
    expect(row?.nextRunAt.getTime()).toBeLessThan(pinned.getTime());
  });

  it('rejects an invalid cron expression', async () => {
    await expect(workers().schedule('bad', 'not a cron', 'x')).rejects.toThrow();
  });
});

describe('two workers on one database', () => {
  it('never run the same job twice', async () => {
    // On PostgreSQL the second worker gets its own connection pool, as another process would;
    // on PGlite both share the one embedded connection.
    const client = (sut.db as unknown as { $client: { options?: { connectionString?: string } } }).$client;
    const url = client.options?.connectionString;
    const second: Database | undefined = url ? await openDatabase({ url, poolSize: 4 }) : undefined;
    const a = workers(sut.db);
    const b = workers(second?.db ?? sut.db);
    const queue = q('race');
    const runs: { job: string; worker: string }[] = [];
    for (const w of [a, b]) {
      w.register(queue, async (job) => {
        runs.push({ job: job.id, worker: w.workerId });
        await sleep(Math.random() * 5);
      });
    }
    const ids: string[] = [];
    await sut.db.transaction(async (tx) => {
      for (let i = 0; i < 200; i++) ids.push(await a.enqueue(tx, { queue, payload: { i } }));
    });
    try {
      a.start(4);
      b.start(4);
      await until(
        'all 200 jobs done',
        async () =>
          (
            await sut.db
              .select({ id: jobs.id })
              .from(jobs)
              .where(and(eq(jobs.queue, queue), eq(jobs.status, 'done')))
          ).length === 200,
        60_000,
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second?.close();
    }
    expect(runs).toHaveLength(200);
    expect(new Set(runs.map((r) => r.job)).size).toBe(200);
    expect(new Set(runs.map((r) => r.job))).toEqual(new Set(ids));
    // Both workers took part (they poll every 20 ms and jobs take a few ms each).
    expect(new Set(runs.map((r) => r.worker)).size).toBe(2);
  });
});

describe('clean-up', () => {
  it('deletes finished jobs after 7 days and dispatched events after 30, keeps the rest', async () => {
    const w = workers();
    const queue = q('cleanup');
    const days = (d: number) => new Date(Date.now() - d * 86_400_000);
    const made = await sut.db
      .insert(jobs)
      .values([
        { queue, status: 'done', finishedAt: days(8) },
        { queue, status: 'cancelled', finishedAt: days(9) },
        { queue, status: 'done', finishedAt: days(1) },
        { queue, status: 'dead', finishedAt: days(40) },
        { queue, status: 'queued', runAt: days(20) },
      ])
      .returning();
    const type = q('cleanup-events');
    const events = await sut.db
      .insert(outboxEvents)
      .values([
        { tenantId: sut.tenant.id, type, dispatchedAt: days(31) },
        { tenantId: sut.tenant.id, type, dispatchedAt: days(2) },
      ])
      .returning();
    await w.cleanup();
    const left = await sut.db
      .select({ status: jobs.status })
      .from(jobs)
      .where(
        inArray(
          jobs.id,
          made.map((j) => j.id),
        ),
      );
    expect(left.map((j) => j.status).sort()).toEqual(['dead', 'done', 'queued']);
    const leftEvents = await sut.db
      .select()
      .from(outboxEvents)
      .where(
        inArray(
          outboxEvents.id,
          events.map((e) => e.id),
        ),
      );
    expect(leftEvents).toHaveLength(1);
    expect(leftEvents[0]?.id).toBe(events[1]?.id);
  });

  it('is scheduled daily by the platform', async () => {
    const [row] = await sut.db.select().from(cronSchedules).where(eq(cronSchedules.name, 'jobs.cleanup'));
    expect(row).toMatchObject({ queue: CLEANUP_QUEUE, cron: '17 3 * * *' });
  });
});

describe('jobs API', () => {
  async function admin() {
    const user = await makeStaff(sut.db, sut.tenant.id, 'admin');
    return { ...sut.headers(), cookie: await sessionCookie(sut.db, user) };
  }
  async function seedJobs() {
    const other = await makeTenant(sut.db);
    const queue = q('api');
    const [dead, queued, running, foreign] = await sut.db
      .insert(jobs)
      .values([
        { queue, tenantId: sut.tenant.id, status: 'dead', attempts: 5, lastError: 'smtp down', finishedAt: new Date() },
        { queue, tenantId: sut.tenant.id, status: 'queued' },
        { queue, tenantId: sut.tenant.id, status: 'running', attempts: 1, lockedUntil: new Date(Date.now() + 60_000) },
        { queue, tenantId: other.id, status: 'dead', attempts: 5 },
      ])
      .returning();
    if (!dead || !queued || !running || !foreign) throw new Error('insert');
    return { queue, dead, queued, running, foreign };
  }

  it("lists the tenant's dead jobs only, without payloads", async () => {
    const headers = await admin();
    const { queue, dead } = await seedJobs();
    const res = await sut.app.inject({ method: 'GET', url: `/api/jobs?status=dead&queue=${queue}`, headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: dead.id, status: 'dead', attempts: 5, lastError: 'smtp down' });
    expect(items[0].payload).toBeUndefined();
    const running = await sut.app.inject({ method: 'GET', url: `/api/jobs?status=running&queue=${queue}`, headers });
    expect(running.json().items).toHaveLength(1);
  });

  it('refuses non-administrators and anonymous callers, and rejects a bad status naming the field', async () => {
    const employee = await makeStaff(sut.db, sut.tenant.id, 'employee');
    const asEmployee = await sut.app.inject({
      method: 'GET',
      url: '/api/jobs',
      headers: { ...sut.headers(), cookie: await sessionCookie(sut.db, employee) },
    });
    expect(asEmployee.statusCode).toBe(403);
    expect((await sut.app.inject({ method: 'GET', url: '/api/jobs', headers: sut.headers() })).statusCode).toBe(401);
    const bad = await sut.app.inject({ method: 'GET', url: '/api/jobs?status=exploded', headers: await admin() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields?.[0]?.field).toBe('status');
  });

  it('retries a dead job: queued with fresh attempts, audited', async () => {
    const headers = await admin();
    const { dead, queued, foreign } = await seedJobs();
    const res = await sut.app.inject({ method: 'POST', url: `/api/jobs/${dead.id}/retry`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: dead.id, status: 'queued', attempts: 0, finishedAt: null });
    const [entry] = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, dead.id), eq(auditLog.action, 'jobs.retry')));
    expect(entry).toMatchObject({ tenantId: sut.tenant.id, entity: 'job', actorKind: 'staff' });

    const again = await sut.app.inject({ method: 'POST', url: `/api/jobs/${queued.id}/retry`, headers });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('jobs.not_retryable');
    const other = await sut.app.inject({ method: 'POST', url: `/api/jobs/${foreign.id}/retry`, headers });
    expect(other.statusCode).toBe(404);
    expect((await jobRow(foreign.id)).status).toBe('dead');
    const en = await sut.app.inject({
      method: 'POST',
      url: '/api/jobs/00000000-0000-4000-8000-000000000000/retry',
      headers: { ...headers, 'accept-language': 'en' },
    });
    expect(en.json()).toEqual({ code: 'jobs.not_found', message: 'Job not found.' });
  });

  it('cancels queued and dead jobs, audited, but not running ones', async () => {
    const headers = await admin();
    const { dead, queued, running } = await seedJobs();
    for (const j of [queued, dead]) {
      const res = await sut.app.inject({ method: 'DELETE', url: `/api/jobs/${j.id}`, headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('cancelled');
    }
    const audits = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'jobs.cancel'), inArray(auditLog.entityId, [queued.id, dead.id])));
    expect(audits).toHaveLength(2);
    const res = await sut.app.inject({ method: 'DELETE', url: `/api/jobs/${running.id}`, headers });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('jobs.not_cancellable');
    expect((await jobRow(running.id)).status).toBe('running');
    const badId = await sut.app.inject({ method: 'DELETE', url: '/api/jobs/not-a-uuid', headers });
    expect(badId.statusCode).toBe(400);
  });
});
