/**
 * Case submission benchmark (issue 4, item 10a): 200 concurrent `POST /api/cases` split across
 * two server processes on one fresh PostgreSQL database (one with jobs in-process, one without, as
 * in production behind a load balancer), each from its own anonymous device with its own
 * Idempotency-Key. Prints requests/s and p50/p99 latency, each against the same 200 concurrent
 * requests to `/api/health` on the same servers, and checks in SQL that the 200 protocol numbers of
 * this year are exactly 1..200: unique and gap-free. Fails when they are not or a submission failed.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createBenchDb, percentile, runCli } from './cases-lib.js';
import { type BenchResult, fmt, freePort, type Proc, SERVER_DIR, SERVER_MAIN, startNode, waitFor } from './lib.js';

const N = 200;
const TENANT = 'demo';

type Shot = { ms: number; status: number; body: string };
type Round = { shots: Shot[]; wallMs: number };

/** Fires all requests at once and waits for every answer. */
async function round(make: (i: number) => Promise<Response>): Promise<Round> {
  const start = performance.now();
  const shots = await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const t = performance.now();
      const res = await make(i);
      const body = await res.text();
      return { ms: performance.now() - t, status: res.status, body };
    }),
  );
  return { shots, wallMs: performance.now() - start };
}

const stats = (r: Round) => {
  const ms = r.shots.map((s) => s.ms);
  return { rps: (N / r.wallMs) * 1000, p50: percentile(ms, 50), p99: percentile(ms, 99) };
};

export default async function casesSubmitBench(): Promise<BenchResult> {
  const lines: string[] = [];
  const bdb = await createBenchDb('dimos_bench_submit');
  const dataDir = mkdtempSync(join(tmpdir(), 'dimos-bench-submit-'));
  const servers: Proc[] = [];
  try {
    await runCli('seed', { DATABASE_URL: bdb.url, NODE_ENV: 'production', DEMO_PASSWORD: `bench-${randomUUID()}` });
    const bases: string[] = [];
    for (const jobs of ['true', 'false']) {
      const port = await freePort();
      servers.push(
        startNode(SERVER_MAIN, ['serve'], {
          cwd: SERVER_DIR,
          env: {
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: String(port),
            DATA_DIR: dataDir,
            DATABASE_URL: bdb.url,
            SEED_DEMO: 'false',
            JOBS_IN_PROCESS: jobs,
            LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
          },
        }),
      );
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(bases.map((b, i) => waitFor(`${b}/api/ready`, servers[i] as Proc)));
    const base = (i: number) => bases[i % 2] as string;

    // A public case type anonymous devices may file, and a valid answer to its form.
    const typesRes = await fetch(`${bases[0]}/api/case-types`, { headers: { 'x-tenant': TENANT } });
    const types = (await typesRes.json()) as {
      key: string;
      snapshot: { anonymousAllowed: boolean; form: { fields: { id: string; kind: string; options?: { value: string }[] }[] } };
    }[];
    const type = types.find((t) => t.key === 'pothole') ?? types.find((t) => t.snapshot.anonymousAllowed);
    if (!type) throw new Error(`no public case type allows anonymous devices: ${JSON.stringify(types.map((t) => t.key))}`);
    const data: Record<string, unknown> = {};
    for (const f of type.snapshot.form.fields) {
      if (f.kind === 'choice' && f.options?.[0]) data[f.id] = f.options[0].value;
      else if (f.kind === 'text') data[f.id] = 'bench';
    }

    // One anonymous device per submission, each registered on the server that will take its case.
    const tokens: string[] = [];
    for (let i = 0; i < N; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, N - i) }, async (_, j) => {
          const res = await fetch(`${base(i + j)}/api/me`, { headers: { 'x-tenant': TENANT } });
          const token = res.headers.get('x-device-token');
          if (res.status !== 200 || !token) throw new Error(`GET /api/me gave no device token: HTTP ${res.status}`);
          return token;
        }),
      );
      tokens.push(...batch);
    }

    const pool = new pg.Pool({ connectionString: bdb.url, max: 2 });
    try {
      const [tenantRow] = (await pool.query<{ id: string }>('select id from tenants where slug = $1', [TENANT])).rows;
      if (!tenantRow) throw new Error('the demo tenant was not seeded');
      const year = (await pool.query<{ y: number }>(`select extract(year from now() at time zone 'Europe/Athens')::int as y`)).rows[0]?.y;
      const before = (await pool.query('select count(*)::int as n from cases where tenant_id = $1', [tenantRow.id])).rows[0].n as number;

      // the baseline, on the same servers, same concurrency (a first round warms up connections)
      const health = () => round((i) => fetch(`${base(i)}/api/health`));
      await health();
      const healthRound = await health();

      const submitRound = await round((i) =>
        fetch(`${base(i)}/api/cases`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-tenant': TENANT,
            'x-device-token': tokens[i] as string,
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({
            caseType: type.key,
            data,
            title: `Λακκούβα στην οδό Αγίου Δημητρίου ${i + 1}`,
            description: 'Μεγάλη λακκούβα μπροστά από το περίπτερο.',
            location: { lat: 40.63 + i / 100_000, lon: 22.94, address: `Αγίου Δημητρίου ${i + 1}` },
            channel: 'app',
          }),
        }),
      );

      const h = stats(healthRound);
      const s = stats(submitRound);
      const bad = submitRound.shots.filter((x) => x.status !== 201);
      const healthBad = healthRound.shots.filter((x) => x.status !== 200).length;
      const row = (name: string, x: ReturnType<typeof stats>, ref?: ReturnType<typeof stats>) =>
        `${name.padEnd(34)} ${fmt(x.rps).padStart(6)} req/s  p50 ${fmt(x.p50).padStart(5)} ms  p99 ${fmt(x.p99).padStart(5)} ms` +
        (ref ? `  ${fmt(x.rps / ref.rps, 3)}× health throughput, p99 ${fmt(x.p99 / ref.p99, 1)}× health p99` : '');
      lines.push(
        `PostgreSQL ${bdb.name}, 2 server processes (JOBS_IN_PROCESS true / false), ${N} concurrent requests, case type ${type.key}`,
      );
      lines.push(row('GET /api/health (baseline)', h));
      lines.push(row('POST /api/cases', s, h));
      if (healthBad) lines.push(`FAIL: ${healthBad} health requests not answered 200`);
      if (bad.length)
        lines.push(`FAIL: ${bad.length} submissions not answered 201, e.g. HTTP ${bad[0]?.status} ${bad[0]?.body.slice(0, 200)}`);

      // the protocol numbers: exactly 1..N this year, each once
      const { rows } = await pool.query<{ n: number; distinct: number; min: number; max: number; numbers: number }>(
        `select count(*)::int as n, count(distinct protocol_seq)::int as distinct, min(protocol_seq) as min, max(protocol_seq) as max,
                count(distinct protocol_number)::int as numbers
           from cases where tenant_id = $1 and protocol_year = $2`,
        [tenantRow.id, year],
      );
      const p = rows[0] as (typeof rows)[0];
      const counter = (await pool.query('select n from protocol_counters where tenant_id = $1 and year = $2', [tenantRow.id, year])).rows[0]
        ?.n as number | undefined;
      const answered = new Set(
        submitRound.shots.filter((x) => x.status === 201).map((x) => (JSON.parse(x.body) as { protocolNumber: string }).protocolNumber),
      );
      const gapFree =
        before === 0 &&
        p.n === N &&
        p.distinct === N &&
        p.min === 1 &&
        p.max === N &&
        p.numbers === N &&
        counter === N &&
        answered.size === N;
      lines.push(
        `protocol numbers ${year}: ${p.n} cases, ${p.distinct} distinct, min ${p.min}, max ${p.max}, counter ${counter}, ` +
          `${answered.size} distinct numbers answered — ${gapFree ? `OK: exactly 1..${N}, unique and gap-free` : 'FAIL: not exactly 1..N'}`,
      );

      const exits = await Promise.all(servers.map((x) => x.stop()));
      if (exits.some((e) => e !== 0)) lines.push(`FAIL: the servers exited with ${exits.join(', ')} on SIGTERM`);
      return { name: 'cases-submit', lines, pass: gapFree && !bad.length && !healthBad && exits.every((e) => e === 0) };
    } finally {
      await pool.end();
    }
  } finally {
    await Promise.all(servers.map((x) => x.stop()));
    await bdb.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
