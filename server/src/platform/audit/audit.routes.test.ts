import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeTenant } from '../../../test/factories.js';
import { auditLog } from './audit.schema.js';
import { csvCell } from './audit.service.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

async function setup() {
  const tenant = await makeTenant(sut.db);
  const admin = await makeStaffSession(sut.db, tenant.id, 'admin');
  const headers = (cookie = admin.cookie, extra: Record<string, string> = {}) => ({ 'x-tenant': tenant.slug, cookie, ...extra });
  return { tenant, admin, headers };
}

type Entry = { id: string; at: string; action: string; entityId: string | null; actorUserId: string | null; actorEmail: string | null };

/** Writes audit rows through the real API, so each has the admin as actor. */
async function makeUnits(s: Awaited<ReturnType<typeof setup>>, n: number, prefix = 'U') {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: s.headers(),
      remoteAddress: '192.0.2.1',
      payload: { kind: 'office', code: `${prefix}${i}`, nameEl: `Γραφείο ${i}`, nameEn: `Office ${i}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return ids;
}

describe('GET /api/audit', () => {
  it('pages newest first with an opaque cursor, without gaps or repeats, even within one millisecond', async () => {
    const s = await setup();
    await makeUnits(s, 3);
    // rows written in the same instant: the id breaks the tie
    const sameAt = new Date();
    await sut.db
      .insert(auditLog)
      .values(Array.from({ length: 4 }, (_, i) => ({ tenantId: s.tenant.id, actorKind: 'system', action: `test.same${i}`, at: sameAt })));
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/audit?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await sut.app.inject({ method: 'GET', url, headers: s.headers() });
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((e) => e.id)).size).toBe(7);
    const ats = seen.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const unitRow = seen.find((e) => e.action === 'units.created');
    expect(unitRow).toMatchObject({ actorUserId: s.admin.user.id, actorEmail: s.admin.user.email, ip: '192.0.2.1' });
  });

  it('filters by actor, action (exact or prefix), entity, entity id and date range', async () => {
    const s = await setup();
    const [first] = await makeUnits(s, 2);
    const other = await makeStaffSession(sut.db, s.tenant.id, 'admin');
    await sut.app.inject({ method: 'PATCH', url: '/api/tenant', headers: s.headers(other.cookie), payload: { nameEn: 'Renamed' } });
    const get = async (qs: string) => {
      const res = await sut.app.inject({ method: 'GET', url: `/api/audit?${qs}`, headers: s.headers() });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Entry[];
    };
    expect(await get(`actorUserId=${other.user.id}`)).toMatchObject([{ action: 'tenant.updated' }]);
    expect(await get('action=units.created')).toHaveLength(2);
    expect(await get('action=units.*')).toHaveLength(2);
    expect(await get('action=units')).toHaveLength(0);
    expect(await get('entity=tenant')).toHaveLength(1);
    expect(await get(`entityId=${first}`)).toMatchObject([{ entityId: first }]);
    expect(await get('from=2000-01-01&to=2000-01-02')).toHaveLength(0);
    expect(await get(`from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`)).toHaveLength(3);
  });

  it('shows only its own tenant', async () => {
    const s = await setup();
    const other = await makeTenant(sut.db);
    await sut.db.insert(auditLog).values({ tenantId: other.id, actorKind: 'system', action: 'elsewhere' });
    const res = await sut.app.inject({ method: 'GET', url: '/api/audit?action=elsewhere', headers: s.headers() });
    expect(res.json().items).toEqual([]);
  });

  it('refuses bad filters naming the field, and is forbidden for a head or an employee', async () => {
    const s = await setup();
    for (const [qs, field] of [
      ['from=yesterday', 'from'],
      ['cursor=garbage', 'cursor'],
      ['from=2026-02-01&to=2026-01-01', 'to'],
      ['actorUserId=42', 'actorUserId'],
    ]) {
      const res = await sut.app.inject({ method: 'GET', url: `/api/audit?${qs}`, headers: s.headers() });
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().fields[0].field, qs).toBe(field);
    }
    for (const role of ['head', 'employee'] as const) {
      const u = await makeStaffSession(sut.db, s.tenant.id, role);
      const res = await sut.app.inject({ method: 'GET', url: '/api/audit', headers: s.headers(u.cookie) });
      expect(res.statusCode).toBe(403);
      const csv = await sut.app.inject({ method: 'GET', url: '/api/audit.csv', headers: s.headers(u.cookie) });
      expect(csv.statusCode).toBe(403);
    }
  });
});

describe('GET /api/audit.csv', () => {
  it('exports the filtered records as CSV and records the export', async () => {
    const s = await setup();
    await makeUnits(s, 2, 'C');
    await sut.db.insert(auditLog).values({
      tenantId: s.tenant.id,
      actorKind: 'system',
      action: 'units.created',
      entity: 'org_unit',
      entityId: '=HYPERLINK("http://evil")',
      data: { note: 'a "quoted", text\nwith a newline' },
    });
    const res = await sut.app.inject({ method: 'GET', url: '/api/audit.csv?action=units.created', headers: s.headers() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`audit-${s.tenant.slug}-`);
    const body = res.body.replace(/^\uFEFF/, '');
    const lines = body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('at,actor_user_id,actor_kind,actor_email,actor_name,action,entity,entity_id,ip,user_agent,request_id,data');
    // the quoted cell spans two physical lines; three records after the header
    expect(body.match(/units\.created/g)).toHaveLength(3);
    expect(body).toContain(`${s.admin.user.email}`);
    expect(body).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(body).toContain('"{""note"":""a \\""quoted\\"", text\\nwith a newline""}"');
    const [exported] = await sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'audit.exported'));
    expect(Number(exported?.n)).toBe(1);

    const bad = await sut.app.inject({ method: 'GET', url: '/api/audit.csv?to=never', headers: s.headers() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('to');
  });

  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('+30 210')).toBe("'+30 210");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
  });
});

describe('failed writes', () => {
  it('leave no audit record', async () => {
    const s = await setup();
    const before = await sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, s.tenant.id));
    const attempts = [
      { method: 'POST' as const, url: '/api/units', payload: { kind: 'office', code: '' } },
      { method: 'POST' as const, url: '/api/staff', payload: { email: 'x' } },
      { method: 'PATCH' as const, url: '/api/tenant', payload: { branding: { primaryColor: '#12345' } } },
      { method: 'POST' as const, url: '/api/partners', payload: { kind: 'vet' } },
    ];
    for (const a of attempts) {
      const res = await sut.app.inject({ ...a, headers: s.headers() });
      expect(res.statusCode, a.url).toBe(400);
    }
    const after = await sut.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, s.tenant.id));
    expect(after).toEqual(before);
  });
});
