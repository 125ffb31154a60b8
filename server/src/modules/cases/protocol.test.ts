import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { startProtocolImitation } from '../../../test/imitations/protocol.js';
import { jobs, outboxEvents } from '../../platform/jobs/jobs.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { makeCaseType, submit } from './cases.fixtures.js';
import { formatProtocolNumber, HttpProtocolSource, ProtocolUnavailable } from './protocol.service.js';
import { caseEvents, cases } from './schema.js';

let sut: TestApp;
let imitation: Awaited<ReturnType<typeof startProtocolImitation>>;
beforeAll(async () => {
  sut = await createTestApp();
  imitation = await startProtocolImitation({ token: 'secret-token' });
});
afterAll(async () => {
  await imitation.close();
  await sut.close();
});

async function useExternal(settings: Record<string, unknown>) {
  await sut.db
    .update(tenants)
    .set({ settings: { protocol: settings } })
    .where(eq(tenants.id, sut.tenant.id));
}

describe('protocol numbers', () => {
  it('formats numbers per the tenant’s pattern', async () => {
    expect(formatProtocolNumber('{n}/{yyyy}', 1234, 2026)).toBe('1234/2026');
    expect(formatProtocolNumber('ΔΗΜ-{yy}-{n:6}', 42, 2026)).toBe('ΔΗΜ-26-000042');
    await useExternal({ format: 'Α{n:4}/{yyyy}' });
    const type = await makeCaseType(sut);
    const res = await submit(sut, { caseType: type.key, data: {} });
    expect(res.json().protocolNumber).toMatch(/^Α\d{4}\/\d{4}$/);
    await useExternal({});
  });

  it('takes the number from the external system when it answers', async () => {
    await useExternal({ url: imitation.url, token: 'secret-token', timeoutMs: 2000, retries: 0 });
    const type = await makeCaseType(sut);
    const res = await submit(sut, { caseType: type.key, data: {}, title: 'Λακκούβα οδός Αθηνάς' });
    expect(res.statusCode).toBe(201);
    expect(res.json().protocolStatus).toBe('assigned');
    expect(res.json().protocolNumber).toMatch(/^ΠΡΩΤ-\d+$/);
    expect(imitation.received.at(-1)?.subject).toBe('Λακκούβα οδός Αθηνάς');
    expect(imitation.received.at(-1)?.authorization).toBe('Bearer secret-token');
  });

  it('accepts the case while the system is down, then numbers it from a retried job and tells the citizen', async () => {
    await useExternal({ url: imitation.url, token: 'secret-token', timeoutMs: 2000, retries: 1 });
    imitation.fail(6); // each try is an attempt and a quick retry: inline, then two job runs
    const type = await makeCaseType(sut);
    const res = await submit(sut, { caseType: type.key, data: {} });
    expect(res.statusCode).toBe(201);
    expect(res.json().protocolStatus).toBe('pending');
    expect(res.json().protocolNumber).toBeNull();
    const id = res.json().id as string;

    const runProtocolJobNow = async () => {
      await sut.db.execute(sql`update jobs set run_at = now() where queue = 'cases.protocol' and status = 'queued'`);
      await sut.platform.jobs.drain();
    };
    await runProtocolJobNow(); // fails (3rd)
    await runProtocolJobNow(); // fails (4th), still pending
    let [row] = await sut.db.select().from(cases).where(eq(cases.id, id));
    expect(row?.protocolStatus).toBe('pending');
    const [job] = await sut.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `case-protocol:${id}`));
    expect(job?.attempts).toBe(2);
    expect(job?.status).toBe('queued');

    await runProtocolJobNow(); // the system is back
    [row] = await sut.db.select().from(cases).where(eq(cases.id, id));
    expect(row?.protocolStatus).toBe('assigned');
    expect(row?.protocolNumber).toMatch(/^ΠΡΩΤ-\d+$/);
    const told = await sut.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.tenantId, sut.tenant.id), eq(outboxEvents.type, 'case.protocol_assigned')));
    expect(told.some((e) => e.payload.caseId === id && e.payload.protocolNumber === row?.protocolNumber)).toBe(true);
    const timeline = await sut.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(timeline.find((e) => e.kind === 'protocol_assigned')?.public).toBe(true);

    // the citizen can track it by code while pending and by number + code afterwards
    const tracked = await sut.app.inject({
      method: 'GET',
      url: `/api/track?code=${row?.trackingCode}&protocol=${encodeURIComponent(row?.protocolNumber ?? '')}`,
      headers: sut.headers(),
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().protocolNumber).toBe(row?.protocolNumber);
  });

  it('gives up on an attempt that hangs, within the timeout', async () => {
    const hanging = await startProtocolImitation({ failures: 5, hang: true });
    try {
      const source = new HttpProtocolSource(hanging.url, undefined, { timeoutMs: 200, retries: 1 });
      await expect(source.request({ subject: 'x', date: new Date(), unit: null })).rejects.toBeInstanceOf(ProtocolUnavailable);
    } finally {
      await hanging.close();
    }
  });
});
