import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUnit } from '../../../test/factories.js';
import { addWorkingDaysLocal, athensInstant, parseLocalDate } from '../../platform/calendar/index.js';
import { jobs, outboxEvents } from '../../platform/jobs/jobs.schema.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';
import { scanOverdue } from './overdue.job.js';
import { caseEvents, cases } from './schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

const track = (q: string) => sut.app.inject({ method: 'GET', url: `/api/track?${q}`, headers: sut.headers() });

describe('tracking', () => {
  it('finds a case by protocol number and tracking code, and nothing with a wrong pair', async () => {
    const type = await makeCaseType(sut);
    const res = await submit(sut, { caseType: type.key, data: {} });
    const { protocolNumber, trackingCode } = res.json();
    const ok = await track(`protocol=${encodeURIComponent(protocolNumber)}&code=${trackingCode}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stateName).toEqual({ el: 'Νέα', en: 'New' });
    expect(ok.json().expected.basis).toBe('sla');
    expect(ok.json().expected.median).toBe(res.json().dueDate);
    const lower = await track(`protocol=${encodeURIComponent(protocolNumber)}&code=${trackingCode.toLowerCase()}`);
    expect(lower.statusCode).toBe(200);
    const wrong = await track(`protocol=${encodeURIComponent('999/1999')}&code=${trackingCode}`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('tracking.not_found');
    const wrongCode = await track(`protocol=${encodeURIComponent(protocolNumber)}&code=AAAAAAAA`);
    expect(wrongCode.statusCode).toBe(404);
  });

  it('lists a citizen’s cases by device and hides other people’s', async () => {
    const type = await makeCaseType(sut);
    const mine = await submit(sut, { caseType: type.key, data: {} });
    const device = mine.headers['x-device-token'] as string;
    await submit(sut, { caseType: type.key, data: {} }); // someone else
    const list = await sut.app.inject({ method: 'GET', url: '/api/my/cases', headers: sut.headers({ 'x-device-token': device }) });
    expect(list.json().map((c: { id: string }) => c.id)).toEqual([mine.json().id]);
    const one = await sut.app.inject({
      method: 'GET',
      url: `/api/my/cases/${mine.json().id}`,
      headers: sut.headers({ 'x-device-token': device }),
    });
    expect(one.statusCode).toBe(200);
  });

  it('expects completion from the median and 80th percentile of real resolution times once 20 cases are resolved', async () => {
    const type = await makeCaseType(sut, { slaDays: 30 });
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const base = await submit(sut, { caseType: type.key, data: {} });
    const [tmpl] = await sut.db.select().from(cases).where(eq(cases.id, base.json().id));
    if (!tmpl) throw new Error('case');
    // 20 past cases filed on a Monday, resolved after 1..20 working days
    const monday = '2025-03-03';
    const rows = Array.from({ length: 20 }, (_, i) => {
      const resolvedDay = addWorkingDaysLocal(monday, i + 1);
      const { id: _id, search: _s, ...rest } = tmpl;
      return {
        ...rest,
        protocolNumber: `H${i}/2025`,
        trackingCode: `HIST${String(i).padStart(4, '2')}`.slice(0, 8),
        unitId: unit.id,
        state: 'resolved',
        stateCategory: 'resolved' as const,
        submittedAt: athensInstant(parseLocalDate(monday), 10),
        resolvedAt: athensInstant(parseLocalDate(resolvedDay), 12),
      };
    });
    const before = await track(`protocol=${encodeURIComponent(base.json().protocolNumber)}&code=${base.json().trackingCode}`);
    expect(before.json().expected.basis).toBe('sla');
    await sut.db.insert(cases).values(rows.slice(0, 19));
    const nineteen = await track(`protocol=${encodeURIComponent(base.json().protocolNumber)}&code=${base.json().trackingCode}`);
    expect(nineteen.json().expected.basis).toBe('sla');
    await sut.db.insert(cases).values(rows.slice(19));
    const res = await track(`protocol=${encodeURIComponent(base.json().protocolNumber)}&code=${base.json().trackingCode}`);
    const e = res.json().expected;
    expect(e.basis).toBe('history');
    expect(e.sampleSize).toBe(20);
    // sorted 1..20: the median is the 10th value, the 80th percentile the 16th
    const filed = tmpl.submittedAt;
    expect(e.median).toBe(addWorkingDaysLocal(filed, 10));
    expect(e.p80).toBe(addWorkingDaysLocal(filed, 16));
  });
});

describe('overdue scan', () => {
  it('marks open cases past their due date once, and escalates to the head of the unit', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { user: head } = await staffHeaders(sut, 'head', unit.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id, slaDays: 2 });
    const late = await submit(sut, { caseType: type.key, data: {} });
    const onTime = await submit(sut, { caseType: type.key, data: {} });
    await sut.db.update(cases).set({ dueDate: '2020-01-10' }).where(eq(cases.id, late.json().id));
    const first = await scanOverdue(sut.platform);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const escalated = await sut.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.tenantId, sut.tenant.id), eq(outboxEvents.type, 'case.escalated')));
    const mine = escalated.filter((e) => e.payload.caseId === late.json().id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.payload.headUserIds).toEqual([head.id]);
    const overdue = await sut.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'case.overdue'));
    expect(overdue.some((e) => e.payload.caseId === onTime.json().id)).toBe(false);
    await scanOverdue(sut.platform);
    const again = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, late.json().id), eq(caseEvents.kind, 'overdue')));
    expect(again).toHaveLength(1);
  });

  it('is scheduled and runs from the job queue', async () => {
    await sut.platform.jobs.enqueue(sut.db, { queue: 'cases.overdue-scan' });
    await sut.platform.jobs.drain();
    const [job] = await sut.db.select().from(jobs).where(eq(jobs.queue, 'cases.overdue-scan')).orderBy(desc(jobs.createdAt)).limit(1);
    expect(job?.status).toBe('done');
  });
});
