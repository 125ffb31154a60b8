import { checkSolution, type Problem } from '@dimos/vrp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaff, makeTenant, sessionCookie } from '../../../test/factories.js';
import { vrpRuns } from './schema.js';
import { seedVrpDemo } from './seed.js';
import { recoverRuns } from './solve.service.js';

let sut: TestApp;
let planner: Record<string, string>;
let address: string;
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field
type Json = Record<string, any>;

const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
  sut.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Json } : {}) });

/** A capacitated problem on a 100 × 100 plane, the same for a given seed. */
function problem(n: number, seed = 7): Problem {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return {
    vehicles: [{ id: 'truck', start: [50, 50], capacity: [100], count: 6 }],
    jobs: Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      location: [Math.round(rnd() * 100), Math.round(rnd() * 100)] as [number, number],
      pickup: [5 + Math.floor(rnd() * 20)],
    })),
    options: { metric: 'euclidean' },
  };
}

async function store(headers: Record<string, string>, p: unknown, name = 'Γύρος απορριμμάτων') {
  return call('POST', '/api/vrp/problems', headers, { name, problem: p });
}

/** Reads a run's event stream until the server closes it. */
async function openEvents(runId: string, headers: Record<string, string>) {
  const res = await fetch(`${address}/api/vrp/runs/${runId}/events?ttl=300`, { headers });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  const done = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  })();
  return { text: () => text, done };
}

function events(text: string) {
  return text
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) as Json } : null;
    })
    .filter((e) => e !== null);
}

beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['vrp'] });
  address = await sut.app.listen({ port: 0, host: '127.0.0.1' });
  const u = await makeStaff(sut.db, sut.tenant.id, 'employee');
  planner = sut.headers({ cookie: await sessionCookie(sut.db, u) });
}, 180_000);
afterAll(async () => sut?.close());

// solves take seconds each on a busy machine: the tier's 30 s default is too tight for a whole solve
describe('solving a stored problem', { timeout: 240_000 }, () => {
  let problemId: string;
  let first: Json;

  it('stores a problem, solves it in a worker thread with progress over SSE, and the answer passes the checker', async () => {
    const p = problem(30);
    const stored = await store(planner, p);
    expect(stored.statusCode).toBe(201);
    problemId = stored.json().id;
    expect(stored.json()).toMatchObject({ jobCount: 30, vehicleCount: 6 });

    const started = await call('POST', `/api/vrp/problems/${problemId}/runs`, planner, { seed: 3, timeLimit: 60 });
    expect(started.statusCode).toBe(202);
    const runId = started.json().id;
    expect(started.json()).toMatchObject({ status: 'queued', options: { seed: 3, timeLimit: 60, anytime: false } });

    const stream = await openEvents(runId, planner);
    await sut.platform.jobs.drain();
    await stream.done;
    const evs = events(stream.text());
    const progress = evs.filter((e) => e.event === 'progress');
    expect(evs.some((e) => e.event === 'status' && e.data.status === 'running')).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    const costs = progress.map((e) => e.data.bestCost as number);
    expect(costs).toEqual([...costs].sort((a, b) => b - a)); // best cost only improves
    expect(evs.at(-1)).toMatchObject({ event: 'end', data: { status: 'done', stoppedBy: 'converged' } });

    const run = (await call('GET', `/api/vrp/runs/${runId}`, planner)).json();
    expect(run).toMatchObject({ status: 'done', stoppedBy: 'converged', verdict: { ok: true, errors: [] } });
    expect(run.progress.length).toBe(progress.length);
    expect(run.cost).toBeCloseTo(costs.at(-1)!, 6);
    // the test's own check of the stored answer against the problem
    const check = checkSolution(p, run.answer);
    expect(check.errors).toEqual([]);
    expect(check.ok).toBe(true);
    expect((run.answer.unassigned as unknown[]).length).toBe(0);
    first = run;
  });

  it('reproduces a plan: the same inputs and seed give the same hash and the same answer; another seed another hash', async () => {
    const again = await call('POST', `/api/vrp/problems/${problemId}/runs`, planner, { seed: 3, timeLimit: 60 });
    const other = await call('POST', `/api/vrp/problems/${problemId}/runs`, planner, { seed: 4, timeLimit: 60 });
    expect(again.json().inputsHash).toBe(first.inputsHash);
    expect(other.json().inputsHash).not.toBe(first.inputsHash);
    await call('POST', `/api/vrp/runs/${other.json().id}/cancel`, planner);
    await sut.platform.jobs.drain();
    const rerun = (await call('GET', `/api/vrp/runs/${again.json().id}`, planner)).json();
    expect(rerun.status).toBe('done');
    expect(rerun.answer).toEqual(first.answer);
    expect(rerun.progress.map((p: Json) => p.cost)).toEqual(first.progress.map((p: Json) => p.cost));
    const list = (await call('GET', `/api/vrp/runs?problemId=${problemId}`, planner)).json();
    expect(list.items).toHaveLength(3);
  });

  it('answers /api/health while a solve runs, and a cancel keeps the best plan found so far', async () => {
    const started = await call('POST', `/api/vrp/problems/${problemId}/runs`, planner, { seed: 1, timeLimit: 120, anytime: true });
    const runId = started.json().id;
    const stream = await openEvents(runId, planner);
    const draining = sut.platform.jobs.drain();
    // once the search has reported a cost, it runs until the time limit (anytime) or a cancel
    await expect.poll(() => events(stream.text()).some((e) => e.event === 'progress'), { timeout: 60_000 }).toBe(true);
    const health = await fetch(`${address}/api/health`);
    expect(health.status).toBe(200);
    expect((await call('GET', `/api/vrp/runs/${runId}`, planner)).json().status).toBe('running');

    const cancelled = await call('POST', `/api/vrp/runs/${runId}/cancel`, planner);
    expect(cancelled.statusCode).toBe(200);
    await draining;
    await stream.done;
    expect(events(stream.text()).at(-1)).toMatchObject({ event: 'end', data: { status: 'cancelled', stoppedBy: 'cancelled' } });
    const run = (await call('GET', `/api/vrp/runs/${runId}`, planner)).json();
    expect(run).toMatchObject({ status: 'cancelled', stoppedBy: 'cancelled', verdict: { ok: true } });
    expect(checkSolution(problem(30), run.answer).ok).toBe(true);
    expect((await call('POST', `/api/vrp/runs/${runId}/cancel`, planner)).statusCode).toBe(409);
  });

  it('cancels a queued run before it starts', async () => {
    const started = await call('POST', `/api/vrp/problems/${problemId}/runs`, planner, {});
    const runId = started.json().id;
    expect((await call('POST', `/api/vrp/runs/${runId}/cancel`, planner)).json().status).toBe('cancelled');
    await sut.platform.jobs.drain();
    const run = (await call('GET', `/api/vrp/runs/${runId}`, planner)).json();
    expect(run).toMatchObject({ status: 'cancelled', answer: null, startedAt: null });
  });

  it('takes up a run that a stopped process left running: nothing is lost', async () => {
    const [run] = await sut.db
      .insert(vrpRuns)
      .values({
        tenantId: sut.tenant.id,
        problemId,
        options: { seed: 3, timeLimit: 60, anytime: false },
        inputsHash: first.inputsHash,
        solverVersion: first.solverVersion,
        status: 'running',
        attempts: 1,
        startedAt: new Date(Date.now() - 600_000),
        heartbeatAt: new Date(Date.now() - 600_000),
      })
      .returning();
    expect(await recoverRuns(sut.platform)).toBe(1);
    expect((await call('GET', `/api/vrp/runs/${run!.id}`, planner)).json().status).toBe('queued');
    await sut.platform.jobs.drain();
    const after = (await call('GET', `/api/vrp/runs/${run!.id}`, planner)).json();
    expect(after).toMatchObject({ status: 'done', verdict: { ok: true } });
    expect(after.answer).toEqual(first.answer);
    const [row] = await sut.db.select({ attempts: vrpRuns.attempts }).from(vrpRuns).where(eq(vrpRuns.id, run!.id));
    expect(row!.attempts).toBe(2);
  });
});

describe('the demo municipality', { timeout: 240_000 }, () => {
  it('has the garbage round (trucks unloading at the landfill), and it solves with the checker’s approval', async () => {
    const t = await makeTenant(sut.db);
    await seedVrpDemo(sut.platform, t.id);
    const u = await makeStaff(sut.db, t.id, 'employee');
    const h = { 'x-tenant': t.slug, cookie: await sessionCookie(sut.db, u) };
    const [demo] = (await call('GET', '/api/vrp/problems', h)).json().items;
    expect(demo.jobCount).toBeGreaterThan(10);
    const run = (await call('POST', `/api/vrp/problems/${demo.id}/runs`, h, {})).json();
    await sut.platform.jobs.drain();
    const done = (await call('GET', `/api/vrp/runs/${run.id}`, h)).json();
    expect(done).toMatchObject({ status: 'done', verdict: { ok: true, errors: [] } });
    const stored = (await call('GET', `/api/vrp/problems/${demo.id}`, h)).json();
    expect(checkSolution(stored.problem, done.answer).ok).toBe(true);
    const steps = (done.answer.routes as Json[]).flatMap((r) => r.steps as Json[]);
    expect(steps.some((st) => st.type === 'facility')).toBe(true);
  });
});

describe('limits and bad input', { timeout: 120_000 }, () => {
  let small: { slug: string; headers: Record<string, string> };

  beforeAll(async () => {
    const t = await makeTenant(sut.db, { settings: { vrp: { maxJobs: 10, maxVehicles: 3, maxTimeLimit: 20, maxConcurrentRuns: 1 } } });
    const u = await makeStaff(sut.db, t.id, 'head');
    small = { slug: t.slug, headers: { 'x-tenant': t.slug, cookie: await sessionCookie(sut.db, u) } };
  });

  it('refuses a problem over the size limits, naming the field, in Greek first and in English', async () => {
    const big = await store(small.headers, problem(11));
    expect(big.statusCode).toBe(400);
    expect(big.json().fields[0]).toMatchObject({ field: 'problem.jobs', code: 'vrp.too_many_jobs' });
    expect(big.json().message).toBe('Το πρόβλημα έχει 11 εργασίες· ο δήμος επιτρέπει έως 10.');
    const en = await store({ ...small.headers, 'accept-language': 'en' }, problem(11));
    expect(en.json().message).toBe('The problem has 11 jobs; the municipality allows at most 10.');

    const fleet = { ...problem(5), vehicles: [{ id: 'v', start: [0, 0], capacity: [100], count: 4 }] };
    const many = await store(small.headers, fleet);
    expect(many.statusCode).toBe(400);
    expect(many.json().fields[0]).toMatchObject({ field: 'problem.vehicles', code: 'vrp.too_many_vehicles' });
  });

  it('refuses a time limit over the tenant’s and a run beyond its concurrent runs', async () => {
    const id = (await store(small.headers, { ...problem(8), vehicles: [{ id: 'v', start: [50, 50], capacity: [100], count: 2 }] })).json()
      .id;
    const long = await call('POST', `/api/vrp/problems/${id}/runs`, small.headers, { timeLimit: 21 });
    expect(long.statusCode).toBe(400);
    expect(long.json().fields[0]).toMatchObject({ field: 'timeLimit', code: 'vrp.time_limit_too_long' });
    const one = await call('POST', `/api/vrp/problems/${id}/runs`, small.headers, { timeLimit: 20 });
    expect(one.statusCode).toBe(202);
    const two = await call('POST', `/api/vrp/problems/${id}/runs`, small.headers, { timeLimit: 20 });
    expect(two.statusCode).toBe(429);
    expect(two.json()).toMatchObject({ code: 'vrp.too_many_runs' });
    // the limit is the municipality's: the default tenant's runs are not counted against it, and back to one after the run ends
    await sut.platform.jobs.drain();
    expect((await call('POST', `/api/vrp/problems/${id}/runs`, small.headers, { timeLimit: 20 })).statusCode).toBe(202);
    await sut.platform.jobs.drain();
  });

  it('stores a problem with its own matrices, larger than the platform’s usual body limit', async () => {
    const size = 400;
    const matrix = Array.from({ length: size }, (_, i) =>
      Array.from({ length: size }, (_, j) => Math.abs(i - j) * 137 + (i === j ? 0 : 1000)),
    );
    const p = {
      vehicles: [{ id: 'v', start_index: 0, capacity: [1000] }],
      jobs: Array.from({ length: 9 }, (_, i) => ({ id: i + 1, location_index: i + 1, pickup: [1] })),
      matrices: { durations: matrix, distances: matrix },
    };
    expect(JSON.stringify(p).length).toBeGreaterThan(1024 * 1024);
    const stored = await store(small.headers, p);
    expect(stored.statusCode, stored.body.slice(0, 300)).toBe(201);
  });

  it('answers a bad problem with 400 and the field the solver names', async () => {
    const p = problem(3) as Json;
    p.jobs[1].pickup = [1, 2];
    const bad = await store(planner, p);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'problem.jobs[1].pickup', code: 'vrp.problem_invalid' });
    expect(bad.json().message).toBe('Το πρόβλημα δρομολόγησης δεν είναι έγκυρο στο πεδίο problem.jobs[1].pickup.');
    const noFleet = await store(planner, { jobs: [] });
    expect(noFleet.statusCode).toBe(400);
    expect(noFleet.json().fields[0].field).toBe('problem.vehicles');
    const noName = await call('POST', '/api/vrp/problems', planner, { name: '', problem: problem(2) });
    expect(noName.json().fields[0].field).toBe('name');
  });
});

describe('who may plan', { timeout: 120_000 }, () => {
  it('keeps each municipality’s problems and runs to itself', async () => {
    const id = (await store(planner, problem(4))).json().id;
    const run = (await call('POST', `/api/vrp/problems/${id}/runs`, planner, {})).json();
    const t = await makeTenant(sut.db);
    const u = await makeStaff(sut.db, t.id, 'admin');
    const other = { 'x-tenant': t.slug, cookie: await sessionCookie(sut.db, u) };
    expect((await call('GET', `/api/vrp/problems/${id}`, other)).statusCode).toBe(404);
    expect((await call('POST', `/api/vrp/problems/${id}/runs`, other, {})).statusCode).toBe(404);
    expect((await call('GET', `/api/vrp/runs/${run.id}`, other)).statusCode).toBe(404);
    expect((await call('GET', `/api/vrp/runs/${run.id}/events`, other)).statusCode).toBe(404);
    expect((await call('POST', `/api/vrp/runs/${run.id}/cancel`, other)).statusCode).toBe(404);
    expect((await call('GET', '/api/vrp/problems', other)).json().items).toEqual([]);
    expect((await call('GET', '/api/vrp/runs', other)).json().items).toEqual([]);
    await sut.platform.jobs.drain();
    expect((await call('GET', `/api/vrp/runs/${run.id}`, planner)).json().status).toBe('done');
  });

  it('needs the route-planning permission', async () => {
    const council = await makeStaff(sut.db, sut.tenant.id, 'council');
    const h = sut.headers({ cookie: await sessionCookie(sut.db, council) });
    expect((await call('GET', '/api/vrp/problems', h)).statusCode).toBe(403);
    expect((await call('GET', '/api/vrp/problems', sut.headers())).statusCode).toBe(401);
  });
});
