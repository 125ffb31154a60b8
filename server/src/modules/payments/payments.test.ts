import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { caseEvents, cases } from '../../../test/case-tables.js';
import { makeStaff, makeTenant, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';
import { startEParavoloImitation } from '../../../test/imitations/e-paravolo.js';
import { loadConfig } from '../../platform/config/config.js';
import type { TStaffRole } from '../../platform/identity/identity.schema.js';
import { createCaseType, ensureDefaultWorkflows, type TCaseTypeBody } from '../cases/index.js';
import { SoapEParavolo } from './e-paravolo.soap.js';
import { DEMO_CODES } from './e-paravolo-imitation.js';
import { athensDate, dayNumber, quoteFee } from './fee.js';
import { EParavoloUnavailable } from './port.js';
import { portFromConfig } from './port-registry.js';
import { payments } from './schema.js';
import { bindForCase } from './service.js';

const CREDS = { username: 'dimos-test-body', password: 'Μυστικό-2026' };
let imitation: Awaited<ReturnType<typeof startEParavoloImitation>>;
let sut: TestApp;
let serial = 1;
/** A fresh 20-digit code the imitation knows as paid. */
function paidCode(typeId: string, cents: number) {
  const code = `5${String(serial++).padStart(19, '0')}`;
  imitation.paravola.set(code, { typeId, cents, status: 'PAID', paymentDate: '2026-02-01T09:00:00Z' });
  return code;
}
function fixture(status: 'UNPAID' | 'CANCELLED' | 'BOUND', typeId: string, cents: number) {
  const code = `4${String(serial++).padStart(19, '0')}`;
  imitation.paravola.set(code, {
    typeId,
    cents,
    status,
    bindReference: status === 'BOUND' ? 'άλλος-φορέας' : undefined,
    paymentReference: 'X',
  });
  return code;
}

/** YYYY-MM-DD, `days` Athens calendar days before today. */
function daysAgo(days: number) {
  const today = dayNumber(athensDate(new Date())) as number;
  return new Date((today - days) * 86_400_000).toISOString().slice(0, 10);
}

async function makeCaseType(over: Partial<TCaseTypeBody['snapshot']>) {
  await ensureDefaultWorkflows(sut.db, sut.tenant.id);
  const unit = await makeUnit(sut.db, sut.tenant.id);
  return createCaseType(sut.db, sut.tenant.id, {
    key: `pay-${randomBytes(3).toString('hex')}`,
    group: 'certificates',
    icon: null,
    active: true,
    snapshot: {
      nameEl: 'Αίτηση',
      nameEn: 'Application',
      form: { fields: [] },
      requiredDocuments: [],
      defaultUnitId: unit.id,
      routing: [],
      workflowKey: 'applications',
      slaDays: 10,
      fee: null,
      issuedDocument: null,
      public: true,
      anonymousAllowed: true,
      locationRequired: false,
      ...over,
    },
  });
}

function submit(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return sut.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: sut.headers(headers),
    payload: { channel: 'web', data: {}, ...body },
  });
}

async function staffHeaders(role: TStaffRole, unitId: string | null) {
  const user = await makeStaff(sut.db, sut.tenant.id, role, unitId);
  return { user, headers: sut.headers({ cookie: await sessionCookie(sut.db, user) }) };
}

const eParavoloField = { id: 'eParavolo', kind: 'text' as const, label: { el: 'Κωδικός e-Παραβόλου', en: 'e-Paravolo code' } };

async function feeType() {
  return makeCaseType({
    nameEl: 'Βεβαίωση με παράβολο',
    nameEn: 'Certificate with a fee',
    workflowKey: 'applications',
    form: { fields: [{ id: 'note', kind: 'text', label: { el: 'Σημείωση', en: 'Note' } }, eParavoloField] },
    fee: { cents: 1500, eParavoloCode: '1234' },
  });
}

/** Like the registration of a divorce: free in time, a late fine after 30 and after 90 days. */
async function lateType() {
  return makeCaseType({
    nameEl: 'Καταχώρηση λύσης γάμου',
    nameEn: 'Registration of a divorce',
    workflowKey: 'applications',
    form: {
      fields: [{ id: 'decisionFinalDate', kind: 'date', required: true, label: { el: 'Τελεσιδικία', en: 'Final on' } }, eParavoloField],
    },
    fee: {
      cents: 0,
      lateFrom: 'decisionFinalDate',
      lateFines: [
        { afterDays: 30, cents: 3000, eParavoloCode: '3828' },
        { afterDays: 90, cents: 6000, eParavoloCode: '3829' },
      ],
    },
  });
}

async function countOf(caseTypeId: string) {
  const [c] = await sut.db.select({ n: count() }).from(cases).where(eq(cases.caseTypeId, caseTypeId));
  const [p] = await sut.db
    .select({ n: count() })
    .from(payments)
    .innerJoin(cases, eq(cases.id, payments.caseId))
    .where(eq(cases.caseTypeId, caseTypeId));
  return { cases: c?.n ?? 0, payments: p?.n ?? 0 };
}

beforeAll(async () => {
  imitation = await startEParavoloImitation(CREDS);
  sut = await createTestApp(imitation.env);
});
afterAll(async () => {
  await sut?.close();
  await imitation?.close();
});

describe('fee computation', () => {
  const fee = {
    cents: 0,
    lateFrom: 'd',
    lateFines: [
      { afterDays: 90, cents: 6000, eParavoloCode: '3829' },
      { afterDays: 30, cents: 3000, eParavoloCode: '3828' },
    ],
  };
  it('charges the base fee in time and the largest late fine whose afterDays is exceeded', () => {
    expect(quoteFee(fee, '2026-01-01', '2026-01-31')).toMatchObject({ required: false, cents: 0, reason: 'fee' }); // 30 days
    expect(quoteFee(fee, '2026-01-01', '2026-02-01')).toMatchObject({
      required: true,
      cents: 3000,
      eParavoloCode: '3828',
      reason: 'late',
      afterDays: 30,
      lateDays: 31,
    });
    expect(quoteFee(fee, '2026-01-01', '2026-04-01')).toMatchObject({ cents: 3000, afterDays: 30, lateDays: 90 }); // 90 days
    expect(quoteFee(fee, '2026-01-01', '2026-04-02')).toMatchObject({ cents: 6000, eParavoloCode: '3829', afterDays: 90, lateDays: 91 });
    expect(quoteFee(fee, null, '2026-04-02')).toMatchObject({ required: false, reason: 'fee' });
    expect(quoteFee(fee, '2026-05-01', '2026-04-02')).toMatchObject({ required: false, reason: 'fee' }); // a future date is not late
    expect(quoteFee({ cents: 1500, eParavoloCode: '1234' }, null, '2026-04-02')).toEqual({
      required: true,
      cents: 1500,
      eParavoloCode: '1234',
      reason: 'fee',
    });
    expect(quoteFee(null, null, '2026-04-02').required).toBe(false);
  });

  it('counts Athens calendar days, across the change to summer time', () => {
    expect(athensDate(new Date('2026-03-10T22:30:00Z'))).toBe('2026-03-11'); // 00:30 in Athens (UTC+2)
    expect(athensDate(new Date('2026-07-10T21:30:00Z'))).toBe('2026-07-11'); // 00:30 in Athens (UTC+3)
    // 29 March 2026 is a 23-hour day in Athens: still one calendar day
    expect(quoteFee(fee, '2026-02-27', '2026-03-30')).toMatchObject({ cents: 3000, lateDays: 31 });
    expect(dayNumber('2026-02-30')).toBeNull();
  });
});

describe('GET /api/payments/quote', () => {
  it('answers the base fee, and the late fines at the 30 and 90 day boundaries', async () => {
    const base = await feeType();
    const late = await lateType();
    const q = async (key: string, lateFrom?: string) =>
      sut.app.inject({
        method: 'GET',
        url: `/api/payments/quote?caseType=${key}${lateFrom ? `&lateFrom=${lateFrom}` : ''}`,
        headers: sut.headers(),
      });
    expect((await q(base.key)).json()).toEqual({ required: true, cents: 1500, eParavoloCode: '1234', reason: 'fee' });
    expect((await q(late.key)).json()).toMatchObject({ required: false, cents: 0, reason: 'fee' });
    expect((await q(late.key, daysAgo(30))).json()).toMatchObject({ required: false, cents: 0 });
    expect((await q(late.key, daysAgo(31))).json()).toMatchObject({
      required: true,
      cents: 3000,
      eParavoloCode: '3828',
      reason: 'late',
      afterDays: 30,
    });
    expect((await q(late.key, daysAgo(90))).json()).toMatchObject({ cents: 3000, afterDays: 30 });
    expect((await q(late.key, daysAgo(91))).json()).toMatchObject({ cents: 6000, eParavoloCode: '3829', afterDays: 90 });
    const bad = await q(late.key, '2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('lateFrom');
    expect((await q('no-such-type')).statusCode).toBe(404);
  });
});

describe('the submit check', () => {
  it('refuses a missing, malformed, unknown, unpaid, cancelled, wrong-type, too small or used code, in Greek and English, writing nothing', async () => {
    const type = await feeType();
    const tries: [unknown, string, RegExp, RegExp][] = [
      [undefined, 'payments.code_required', /Συμπληρώστε τον κωδικό.*15,00\s€.*1234/, /Enter the code.*€15\.00.*1234/],
      ['1234', 'payments.code_invalid', /20 ψηφία/, /20 digits/],
      ['1'.repeat(20), 'payments.unknown_code', /Δεν βρέθηκε/, /No e-Paravolo was found/],
      [fixture('UNPAID', '1234', 1500), 'payments.unpaid', /δεν έχει πληρωθεί/, /has not been paid/],
      [fixture('CANCELLED', '1234', 1500), 'payments.cancelled', /ακυρωθεί/, /cancelled/],
      [paidCode('9999', 1500), 'payments.wrong_type', /άλλου τύπου \(9999\).*1234/, /another type \(9999\).*1234/],
      [paidCode('1234', 1000), 'payments.amount_low', /10,00\s€.*15,00\s€/, /€10\.00.*€15\.00/],
      [fixture('BOUND', '1234', 1500), 'payments.used', /ήδη χρησιμοποιηθεί/, /already been used/],
    ];
    for (const [code, expected, el, en] of tries) {
      const data = code === undefined ? { note: 'x' } : { note: 'x', eParavolo: code };
      const greek = await submit({ caseType: type.key, data });
      expect(greek.statusCode, `${expected}: ${greek.body}`).toBe(400);
      expect(greek.json().fields).toHaveLength(1);
      expect(greek.json().fields[0]).toMatchObject({ field: 'data.eParavolo', code: expected });
      expect(greek.json().fields[0].message).toMatch(el);
      const english = await submit({ caseType: type.key, data }, { 'accept-language': 'en' });
      expect(english.json().fields[0].code).toBe(expected);
      expect(english.json().fields[0].message).toMatch(en);
    }
    expect(await countOf(type.id)).toEqual({ cases: 0, payments: 0 });
  });

  it('asks nothing of a type without a fee, nor of a late type filed in time', async () => {
    const free = await makeCaseType({ form: { fields: [eParavoloField] } });
    expect((await submit({ caseType: free.key, data: {} })).statusCode).toBe(201);
    const late = await lateType();
    const inTime = await submit({ caseType: late.key, data: { decisionFinalDate: daysAgo(30) } });
    expect(inTime.statusCode, inTime.body).toBe(201);
    const tooLate = await submit({ caseType: late.key, data: { decisionFinalDate: daysAgo(31) } });
    expect(tooLate.json().fields[0]).toMatchObject({ field: 'data.eParavolo', code: 'payments.code_required' });
    // the 30 € paravolo does not pay the fine after 90 days
    const small = await submit({ caseType: late.key, data: { decisionFinalDate: daysAgo(91), eParavolo: paidCode('3828', 3000) } });
    expect(small.json().fields[0].code).toBe('payments.wrong_type');
  });

  it('refuses with payments.unreachable and writes nothing when the service is down', async () => {
    const type = await feeType();
    const code = paidCode('1234', 1500);
    imitation.state.down = true;
    try {
      const res = await submit({ caseType: type.key, data: { eParavolo: code } }, { 'accept-language': 'en' });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0]).toMatchObject({ field: 'data.eParavolo', code: 'payments.unreachable' });
      expect(res.json().fields[0].message).toMatch(/not answering/);
    } finally {
      imitation.state.down = false;
    }
    expect(await countOf(type.id)).toEqual({ cases: 0, payments: 0 });
  });
});

describe('binding after submission', () => {
  it('accepts a paid code, binds it once with the case as reference, and tells staff on the timeline', async () => {
    const type = await feeType();
    const code = paidCode('1234', 1500);
    const res = await submit({ caseType: type.key, data: { note: 'ok', eParavolo: ` ${code.slice(0, 10)} ${code.slice(10)} ` } });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json().id as string;
    await sut.platform.jobs.drain();

    const [row] = await sut.db.select().from(payments).where(eq(payments.caseId, caseId));
    expect(row).toMatchObject({
      tenantId: sut.tenant.id,
      code,
      typeCode: '1234',
      feeCents: 1500,
      paidCents: 1500,
      reason: 'fee',
      status: 'bound',
    });
    expect(row?.paymentRef).toMatch(/^EP-[0-9A-F]{12}$/);
    expect(row?.boundAt).toBeInstanceOf(Date);
    const binds = imitation.state.calls.filter((c) => c.operation === 'bindParavolo' && c.input.paravoloCode === code);
    expect(binds).toHaveLength(1);
    expect(binds[0]?.input).toEqual({ paravoloCode: code, typeId: '1234', amount: '15.00', bindReference: caseId });
    expect(binds[0]?.audit.auditUnit).toBe(sut.tenant.slug);

    const events = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'payment_bound')));
    expect(events).toHaveLength(1);
    expect(events[0]?.public).toBe(false);
    expect(events[0]?.body).toContain(code);
    expect(events[0]?.body).toMatch(/15,00\s€/);
    expect(events[0]?.body).toContain(row?.paymentRef as string);

    // again: a no-op
    expect(await bindForCase(sut.platform, sut.tenant.id, caseId)).toBe('already');
    const after = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'payment_bound')));
    expect(after).toHaveLength(1);

    // the code cannot serve a second application
    const twice = await submit({ caseType: type.key, data: { eParavolo: code } });
    expect(twice.json().fields[0].code).toBe('payments.used');

    // staff with cases.read on the case's unit see the payment; others do not
    const unitId = type.snapshot.defaultUnitId as string;
    const own = await staffHeaders('employee', unitId);
    const view = await sut.app.inject({ method: 'GET', url: `/api/payments/cases/${caseId}`, headers: own.headers });
    expect(view.statusCode).toBe(200);
    expect(view.json().items).toHaveLength(1);
    expect(view.json().items[0]).toMatchObject({ code, status: 'bound', feeCents: 1500, paymentRef: row?.paymentRef });
    const elsewhere = await staffHeaders('employee', (await makeUnit(sut.db, sut.tenant.id)).id);
    expect((await sut.app.inject({ method: 'GET', url: `/api/payments/cases/${caseId}`, headers: elsewhere.headers })).statusCode).toBe(
      404,
    );
    const citizen = await makeUser(sut.db, sut.tenant.id, {
      kind: 'citizen',
      email: null,
      phone: '+306900000101',
      phoneVerifiedAt: new Date(),
    });
    const asCitizen = await sut.app.inject({
      method: 'GET',
      url: `/api/payments/cases/${caseId}`,
      headers: sut.headers({ cookie: await sessionCookie(sut.db, citizen) }),
    });
    expect(asCitizen.statusCode).toBe(403);
    // another municipality's administrator sees nothing of it
    const other = await makeTenant(sut.db);
    const intruder = await makeStaff(sut.db, other.id, 'admin', null);
    const foreign = await sut.app.inject({
      method: 'GET',
      url: `/api/payments/cases/${caseId}`,
      headers: { 'x-tenant': other.slug, cookie: await sessionCookie(sut.db, intruder) },
    });
    expect(foreign.statusCode).toBe(404);
    const ownAdmin = await makeStaff(sut.db, sut.tenant.id, 'admin', null);
    const asAdmin = await sut.app.inject({
      method: 'GET',
      url: `/api/payments/cases/${caseId}`,
      headers: sut.headers({ cookie: await sessionCookie(sut.db, ownAdmin) }),
    });
    expect(asAdmin.json().items).toHaveLength(1);
  });

  it('lets only one of two cases filed at once with the same code bind it', async () => {
    const type = await feeType();
    const code = paidCode('1234', 1500);
    const both = await Promise.all([1, 2].map(() => submit({ caseType: type.key, data: { eParavolo: code } })));
    // neither case was written when the other was checked: both are accepted, the binding decides
    for (const r of both) expect(r.statusCode, r.body).toBe(201);
    const ids = both.map((r) => r.json().id as string);
    const outcomes = await Promise.all(ids.map((id) => bindForCase(sut.platform, sut.tenant.id, id)));
    expect(outcomes.sort()).toEqual(['bound', 'conflict']);
    await sut.platform.jobs.drain(); // the queued bindings are now no-ops
    const rows = await sut.db.select().from(payments).where(eq(payments.code, code));
    expect(rows.map((r) => r.status).sort()).toEqual(['bound', 'conflict']);
    const winner = rows.find((r) => r.status === 'bound');
    const loser = rows.find((r) => r.status === 'conflict');
    expect(loser?.conflictCaseId).toBe(winner?.caseId);
    expect(imitation.state.calls.filter((c) => c.operation === 'bindParavolo' && c.input.paravoloCode === code)).toHaveLength(1);
    const flagged = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, loser?.caseId as string), eq(caseEvents.kind, 'payment_conflict')));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.body).toContain(code);
  });

  it('keeps the code verified while the service is down and binds it when the job runs again', async () => {
    const type = await feeType();
    const code = paidCode('1234', 1500);
    const res = await submit({ caseType: type.key, data: { eParavolo: code } });
    const caseId = res.json().id as string;
    imitation.state.down = true;
    try {
      await expect(bindForCase(sut.platform, sut.tenant.id, caseId)).rejects.toBeInstanceOf(EParavoloUnavailable);
    } finally {
      imitation.state.down = false;
    }
    const [held] = await sut.db.select().from(payments).where(eq(payments.caseId, caseId));
    expect(held?.status).toBe('verified');
    await sut.platform.jobs.drain();
    const [bound] = await sut.db.select().from(payments).where(eq(payments.caseId, caseId));
    expect(bound?.status).toBe('bound');
  });

  it('flags a code another body bound between the check and the binding', async () => {
    const type = await feeType();
    const code = paidCode('1234', 1500);
    const res = await submit({ caseType: type.key, data: { eParavolo: code } });
    const caseId = res.json().id as string;
    const p = imitation.paravola.get(code);
    if (p) Object.assign(p, { status: 'BOUND', bindReference: 'ΑΛΛΟΣ-ΦΟΡΕΑΣ', paymentReference: 'EP-OTHER' });
    expect(await bindForCase(sut.platform, sut.tenant.id, caseId)).toBe('conflict');
    const [row] = await sut.db.select().from(payments).where(eq(payments.caseId, caseId));
    expect(row?.status).toBe('conflict');
    const ev = await sut.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'payment_conflict')));
    expect(ev[0]?.body).toContain('PARAVOLO_ALREADY_BOUND');
  });
});

describe('GET /api/payments/e-paravolo/:code', () => {
  it('tells a signed-in citizen whether a code is paid, fits the service, unpaid, used or unknown', async () => {
    const type = await feeType();
    const citizen = await makeUser(sut.db, sut.tenant.id, {
      kind: 'citizen',
      email: null,
      phone: '+306900000102',
      phoneVerifiedAt: new Date(),
    });
    const headers = sut.headers({ cookie: await sessionCookie(sut.db, citizen) });
    const ask = (code: string, q = '') => sut.app.inject({ method: 'GET', url: `/api/payments/e-paravolo/${code}${q}`, headers });
    const paid = paidCode('1234', 1500);
    expect((await ask(paid)).json()).toEqual({ status: 'paid', cents: 1500, eParavoloCode: '1234' });
    expect((await ask(paid, `?caseType=${type.key}`)).json()).toMatchObject({ status: 'paid', fits: true });
    expect((await ask(paidCode('1234', 1000), `?caseType=${type.key}`)).json()).toMatchObject({ status: 'paid', fits: false });
    expect((await ask(fixture('UNPAID', '1234', 1500))).json()).toMatchObject({ status: 'unpaid', cents: 1500 });
    expect((await ask(fixture('BOUND', '1234', 1500))).json()).toEqual({ status: 'used', cents: 1500, eParavoloCode: '1234' });
    expect((await ask('2'.repeat(20))).json()).toEqual({ status: 'unknown' });
    const bad = await ask('12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'code', code: 'payments.code_invalid' });
    imitation.state.down = true;
    try {
      const down = await ask(paid);
      expect(down.statusCode).toBe(503);
      expect(down.json().code).toBe('payments.unreachable');
    } finally {
      imitation.state.down = false;
    }
    const anonymous = await sut.app.inject({ method: 'GET', url: `/api/payments/e-paravolo/${paid}`, headers: sut.headers() });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the e-Παράβολο adapter against the imitation', () => {
  const audit = { unit: 'test', protocol: 'p', userId: 'u', userIp: '127.0.0.1' };

  it('sends requests the imitation accepts, and the imitation refuses malformed ones with a SOAP Fault', async () => {
    const adapter = new SoapEParavolo({ url: imitation.url, ...CREDS, timeoutMs: 2000 });
    const code = paidCode('7206', 17700);
    expect(await adapter.check(code, audit)).toMatchObject({ status: 'paid', typeCode: '7206', cents: 17700 });
    const faults = imitation.state.faults.length;
    // the adapter cannot bind without a type id: the service refuses the request, the adapter reports it unreachable
    await expect(adapter.bind({ code, typeCode: null, cents: 17700, reference: 'case-1' }, audit)).rejects.toThrow(/typeId must be digits/);
    expect(imitation.state.faults.length).toBe(faults + 1);

    const envelope = adapter.envelope('getParavoloStatus', { paravoloCode: code }, audit);
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(imitation.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"getParavoloStatus"', ...headers },
        body,
      });
    expect((await post(envelope)).status).toBe(200);
    const malformed: [string, Record<string, string>, RegExp][] = [
      [envelope, { soapaction: '"bindParavolo"' }, /SOAPAction/],
      [envelope, { 'content-type': 'application/json' }, /content-type/],
      [envelope.replace(/<soapenv:Header>.*<\/soapenv:Header>/, ''), {}, /UsernameToken/],
      [envelope.replace(code, code.slice(1)), {}, /20 digits/],
      [envelope.replace(/<ep:auditUserIp>.*<\/ep:auditUserIp>/, ''), {}, /auditUserIp/],
      [envelope.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/, '23/11/2026'), {}, /auditTransactionDate/],
      [envelope.replace('http://gsis.gr/eparavolo/ws', 'http://example.org/other'), {}, /one of/],
      ['<not-xml', {}, /XML|Envelope/],
    ];
    for (const [body, headers, reason] of malformed) {
      const res = await post(body, headers);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toContain('Fault');
      expect(text).toMatch(reason);
    }
  });

  it('reports wrong credentials and a dead service as unavailable', async () => {
    const wrong = new SoapEParavolo({ url: imitation.url, username: CREDS.username, password: 'λάθος', timeoutMs: 2000 });
    await expect(wrong.check(paidCode('1234', 100), audit)).rejects.toThrow(/Authentication failed/);
    const dead = new SoapEParavolo({ url: 'http://127.0.0.1:9/none', ...CREDS, timeoutMs: 500 });
    await expect(dead.check('1'.repeat(20), audit)).rejects.toBeInstanceOf(EParavoloUnavailable);
  });

  it('stands in with demo codes in development, and refuses everything in production without configuration', async () => {
    const dev = portFromConfig(loadConfig({ NODE_ENV: 'development' }));
    expect(DEMO_CODES.paid('3828', 3000, 1)).toBe('93828000030000000001');
    const serialNo = Number.parseInt(randomBytes(3).toString('hex'), 16) % 10_000_000;
    expect(await dev.check(DEMO_CODES.paid('3828', 3000, serialNo), audit)).toMatchObject({
      status: 'paid',
      typeCode: '3828',
      cents: 3000,
    });
    expect((await dev.check(DEMO_CODES.unpaid('3828', 3000), audit)).status).toBe('unpaid');
    expect((await dev.check(DEMO_CODES.cancelled('3828', 3000), audit)).status).toBe('cancelled');
    expect((await dev.check(DEMO_CODES.usedElsewhere('3828', 3000), audit)).status).toBe('bound');
    const bound = await dev.bind(
      { code: DEMO_CODES.paid('3828', 3000, serialNo), typeCode: '3828', cents: 3000, reference: 'case-x' },
      audit,
    );
    expect(bound.outcome).toBe('bound');
    const prod = portFromConfig(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://dimos.example.gr' }));
    await expect(prod.check('1'.repeat(20), audit)).rejects.toBeInstanceOf(EParavoloUnavailable);
  });
});
