import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUnit } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { files } from '../../platform/files/files.schema.js';
import { canReadFile } from '../../platform/files/index.js';
import { outboxEvents } from '../../platform/jobs/jobs.schema.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';
import { caseFollowersOf } from './index.js';
import { caseFollowers, cases } from './schema.js';
import { DEFAULT_WORKFLOWS } from './workflow.service.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

async function fileCase(unitId: string, extra: Record<string, unknown> = {}) {
  const type = await makeCaseType(sut, { defaultUnitId: unitId, ...extra });
  const res = await submit(sut, { caseType: type.key, data: {} });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, device: res.headers['x-device-token'] as string, json: res.json(), type };
}

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  sut.app.inject({ method: 'POST', url, headers, payload: payload as object });
const outbox = async (type: string) =>
  sut.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.tenantId, sut.tenant.id), eq(outboxEvents.type, type)));

describe('workflows', () => {
  it('serves a workflow as a diagram with the case’s current state', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { id } = await fileCase(unit.id);
    const { headers } = await staffHeaders(sut, 'employee', unit.id);
    const res = await sut.app.inject({ method: 'GET', url: `/api/cases/${id}/workflow`, headers });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.key).toBe('problems');
    expect(d.nodes.find((n: { current: boolean }) => n.current).key).toBe('new');
    expect(d.edges.length).toBeGreaterThan(3);
  });

  it('refuses a workflow edit with two initial states or an unreachable state, naming the field', async () => {
    const { headers } = await staffHeaders(sut, 'admin');
    const list = await sut.app.inject({ method: 'GET', url: '/api/workflows', headers });
    const wf = list.json().find((w: { key: string }) => w.key === 'applications');
    const def = structuredClone(DEFAULT_WORKFLOWS[0]?.definition) as NonNullable<(typeof DEFAULT_WORKFLOWS)[0]>['definition'];
    const twoInitial = structuredClone(def);
    (twoInitial.states[1] as { initial?: boolean }).initial = true;
    const bad = await sut.app.inject({
      method: 'PUT',
      url: `/api/admin/workflows/${wf.id}`,
      headers: { ...headers, 'accept-language': 'en' },
      payload: { nameEl: 'Αιτήσεις', nameEn: 'Applications', definition: twoInitial },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].code).toBe('workflow.one_initial_state');
    const orphan = structuredClone(def);
    orphan.states.push({ key: 'limbo', nameEl: 'Κενό', nameEn: 'Limbo', category: 'open' });
    const bad2 = await sut.app.inject({
      method: 'PUT',
      url: `/api/admin/workflows/${wf.id}`,
      headers,
      payload: { nameEl: 'Αιτήσεις', nameEn: 'Applications', definition: orphan },
    });
    expect(bad2.json().fields[0].code).toBe('workflow.unreachable_state');
    const ok = await sut.app.inject({
      method: 'PUT',
      url: `/api/admin/workflows/${wf.id}`,
      headers,
      payload: { nameEl: 'Αιτήσεις πολιτών', nameEn: 'Applications', definition: def },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().revision).toBe(wf.revision + 1);
  });

  it('lets only the roles a transition names take it, and requires its comment', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { id } = await fileCase(unit.id, { workflowKey: 'applications' });
    const { headers: employee } = await staffHeaders(sut, 'employee', unit.id);
    const { headers: head } = await staffHeaders(sut, 'head', unit.id);
    const start = await post(`/api/cases/${id}/transition`, employee, { transition: 'start_review' });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().stateCategory).toBe('in_progress');
    const rejectByEmployee = await post(`/api/cases/${id}/transition`, employee, { transition: 'reject', comment: 'Ελλιπή' });
    expect(rejectByEmployee.statusCode).toBe(403);
    expect(rejectByEmployee.json().code).toBe('case.transition_forbidden');
    const noComment = await post(`/api/cases/${id}/transition`, head, { transition: 'reject' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().fields[0].field).toBe('comment');
    const wrongState = await post(`/api/cases/${id}/transition`, head, { transition: 'complete' });
    expect(wrongState.json().code).toBe('case.transition_invalid');
    const rejected = await post(`/api/cases/${id}/transition`, head, { transition: 'reject', comment: 'Λείπει το μισθωτήριο' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().stateCategory).toBe('rejected');
    expect(rejected.json().resolvedAt).toBeTruthy();
    const ev = await outbox('case.transitioned');
    expect(ev.some((e) => e.payload.caseId === id && e.payload.to === 'rejected' && e.payload.comment === 'Λείπει το μισθωτήριο')).toBe(
      true,
    );
    const audits = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'case.transition')));
    expect(audits).toHaveLength(2);
  });
});

describe('handling', () => {
  it('shows staff only the cases of their units and sub-units', async () => {
    const dir = await makeUnit(sut.db, sut.tenant.id, { kind: 'directorate' });
    const dept = await makeUnit(sut.db, sut.tenant.id, { parentId: dir.id });
    const other = await makeUnit(sut.db, sut.tenant.id);
    const { id } = await fileCase(dept.id);
    const { headers: headOfDir } = await staffHeaders(sut, 'head', dir.id);
    const { headers: outsider } = await staffHeaders(sut, 'employee', other.id);
    expect((await sut.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: headOfDir })).statusCode).toBe(200);
    expect((await sut.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: outsider })).statusCode).toBe(404);
    const reply = await post(`/api/cases/${id}/reply`, outsider, { body: 'Γεια' });
    expect(reply.statusCode).toBe(404);
  });

  it('assigns, replies in public, notes internally, and keeps both on the timeline and in the audit log', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const other = await makeUnit(sut.db, sut.tenant.id);
    const { id, json } = await fileCase(unit.id);
    const { headers: head } = await staffHeaders(sut, 'head', unit.id);
    const { user: worker, headers: employee } = await staffHeaders(sut, 'employee', unit.id);
    const denied = await post(`/api/cases/${id}/assign`, employee, { assigneeId: worker.id });
    expect(denied.statusCode).toBe(403);
    const assigned = await post(`/api/cases/${id}/assign`, head, { assigneeId: worker.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assigneeId).toBe(worker.id);
    expect((await outbox('case.assigned')).some((e) => e.payload.caseId === id && e.payload.assigneeId === worker.id)).toBe(true);
    await post(`/api/cases/${id}/reply`, employee, { body: 'Θα το δούμε αύριο.' });
    await post(`/api/cases/${id}/notes`, employee, { body: 'Χρειάζεται συνεργείο ασφάλτου.' });
    const detail = await sut.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: employee });
    const kinds = detail.json().timeline.map((e: { kind: string; public: boolean }) => `${e.kind}:${e.public}`);
    expect(kinds).toEqual(['submitted:true', 'assigned:false', 'reply:true', 'note:false']);
    expect((await outbox('case.replied')).some((e) => e.payload.caseId === id)).toBe(true);
    const tracked = await sut.app.inject({
      method: 'GET',
      url: `/api/track?code=${json.trackingCode}&protocol=${encodeURIComponent(json.protocolNumber)}`,
      headers: sut.headers(),
    });
    expect(tracked.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'reply']);
    const moved = await post(`/api/cases/${id}/assign`, head, { unitId: other.id, assigneeId: null });
    expect(moved.statusCode).toBe(200);
    expect((await sut.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: head })).statusCode).toBe(404);
    const [row] = await sut.db.select().from(cases).where(eq(cases.id, id));
    expect(row?.unitId).toBe(other.id);
    const audits = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(['case.assign', 'case.assign', 'case.note', 'case.reply']);
  });

  it('asks the citizen for information and moves back when they answer from the app', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const { id, device } = await fileCase(unit.id);
    const { headers } = await staffHeaders(sut, 'employee', unit.id);
    await post(`/api/cases/${id}/transition`, headers, { transition: 'assign' });
    const asked = await post(`/api/cases/${id}/request-info`, headers, { message: 'Στείλτε μας μια φωτογραφία.' });
    expect(asked.json().stateCategory).toBe('waiting_citizen');
    expect((await outbox('case.info_requested')).some((e) => e.payload.caseId === id)).toBe(true);
    const stranger = await post(`/api/my/cases/${id}/answer`, sut.headers(), { body: 'εγώ' });
    expect(stranger.statusCode).toBe(404);
    const answer = await post(`/api/my/cases/${id}/answer`, sut.headers({ 'x-device-token': device }), {
      body: 'Είναι μπροστά στο περίπτερο.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().state).toBe('assigned');
    const again = await post(`/api/my/cases/${id}/answer`, sut.headers({ 'x-device-token': device }), { body: 'Και κάτι ακόμα' });
    expect(again.json().code).toBe('case.not_waiting');
  });

  it('merges a duplicate into another case, carrying its reporter over as a follower', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const a = await fileCase(unit.id);
    const b = await fileCase(unit.id);
    const { headers } = await staffHeaders(sut, 'employee', unit.id);
    const merged = await post(`/api/cases/${a.id}/merge`, headers, { targetId: b.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().mergedIntoId).toBe(b.id);
    expect(merged.json().stateCategory).toBe('closed');
    const followers = await sut.db.select().from(caseFollowers).where(eq(caseFollowers.caseId, b.id));
    expect(followers).toHaveLength(1);
    // what other modules (notify) read through the index: the same follower, and none for another tenant
    expect(await caseFollowersOf(sut.db, sut.tenant.id, b.id)).toEqual([
      { userId: followers[0]?.userId, deviceId: followers[0]?.deviceId },
    ]);
    expect(await caseFollowersOf(sut.db, crypto.randomUUID(), b.id)).toEqual([]);
    // the first reporter now sees the target among their cases
    const mine = await sut.app.inject({ method: 'GET', url: '/api/my/cases', headers: sut.headers({ 'x-device-token': a.device }) });
    expect(
      mine
        .json()
        .map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    const twice = await post(`/api/cases/${a.id}/merge`, headers, { targetId: b.id });
    expect(twice.statusCode).toBe(409);
  });

  it('links related cases, reopens a closed one with a comment, and sets priority and tags', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const a = await fileCase(unit.id);
    const b = await fileCase(unit.id);
    const { headers } = await staffHeaders(sut, 'head', unit.id);
    const linked = await post(`/api/cases/${a.id}/links`, headers, { relatedId: b.id });
    expect(linked.json().links).toEqual([b.id]);
    const other = await sut.app.inject({ method: 'GET', url: `/api/cases/${b.id}`, headers });
    expect(other.json().links).toEqual([a.id]);
    for (const t of ['assign', 'start', 'resolve']) await post(`/api/cases/${a.id}/transition`, headers, { transition: t });
    const noComment = await post(`/api/cases/${a.id}/reopen`, headers, {});
    expect(noComment.statusCode).toBe(400);
    const reopened = await post(`/api/cases/${a.id}/reopen`, headers, { comment: 'Άνοιξε πάλι η λακκούβα.' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().stateCategory).toBe('in_progress');
    expect(reopened.json().resolvedAt).toBeNull();
    const patched = await sut.app.inject({
      method: 'PATCH',
      url: `/api/cases/${a.id}`,
      headers,
      payload: { priority: 'urgent', tags: ['άσφαλτος', 'άσφαλτος', 'σχολείο'] },
    });
    expect(patched.json().priority).toBe('urgent');
    expect(patched.json().tags).toEqual(['άσφαλτος', 'σχολείο']);
  });

  it('lets the case’s participants read the files attached to its replies, and nobody else', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const elsewhere = await makeUnit(sut.db, sut.tenant.id);
    const { id, device } = await fileCase(unit.id);
    const { user: worker, headers } = await staffHeaders(sut, 'employee', unit.id);
    const [file] = await sut.db
      .insert(files)
      .values({
        tenantId: sut.tenant.id,
        sha256: 'a'.repeat(64),
        size: 10,
        mime: 'application/pdf',
        kind: 'document',
        originalName: 'apantisi.pdf',
        ownerUserId: worker.id,
      })
      .returning();
    if (!file) throw new Error('file');
    const reply = await post(`/api/cases/${id}/reply`, headers, { body: 'Δείτε το συνημμένο.', fileIds: [file.id] });
    expect(reply.statusCode, reply.body).toBe(200);
    const unknown = await post(`/api/cases/${id}/reply`, headers, { body: 'x', fileIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(400);
    const [dev] = await sut.db.select().from(cases).where(eq(cases.id, id));
    const citizen = { kind: 'device' as const, deviceId: dev?.deviceId as string };
    expect(await canReadFile(sut.db, citizen, file)).toBe(true);
    expect(device).toBeTruthy();
    const { user: office } = await staffHeaders(sut, 'mayor_office', unit.id);
    const { user: outsider } = await staffHeaders(sut, 'mayor_office', elsewhere.id);
    const asStaff = (u: { id: string }, unitId: string) => ({
      kind: 'staff' as const,
      userId: u.id,
      sessionId: 's',
      secondFactor: true,
      roles: [{ role: 'mayor_office' as const, unitId }],
    });
    expect(await canReadFile(sut.db, asStaff(office, unit.id), file)).toBe(true);
    expect(await canReadFile(sut.db, asStaff(outsider, elsewhere.id), file)).toBe(false);
    expect(await canReadFile(sut.db, { kind: 'device', deviceId: '00000000-0000-4000-8000-000000000001' }, file)).toBe(false);
  });
});
