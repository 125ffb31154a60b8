import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUnit } from '../../../test/factories.js';
import { tenantHolidays } from '../../platform/calendar/calendar.schema.js';
import { addWorkingDaysLocal } from '../../platform/calendar/index.js';
import { files } from '../../platform/files/files.schema.js';
import { outboxEvents } from '../../platform/jobs/jobs.schema.js';
import { makeCaseType, staffHeaders, submit } from './cases.fixtures.js';
import { caseEvents, cases } from './schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

describe('case submission', () => {
  it('gives 50 concurrent submissions the protocol numbers 1..50 with no gap or duplicate', async () => {
    const type = await makeCaseType(sut);
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', year: 'numeric' }).format(new Date()));
    const answers = await Promise.all(Array.from({ length: 50 }, () => submit(sut, { caseType: type.key, data: { size: 'small' } })));
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const numbers = answers.map((a) => a.json().protocolNumber as string);
    expect(new Set(numbers).size).toBe(50);
    const seqs = numbers.map((n) => Number(n.split('/')[0])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(numbers.every((n) => n.endsWith(`/${year}`))).toBe(true);
    const codes = answers.map((a) => a.json().trackingCode as string);
    expect(new Set(codes).size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  });

  it('answers a retried submission with the same case when the Idempotency-Key repeats', async () => {
    const type = await makeCaseType(sut);
    const body = { caseType: type.key, data: { size: 'large' } };
    const first = await submit(sut, body, { 'idempotency-key': 'retry-key-0001' });
    expect(first.statusCode).toBe(201);
    const device = first.headers['x-device-token'] as string;
    const again = await Promise.all(
      [1, 2, 3].map(() => submit(sut, body, { 'idempotency-key': 'retry-key-0001', 'x-device-token': device })),
    );
    for (const a of again) {
      expect(a.statusCode).toBe(200);
      expect(a.json().id).toBe(first.json().id);
      expect(a.json().protocolNumber).toBe(first.json().protocolNumber);
      expect(a.json().replayed).toBe(true);
    }
    const [n] = await sut.db.select({ n: count() }).from(cases).where(eq(cases.caseTypeId, type.id));
    expect(n?.n).toBe(1);
    // twins racing with a fresh key: one case
    const twins = await Promise.all([1, 2].map(() => submit(sut, body, { 'idempotency-key': 'retry-key-0002', 'x-device-token': device })));
    expect(twins.map((t) => t.statusCode).sort()).toEqual([200, 201]);
    expect(twins[0]?.json().id).toBe(twins[1]?.json().id);
    // the same key from someone else (another client the server knows) is a different request; a new
    // client with the same key and body is the first one whose answer was lost (test/security/edge-input)
    const stranger = (await submit(sut, { ...body, data: { size: 'small' } })).headers['x-device-token'] as string;
    const other = await submit(sut, body, { 'idempotency-key': 'retry-key-0001', 'x-device-token': stranger });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });

  it('refuses a submission that does not match the form, in the caller’s language, and writes nothing', async () => {
    const type = await makeCaseType(sut, {
      form: { fields: [{ id: 'purpose', kind: 'text', label: { el: 'Σκοπός', en: 'Purpose' }, required: true }] },
    });
    const before = await sut.db.select({ n: count() }).from(outboxEvents);
    const res = await submit(sut, { caseType: type.key, data: {} }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    expect(body.fields[0].field).toContain('purpose');
    expect(body.fields[0].message).toMatch(/Purpose/);
    const el = await submit(sut, { caseType: type.key, data: {} });
    expect(el.json().fields[0].message).toMatch(/Σκοπός/);
    const [n] = await sut.db.select({ n: count() }).from(cases).where(eq(cases.caseTypeId, type.id));
    expect(n?.n).toBe(0);
    const after = await sut.db.select({ n: count() }).from(outboxEvents);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('sets the due date from the SLA in working days, skipping the tenant’s own holidays', async () => {
    const type = await makeCaseType(sut, { slaDays: 3 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(new Date());
    const plain = addWorkingDaysLocal(today, 3);
    // make the first working day after today a local holiday: the due date moves one working day later
    const firstWorking = addWorkingDaysLocal(today, 1);
    await sut.db
      .insert(tenantHolidays)
      .values({ tenantId: sut.tenant.id, date: firstWorking, nameEl: 'Πολιούχος', nameEn: 'Patron saint', kind: 'holiday' });
    const res = await submit(sut, { caseType: type.key, data: {} });
    expect(res.statusCode).toBe(201);
    expect(res.json().dueDate).toBe(addWorkingDaysLocal(today, 3, [firstWorking]));
    expect(res.json().dueDate > plain).toBe(true);
    await sut.db.delete(tenantHolidays).where(eq(tenantHolidays.tenantId, sut.tenant.id));
  });

  it('routes by map area, then by a form field, else to the default unit', async () => {
    const north = await makeUnit(sut.db, sut.tenant.id);
    const lights = await makeUnit(sut.db, sut.tenant.id);
    const fallback = await makeUnit(sut.db, sut.tenant.id);
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [23.7, 38.0],
          [23.8, 38.0],
          [23.8, 38.1],
          [23.7, 38.1],
          [23.7, 38.0],
        ],
      ],
    };
    const type = await makeCaseType(sut, {
      defaultUnitId: fallback.id,
      routing: [
        { kind: 'area', unitId: north.id, area: square },
        { kind: 'field', unitId: lights.id, field: 'size', values: ['large'] },
      ],
    });
    const unitOf = async (id: string) => (await sut.db.select({ u: cases.unitId }).from(cases).where(eq(cases.id, id)))[0]?.u;
    const inArea = await submit(sut, { caseType: type.key, data: { size: 'large' }, location: { lat: 38.05, lon: 23.75 } });
    expect(await unitOf(inArea.json().id)).toBe(north.id);
    const byField = await submit(sut, { caseType: type.key, data: { size: 'large' }, location: { lat: 37.5, lon: 23.75 } });
    expect(await unitOf(byField.json().id)).toBe(lights.id);
    const neither = await submit(sut, { caseType: type.key, data: { size: 'small' } });
    expect(await unitOf(neither.json().id)).toBe(fallback.id);
  });

  it('writes the first timeline event and case.submitted to the outbox in the same transaction', async () => {
    const type = await makeCaseType(sut);
    const res = await submit(sut, { caseType: type.key, data: {}, channel: 'app' });
    const id = res.json().id;
    const events = await sut.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(events.map((e) => e.kind)).toEqual(['submitted']);
    const out = await sut.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.tenantId, sut.tenant.id), eq(outboxEvents.type, 'case.submitted')));
    expect(out.some((e) => e.payload.caseId === id && e.payload.channel === 'app')).toBe(true);
  });

  it('needs a verified citizen when the type does not allow anonymous reports, and staff for private types', async () => {
    const named = await makeCaseType(sut, { anonymousAllowed: false });
    const anon = await submit(sut, { caseType: named.key, data: {} });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('auth.required');
    const internal = await makeCaseType(sut, { public: false });
    const refused = await submit(sut, { caseType: internal.key, data: {} });
    expect(refused.statusCode).toBe(403);
  });

  it('lets call-centre staff file on behalf of a citizen by phone, and nobody else', async () => {
    const type = await makeCaseType(sut, { anonymousAllowed: false });
    const { headers } = await staffHeaders(sut, 'operator');
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/cases/intake',
      headers,
      payload: { caseType: type.key, data: {}, channel: 'phone', contact: { name: 'Γιάννης Π.', phone: '6912345678' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await sut.db.select().from(cases).where(eq(cases.id, res.json().id));
    expect(row?.channel).toBe('phone');
    expect(row?.intakeUserId).toBeTruthy();
    const { headers: council } = await staffHeaders(sut, 'council');
    const denied = await sut.app.inject({
      method: 'POST',
      url: '/api/cases/intake',
      headers: council,
      payload: { caseType: type.key, data: {} },
    });
    expect(denied.statusCode).toBe(403);
    const citizenChannel = await sut.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: sut.headers(),
      payload: { caseType: type.key, channel: 'phone' },
    });
    expect(citizenChannel.statusCode).toBe(400);
  });

  it('attaches only files the submitter may read, of the kinds the form field accepts', async () => {
    const type = await makeCaseType(sut, {
      form: { fields: [{ id: 'photos', kind: 'files', label: { el: 'Φωτογραφίες', en: 'Photos' }, allowedKinds: ['image'] }] },
    });
    const first = await submit(sut, { caseType: type.key, data: {} });
    const device = first.headers['x-device-token'] as string;
    const [me] = await sut.db.select({ deviceId: cases.deviceId }).from(cases).where(eq(cases.id, first.json().id));
    const upload = async (kind: 'image' | 'document', ownerDeviceId: string | null) => {
      const [f] = await sut.db
        .insert(files)
        .values({
          tenantId: sut.tenant.id,
          sha256: 'b'.repeat(64),
          size: 5,
          mime: kind === 'image' ? 'image/jpeg' : 'application/pdf',
          kind,
          originalName: 'x',
          ownerDeviceId,
        })
        .returning();
      return f?.id as string;
    };
    const photo = await upload('image', me?.deviceId ?? null);
    const pdf = await upload('document', me?.deviceId ?? null);
    const strangers = await upload('image', null);
    const ok = await submit(sut, { caseType: type.key, data: { photos: [photo] } }, { 'x-device-token': device });
    expect(ok.statusCode, ok.body).toBe(201);
    const [row] = await sut.db.select({ fileIds: cases.fileIds }).from(cases).where(eq(cases.id, ok.json().id));
    expect(row?.fileIds).toEqual([photo]);
    const wrongKind = await submit(sut, { caseType: type.key, data: { photos: [pdf] } }, { 'x-device-token': device });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().fields[0]).toMatchObject({ field: 'data.photos', code: 'case.file_kind' });
    const notMine = await submit(sut, { caseType: type.key, data: {}, fileIds: [strangers] }, { 'x-device-token': device });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().fields[0].code).toBe('case.unknown_file');
  });
});
