import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { outboxEvents } from '../../platform/jobs/jobs.schema.js';
import { makeCaseType, submit } from './cases.fixtures.js';
import { caseRatings, cases, workflows } from './schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases'] });
});
afterAll(() => sut.close());

/** A case filed from a fresh device, then moved by hand to a state of the given category. */
async function filed(category?: 'resolved' | 'rejected') {
  const type = await makeCaseType(sut);
  const res = await submit(sut, { caseType: type.key, data: {} });
  const c = res.json();
  const device = res.headers['x-device-token'] as string;
  if (category) {
    const [row] = await sut.db.select().from(cases).where(eq(cases.id, c.id));
    const [w] = await sut.db
      .select()
      .from(workflows)
      .where(eq(workflows.id, row?.workflowId as string));
    const state = w?.definition.states.find((s) => s.category === category);
    if (!state) throw new Error(`no ${category} state`);
    await sut.db.update(cases).set({ state: state.key, stateCategory: category, resolvedAt: new Date() }).where(eq(cases.id, c.id));
  }
  const headers = sut.headers({ 'x-device-token': device });
  return { id: c.id as string, protocol: c.protocolNumber as string, code: c.trackingCode as string, headers };
}

const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
  sut.app.inject({ method: 'POST', url, headers, payload });

describe('citizen: not fixed', () => {
  it('reopens a resolved case with the citizen’s words, audited, and tells the staff', async () => {
    const c = await filed('resolved');
    const res = await post(`/api/my/cases/${c.id}/reopen`, c.headers, { comment: 'Η λακκούβα είναι ακόμη εκεί' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(['in_progress', 'open', 'new']).toContain(body.stateCategory);
    const ev = body.timeline.find((e: { kind: string }) => e.kind === 'reopened');
    expect(ev.body).toBe('Η λακκούβα είναι ακόμη εκεί');
    expect(ev.authorKind).toBe('device');
    const [row] = await sut.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row?.resolvedAt).toBeNull();
    const audits = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'case.citizen_reopen')));
    expect(audits).toHaveLength(1);
    const events = await sut.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'case.transitioned'));
    expect(events.some((e) => (e.payload as { caseId: string; byCitizen?: boolean }).caseId === c.id)).toBe(true);
  });

  it('refuses a case still open, a rejected one, an empty comment, and another person’s case', async () => {
    const open = await filed();
    const r1 = await post(`/api/my/cases/${open.id}/reopen`, open.headers, { comment: 'x' });
    expect(r1.statusCode).toBe(409);
    expect(r1.json().code).toBe('case.not_reopenable');
    const rejected = await filed('rejected');
    expect((await post(`/api/my/cases/${rejected.id}/reopen`, rejected.headers, { comment: 'x' })).statusCode).toBe(409);
    const done = await filed('resolved');
    const empty = await post(`/api/my/cases/${done.id}/reopen`, done.headers, { comment: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0].field).toBe('comment');
    const other = await filed();
    expect((await post(`/api/my/cases/${done.id}/reopen`, other.headers, { comment: 'x' })).statusCode).toBe(404);
    const [row] = await sut.db.select().from(cases).where(eq(cases.id, done.id));
    expect(row?.stateCategory).toBe('resolved');
  });

  it('reopens by protocol number and tracking code, and not with a wrong code', async () => {
    const c = await filed('resolved');
    const anon = sut.headers();
    const wrong = await post('/api/track/reopen', anon, { protocol: c.protocol, code: 'AAAAAAAA', comment: 'όχι' });
    expect(wrong.statusCode).toBe(404);
    const ok = await post('/api/track/reopen', anon, { protocol: c.protocol, code: c.code, comment: 'όχι' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stateCategory).not.toBe('resolved');
  });
});

describe('citizen: rating', () => {
  it('rates a finished case once, audited, and shows the rating back', async () => {
    const c = await filed('resolved');
    const res = await post(`/api/my/cases/${c.id}/rating`, c.headers, { stars: 4, comment: 'Γρήγορα και σωστά' });
    expect(res.statusCode).toBe(200);
    expect(res.json().rating).toMatchObject({ stars: 4, comment: 'Γρήγορα και σωστά' });
    const again = await post(`/api/my/cases/${c.id}/rating`, c.headers, { stars: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('case.already_rated');
    const rows = await sut.db.select().from(caseRatings).where(eq(caseRatings.caseId, c.id));
    expect(rows.map((r) => r.stars)).toEqual([4]);
    const audits = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'case.rate')));
    expect(audits).toHaveLength(1);
    // the rating is kept for staff, not shown on the public timeline
    expect(res.json().timeline.some((e: { kind: string }) => e.kind === 'rated')).toBe(false);
  });

  it('refuses stars out of 1–5 and a case not yet done, writing nothing', async () => {
    const done = await filed('resolved');
    for (const stars of [0, 6, 2.5]) {
      const bad = await post(`/api/my/cases/${done.id}/rating`, done.headers, { stars });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].field).toBe('stars');
    }
    const open = await filed();
    const early = await post(`/api/my/cases/${open.id}/rating`, open.headers, { stars: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('case.not_done');
    const rows = await sut.db.select().from(caseRatings).where(eq(caseRatings.caseId, done.id));
    expect(rows).toHaveLength(0);
  });

  it('rates by protocol number and tracking code', async () => {
    const c = await filed('resolved');
    const res = await post('/api/track/rating', sut.headers(), { protocol: c.protocol, code: c.code, stars: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json().rating.stars).toBe(2);
    const track = await sut.app.inject({
      method: 'GET',
      url: `/api/track?protocol=${encodeURIComponent(c.protocol)}&code=${c.code}`,
      headers: sut.headers(),
    });
    expect(track.json().rating.stars).toBe(2);
  });
});
