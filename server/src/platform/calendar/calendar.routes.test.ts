import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeTenant, makeUnit } from '../../../test/factories.js';
import { auditLog } from '../audit/audit.schema.js';
import { tenantHolidays } from './calendar.schema.js';
import { greekPublicHolidays } from './holidays.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

async function setup() {
  const tenant = await makeTenant(sut.db);
  const admin = await makeStaffSession(sut.db, tenant.id, 'admin');
  const headers = (cookie = admin.cookie) => ({ 'x-tenant': tenant.slug, cookie });
  return { tenant, admin, headers };
}

const holidayRows = async (tenantId: string) =>
  Number((await sut.db.select({ n: count() }).from(tenantHolidays).where(eq(tenantHolidays.tenantId, tenantId)))[0]?.n);

describe('working calendar routes', () => {
  it('lists the national holidays of the year and adds and removes a local holiday, audited', async () => {
    const s = await setup();
    const add = await sut.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: s.headers(),
      payload: { date: '2027-11-11', nameEl: 'Πολιούχος', nameEn: 'Patron saint' },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ date: '2027-11-11', kind: 'holiday', nameEn: 'Patron saint' });
    // a day in another year is not listed with 2027
    await sut.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: s.headers(),
      payload: { date: '2028-01-02', nameEl: 'Κλειστό', nameEn: 'Closed', kind: 'closure' },
    });

    const list = await sut.app.inject({ method: 'GET', url: '/api/holidays?year=2027', headers: s.headers() });
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.national.map((h: { date: string }) => h.date)).toEqual(greekPublicHolidays(2027).map((h) => h.date));
    expect(body.tenant.map((h: { date: string }) => h.date)).toEqual(['2027-11-11']);

    const del = await sut.app.inject({ method: 'DELETE', url: `/api/holidays/${add.json().id}`, headers: s.headers() });
    expect(del.statusCode, del.body).toBe(204);
    expect(await holidayRows(s.tenant.id)).toBe(1);
    const actions = await sut.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, s.tenant.id), eq(auditLog.entity, 'tenant_holiday')));
    expect(actions.map((a) => a.action).sort()).toEqual(['calendar.holiday.create', 'calendar.holiday.create', 'calendar.holiday.delete']);
  });

  it('refuses a second day off on the same date and an impossible date, naming the field, writing nothing', async () => {
    const s = await setup();
    const payload = { date: '2027-06-01', nameEl: 'Α', nameEn: 'A' };
    expect((await sut.app.inject({ method: 'POST', url: '/api/holidays', headers: s.headers(), payload })).statusCode).toBe(201);
    const twin = await sut.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: { ...s.headers(), 'accept-language': 'en' },
      payload,
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().fields[0]).toMatchObject({ field: 'date', code: 'calendar.holiday_exists' });
    expect(twin.json().message).toContain('2027-06-01');
    expect(twin.json().fields[0].message).toContain('2027-06-01');
    const bad = await sut.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: s.headers(),
      payload: { date: '2027-02-30', nameEl: 'Α', nameEn: 'A' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'date', code: 'calendar.date_invalid' });
    expect(await holidayRows(s.tenant.id)).toBe(1);
  });

  it('lets staff read the calendar but only administrators change it; other tenants see nothing', async () => {
    const s = await setup();
    const unit = await makeUnit(sut.db, s.tenant.id);
    const emp = await makeStaffSession(sut.db, s.tenant.id, 'employee', unit.id);
    const add = await sut.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: s.headers(),
      payload: { date: '2027-03-03', nameEl: 'Α', nameEn: 'A' },
    });
    expect((await sut.app.inject({ method: 'GET', url: '/api/holidays?year=2027', headers: s.headers(emp.cookie) })).statusCode).toBe(200);
    const refused = await sut.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: s.headers(emp.cookie),
      payload: { date: '2027-03-04', nameEl: 'Α', nameEn: 'A' },
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await sut.app.inject({ method: 'DELETE', url: `/api/holidays/${add.json().id}`, headers: s.headers(emp.cookie) })).statusCode,
    ).toBe(403);

    const other = await makeTenant(sut.db);
    const otherAdmin = await makeStaffSession(sut.db, other.id, 'admin');
    const h = { 'x-tenant': other.slug, cookie: otherAdmin.cookie };
    const list = await sut.app.inject({ method: 'GET', url: '/api/holidays?year=2027', headers: h });
    expect(list.json().tenant).toEqual([]);
    expect((await sut.app.inject({ method: 'DELETE', url: `/api/holidays/${add.json().id}`, headers: h })).statusCode).toBe(404);
    expect(await holidayRows(s.tenant.id)).toBe(1);
  });
});
