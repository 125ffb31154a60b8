import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecondServer, createTestApp, type TestApp } from '../../../test/app.js';
import { caseRatings, cases } from '../../../test/case-tables.js';
import { makeUnit, makeUser } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { makeCaseType, staffHeaders, submit } from './helpdesk.fixtures.js';
import { fill } from './templates.service.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['cases', 'notify', 'helpdesk'] });
});

afterAll(() => sut.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
  sut.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function fileCase(typeKey: string, extra: Record<string, unknown> = {}) {
  const res = await submit(sut, { caseType: typeKey, data: {}, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('saved views', () => {
  it('keeps a view private to its owner unless shared with a unit, whose staff then see it', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const other = await makeUnit(sut.db, sut.tenant.id);
    const a = await staffHeaders(sut, 'employee', unit.id);
    const b = await staffHeaders(sut, 'employee', unit.id);
    const c = await staffHeaders(sut, 'employee', other.id);
    const priv = await call('POST', '/api/helpdesk/views', a.headers, {
      name: 'Δικά μου',
      filters: { assigneeId: 'me', overdue: 'true' },
    });
    expect(priv.statusCode, priv.body).toBe(201);
    const shared = await call('POST', '/api/helpdesk/views', a.headers, {
      name: 'Λακκούβες',
      filters: { type: 'pothole' },
      unitId: unit.id,
    });
    expect(shared.statusCode).toBe(201);
    const names = async (h: Record<string, string>) =>
      (await call('GET', '/api/helpdesk/views', h)).json().map((v: { name: string }) => v.name);
    expect(await names(a.headers)).toEqual(['Δικά μου', 'Λακκούβες']);
    expect(await names(b.headers)).toEqual(['Λακκούβες']);
    expect(await names(c.headers)).toEqual([]);
    // only the owner changes or deletes it
    expect((await call('DELETE', `/api/helpdesk/views/${shared.json().id}`, b.headers)).statusCode).toBe(404);
    const renamed = await call('PUT', `/api/helpdesk/views/${shared.json().id}`, a.headers, { name: 'Λακκούβες μονάδας' });
    expect(renamed.json()).toMatchObject({ name: 'Λακκούβες μονάδας', unitId: unit.id, mine: true });
    expect((await call('DELETE', `/api/helpdesk/views/${priv.json().id}`, a.headers)).statusCode).toBe(204);
    expect(await names(a.headers)).toEqual(['Λακκούβες μονάδας']);
  });

  it('refuses sharing with a unit one does not belong to, and bad filters, writing nothing', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const other = await makeUnit(sut.db, sut.tenant.id);
    const a = await staffHeaders(sut, 'employee', unit.id);
    const res = await call('POST', '/api/helpdesk/views', a.headers, { name: 'x', filters: {}, unitId: other.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('helpdesk.not_your_unit');
    const bad = await call('POST', '/api/helpdesk/views', a.headers, { name: 'x', filters: { overdue: 'maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('overdue');
    expect((await call('GET', '/api/helpdesk/views', a.headers)).json()).toEqual([]);
  });
});

describe('reply templates', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('Αρ. {protocol} για {name} {nope}', { protocol: '12/2026', name: 'Άννα' })).toBe('Αρ. 12/2026 για Άννα {nope}');
  });

  it('lets a head manage the templates of their unit, employees only use them, rendered for a case', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id, { nameEl: 'Τμήμα Συντήρησης', nameEn: 'Maintenance' });
    const head = await staffHeaders(sut, 'head', unit.id);
    const emp = await staffHeaders(sut, 'employee', unit.id);
    const body = {
      unitId: unit.id,
      name: 'Παραλαβή',
      bodyEl: 'Αγαπητέ/ή {name}, το {protocol} πήγε στο «{unit}».',
      bodyEn: 'Dear {name}, {protocol} went to “{unit}”.',
    };
    expect((await call('POST', '/api/helpdesk/templates', emp.headers, body)).statusCode).toBe(403);
    // municipality-wide templates need a tenant-wide grant
    expect((await call('POST', '/api/helpdesk/templates', head.headers, { ...body, unitId: null })).json().code).toBe(
      'helpdesk.template_unit_forbidden',
    );
    const created = await call('POST', '/api/helpdesk/templates', head.headers, body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const listed = await call('GET', `/api/helpdesk/templates?unitId=${unit.id}`, emp.headers);
    expect(listed.json().map((t: { id: string }) => t.id)).toContain(id);
    const stranger = await staffHeaders(sut, 'employee', (await makeUnit(sut.db, sut.tenant.id)).id);
    expect((await call('GET', '/api/helpdesk/templates', stranger.headers)).json().map((t: { id: string }) => t.id)).not.toContain(id);

    const type = await makeCaseType(sut, { defaultUnitId: unit.id });
    const caseId = await fileCase(type.key, { contact: { name: 'Άννα Μαρκοπούλου', phone: '6900000001' } });
    const [c] = await sut.db.select().from(cases).where(eq(cases.id, caseId));
    const el = await call('POST', `/api/helpdesk/templates/${id}/render`, emp.headers, { caseId });
    expect(el.json()).toEqual({ lang: 'el', body: `Αγαπητέ/ή Άννα Μαρκοπούλου, το ${c?.protocolNumber} πήγε στο «Τμήμα Συντήρησης».` });
    const en = await call('POST', `/api/helpdesk/templates/${id}/render`, emp.headers, { caseId, lang: 'en' });
    expect(en.json().body).toBe(`Dear Άννα Μαρκοπούλου, ${c?.protocolNumber} went to “Maintenance”.`);

    const upd = await call('PUT', `/api/helpdesk/templates/${id}`, head.headers, { name: 'Παραλαβή αιτήματος' });
    expect(upd.json().name).toBe('Παραλαβή αιτήματος');
    const empty = await call('PUT', `/api/helpdesk/templates/${id}`, head.headers, { bodyEl: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('bodyEl');
    expect((await call('DELETE', `/api/helpdesk/templates/${id}`, head.headers)).statusCode).toBe(204);
    const audits = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, sut.tenant.id), eq(auditLog.entityId, id)));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'helpdesk.template.create',
      'helpdesk.template.delete',
      'helpdesk.template.update',
    ]);
  });
});

describe('call centre', () => {
  it('finds a caller by phone, name without accents or ΑΦΜ, and lists their cases with the channel recorded', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id });
    const citizen = await makeUser(sut.db, sut.tenant.id, {
      kind: 'citizen',
      givenName: 'Ευάγγελος',
      familyName: 'Παπαδάκης',
      phone: '+306944111222',
      afm: '090000045',
    });
    const operator = await staffHeaders(sut, 'operator', null);
    for (const q of ['6944111', 'ευαγγελος παπα', 'ΠΑΠΑΔΑΚΗΣ', '090000045']) {
      const res = await call('GET', `/api/helpdesk/people?q=${encodeURIComponent(q)}`, operator.headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(
        res.json().find((p: { userId: string }) => p.userId === citizen.id),
        q,
      ).toMatchObject({ kind: 'citizen', name: 'Ευάγγελος Παπαδάκης' });
    }
    const short = await call('GET', '/api/helpdesk/people?q=ab', operator.headers);
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].field).toBe('q');

    const filed = await call('POST', '/api/cases/intake', operator.headers, {
      caseType: type.key,
      data: {},
      channel: 'phone',
      citizenUserId: citizen.id,
      title: 'Σπασμένο πεζοδρόμιο',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const history = await call('GET', `/api/helpdesk/people/cases?userId=${citizen.id}`, operator.headers);
    expect(history.json()).toHaveLength(1);
    expect(history.json()[0]).toMatchObject({ id: filed.json().id, channel: 'phone', title: 'Σπασμένο πεζοδρόμιο', canOpen: true });

    // someone without an account, known from an earlier case's contact
    await fileCase(type.key, { contact: { name: 'Θοδωρής Λάμπρου', phone: '210 555 1234' } });
    const contact = (await call('GET', '/api/helpdesk/people?q=2105551234', operator.headers)).json();
    expect(contact).toEqual([expect.objectContaining({ kind: 'contact', name: 'Θοδωρής Λάμπρου', caseCount: 1 })]);
    const byPhone = await call('GET', '/api/helpdesk/people/cases?phone=2105551234', operator.headers);
    expect(byPhone.json()).toHaveLength(1);
    // staff without the intake permission cannot search people
    const council = await staffHeaders(sut, 'council', unit.id);
    expect((await call('GET', '/api/helpdesk/people?q=6944111', council.headers)).statusCode).toBe(403);
  });
});

describe('bulk actions', () => {
  it('assigns, transitions and tags many cases, each audited, reporting per case what failed', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const elsewhere = await makeUnit(sut.db, sut.tenant.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id });
    const otherType = await makeCaseType(sut, { defaultUnitId: elsewhere.id });
    const mine = [await fileCase(type.key), await fileCase(type.key), await fileCase(type.key)];
    const foreign = await fileCase(otherType.key);
    const head = await staffHeaders(sut, 'head', unit.id);
    const emp = await staffHeaders(sut, 'employee', unit.id);

    const assign = await call('POST', '/api/helpdesk/bulk', head.headers, {
      caseIds: [...mine, foreign],
      action: { kind: 'assign', assigneeId: emp.user.id },
    });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json()).toMatchObject({ done: 3, failed: 1 });
    expect(assign.json().results.find((r: { caseId: string }) => r.caseId === foreign)).toMatchObject({
      ok: false,
      code: 'case.not_found',
    });
    const rows = await sut.db
      .select()
      .from(cases)
      .where(sql`${cases.id} in ${[...mine, foreign]}`);
    expect(
      rows
        .filter((r) => r.assigneeId === emp.user.id)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...mine].sort());

    // move one ahead first: the transition "assign" then exists only for the other two
    await call('POST', `/api/cases/${mine[0]}/transition`, emp.headers, { transition: 'assign' });
    const tr = await call('POST', '/api/helpdesk/bulk', emp.headers, {
      caseIds: mine,
      action: { kind: 'transition', transition: 'assign' },
    });
    expect(tr.json()).toMatchObject({ done: 2, failed: 1 });
    expect(tr.json().results[0]).toMatchObject({ caseId: mine[0], ok: false, code: 'case.transition_invalid' });
    expect(tr.json().results[0].message).toMatch(/\S/);

    const tag = await call('POST', '/api/helpdesk/bulk', emp.headers, {
      caseIds: mine,
      action: { kind: 'tag', add: ['πλημμύρα', 'επείγον'] },
    });
    expect(tag.json()).toMatchObject({ done: 3, failed: 0 });
    const untag = await call('POST', '/api/helpdesk/bulk', emp.headers, {
      caseIds: mine.slice(0, 1),
      action: { kind: 'tag', remove: ['επείγον'] },
    });
    expect(untag.json().done).toBe(1);
    const tagged = await sut.db.select({ id: cases.id, tags: cases.tags }).from(cases).where(sql`${cases.id} in ${mine}`);
    for (const r of tagged) expect(r.tags.sort()).toEqual(r.id === mine[0] ? ['πλημμύρα'] : ['επείγον', 'πλημμύρα'].sort());

    const audits = await sut.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, sut.tenant.id), eq(auditLog.entity, 'case')));
    for (const id of mine)
      expect(audits.filter((a) => a.entityId === id).map((a) => a.action)).toEqual(expect.arrayContaining(['case.assign', 'case.update']));
    const summary = audits.filter((a) => a.action === 'helpdesk.bulk');
    expect(summary.length).toBe(4);
    expect(summary.find((a) => a.data.kind === 'assign')?.data).toMatchObject({ requested: 4, done: 3, failed: [foreign] });
  });

  it('refuses a bulk request with duplicate ids or no ids, naming the field', async () => {
    const { headers } = await staffHeaders(sut, 'head', null);
    const id = '00000000-0000-4000-8000-000000000001';
    const dup = await call('POST', '/api/helpdesk/bulk', headers, { caseIds: [id, id], action: { kind: 'tag', add: ['x'] } });
    expect(dup.statusCode).toBe(400);
    expect(JSON.stringify(dup.json())).toContain('caseIds');
    const none = await call('POST', '/api/helpdesk/bulk', headers, { caseIds: [], action: { kind: 'tag', add: ['x'] } });
    expect(none.statusCode).toBe(400);
  });
});

describe('inbox counts', () => {
  it('counts open, overdue, due-soon and unassigned cases per unit, and mine', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id });
    const emp = await staffHeaders(sut, 'employee', unit.id);
    const ids = [await fileCase(type.key), await fileCase(type.key), await fileCase(type.key)];
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Athens' });
    const past = new Date(Date.now() - 5 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Athens' });
    await sut.db
      .update(cases)
      .set({ dueDate: past, assigneeId: emp.user.id })
      .where(eq(cases.id, ids[0] as string));
    await sut.db
      .update(cases)
      .set({ dueDate: today })
      .where(eq(cases.id, ids[1] as string));
    const res = await call('GET', '/api/helpdesk/inbox', emp.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().mine).toEqual({ open: 1, overdue: 1, dueSoon: 0 });
    expect(res.json().units).toEqual([{ unitId: unit.id, open: 3, overdue: 1, dueSoon: 1, unassigned: 2 }]);
  });
});

describe('dashboard', () => {
  async function scene() {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id, nameEl: 'Καμένη λάμπα', nameEn: 'Street light' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await fileCase(type.key, { location: { lat: 37.9801 + i * 0.0001, lon: 23.7201 } }));
    ids.push(await fileCase(type.key, { location: { lat: 38.1, lon: 23.9 }, channel: 'app' }));
    // resolution times of 10, 20, 30, 40 hours; the last one after its due date
    const at = new Date('2026-03-02T08:00:00Z');
    for (const [i, h] of [10, 20, 30, 40].entries()) {
      await sut.db
        .update(cases)
        .set({
          submittedAt: at,
          resolvedAt: new Date(at.getTime() + h * 3_600_000),
          stateCategory: 'resolved',
          state: 'resolved',
          dueDate: i === 3 ? '2026-03-02' : '2026-03-20',
        })
        .where(eq(cases.id, ids[i] as string));
    }
    await sut.db
      .update(cases)
      .set({ submittedAt: at, dueDate: '2026-03-03' })
      .where(sql`${cases.id} in ${ids.slice(4)}`);
    const head = await staffHeaders(sut, 'head', unit.id);
    return { unit, type, ids, head };
  }

  it('computes volume, backlog, resolution median and p80, and SLA compliance over the unit’s cases', async () => {
    const { unit, type, ids, head } = await scene();
    const res = await call('GET', '/api/helpdesk/stats?from=2026-03-01&to=2026-03-31', head.headers);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.period).toEqual({ from: '2026-03-01', to: '2026-03-31', interval: 'week' });
    expect(s.volume.total).toBe(6);
    expect(s.volume.byType).toEqual([{ key: type.key, name: { el: 'Καμένη λάμπα', en: 'Street light' }, n: 6 }]);
    expect(s.volume.byUnit).toEqual([{ unitId: unit.id, name: { el: unit.nameEl, en: unit.nameEn }, n: 6 }]);
    expect(s.volume.byChannel).toEqual([
      { channel: 'web', n: 5 },
      { channel: 'app', n: 1 },
    ]);
    expect(s.volume.series).toEqual([
      { period: '2026-03-02', channel: 'app', n: 1 },
      { period: '2026-03-02', channel: 'web', n: 5 },
    ]);
    expect(s.backlog).toMatchObject({ open: 2, overdue: 2 });
    // percentile_cont over 10, 20, 30, 40 h: median 25, p80 = 30 + 0.4 · 10 = 34
    expect(s.resolution).toEqual({ n: 4, medianHours: 25, p80Hours: 34 });
    expect(s.sla).toEqual({ resolvedWithDue: 4, onTime: 3, rate: 0.75 });
    expect(s.satisfaction).toEqual({ available: false, n: 0, average: null });
    // two citizens rate their resolved cases: 5 and 2 stars
    await sut.db.insert(caseRatings).values([
      { tenantId: sut.tenant.id, caseId: ids[0] as string, stars: 5 },
      { tenantId: sut.tenant.id, caseId: ids[1] as string, stars: 2 },
    ]);
    const rated = (await call('GET', '/api/helpdesk/stats?from=2026-03-01&to=2026-03-31', head.headers)).json();
    expect(rated.satisfaction).toEqual({ available: true, n: 2, average: 3.5 });
    // an employee has no dashboard; a head of another unit sees none of these cases
    const emp = await staffHeaders(sut, 'employee', unit.id);
    expect((await call('GET', '/api/helpdesk/stats', emp.headers)).statusCode).toBe(403);
    const otherHead = await staffHeaders(sut, 'head', (await makeUnit(sut.db, sut.tenant.id)).id);
    expect((await call('GET', '/api/helpdesk/stats?from=2026-03-01&to=2026-03-31', otherHead.headers)).json().volume.total).toBe(0);
    const bad = await call('GET', '/api/helpdesk/stats?from=2026-04-01&to=2026-03-01', head.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('from');
  });

  it('aggregates located cases on a grid on the server', async () => {
    const { head } = await scene();
    const res = await call('GET', '/api/helpdesk/stats/heatmap?from=2026-03-01&to=2026-03-31&cell=0.01', head.headers);
    expect(res.statusCode).toBe(200);
    const cells = res.json().cells as { lat: number; lon: number; n: number }[];
    expect(cells).toHaveLength(2);
    expect(cells[0]?.n).toBe(5);
    expect(cells[0]?.lat).toBeCloseTo(37.98, 6);
    expect(cells[0]?.lon).toBeCloseTo(23.72, 6);
    expect(cells[1]?.n).toBe(1);
  });

  it('exports the period as CSV and XLSX, and the month as a PDF report', async () => {
    const { head, ids } = await scene();
    const [first] = await sut.db
      .select()
      .from(cases)
      .where(eq(cases.id, ids[0] as string));
    const csv = await call('GET', '/api/helpdesk/stats/export?format=csv&from=2026-03-01&to=2026-03-31', head.headers);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Αρ\. πρωτοκόλλου,Υποβολή,Είδος/);
    expect(lines).toHaveLength(7);
    expect(lines.some((l) => l.startsWith(`${first?.protocolNumber},`) && l.includes('Καμένη λάμπα'))).toBe(true);

    const xlsx = await sut.app.inject({
      method: 'GET',
      url: '/api/helpdesk/stats/export?format=xlsx&from=2026-03-01&to=2026-03-31',
      headers: { ...head.headers, 'accept-language': 'en' },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cases', 'Summary']);
    expect(wb.getWorksheet('Cases')?.rowCount).toBe(7);
    const summary = wb.getWorksheet('Summary');
    expect(summary?.getRow(2).values).toEqual([undefined, 'New cases', 6]);

    const pdf = await call('GET', '/api/helpdesk/stats/report?month=2026-03', head.headers);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Μηνιαία αναφορά αιτημάτων 2026-03');
    expect((await call('GET', '/api/helpdesk/stats/report?month=2026-13', head.headers)).statusCode).toBe(400);
  });
});

/** Reads a help-desk event stream as text until closed. */
async function openStream(address: string, headers: Record<string, string>) {
  const ctrl = new AbortController();
  const res = await fetch(`${address}/api/helpdesk/stream?ttl=120`, { headers, signal: ctrl.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const stream = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await stream.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted
    }
  })();
  return { text: () => text, close: () => ctrl.abort(), pump };
}

describe('live updates', () => {
  it('reaches a connection on another server process: the event goes through the database', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id });
    const reader = await staffHeaders(sut, 'employee', unit.id);
    const other = await createSecondServer(sut);
    try {
      const address = await other.app.listen({ port: 0, host: '127.0.0.1' });
      const stream = await openStream(address, reader.headers);
      const id = await fileCase(type.key);
      // only the first server runs the job; the second hears it through LISTEN/NOTIFY
      await sut.platform.jobs.drain();
      await expect.poll(() => stream.text(), { timeout: 5000 }).toContain(`"caseId":"${id}"`);
      stream.close();
      await stream.pump;
    } finally {
      await other.close();
    }
  }, 90_000);

  it('streams case events to staff who can read the case, and nothing to others', async () => {
    const unit = await makeUnit(sut.db, sut.tenant.id);
    const other = await makeUnit(sut.db, sut.tenant.id);
    const type = await makeCaseType(sut, { defaultUnitId: unit.id });
    const reader = await staffHeaders(sut, 'employee', unit.id);
    const outsider = await staffHeaders(sut, 'employee', other.id);
    const address = await sut.app.listen({ port: 0, host: '127.0.0.1' });
    const open = (headers: Record<string, string>) => openStream(address, headers);
    const mine = await open(reader.headers);
    const theirs = await open(outsider.headers);
    const id = await fileCase(type.key);
    await sut.platform.jobs.drain();
    await expect.poll(() => mine.text(), { timeout: 5000 }).toContain(`"caseId":"${id}"`);
    expect(mine.text()).toContain('event: case');
    expect(mine.text()).toContain('"type":"case.submitted"');
    expect(theirs.text()).not.toContain(id);
    mine.close();
    theirs.close();
    await Promise.all([mine.pump, theirs.pump]);
    expect((await fetch(`${address}/api/helpdesk/stream`, { headers: sut.headers() })).status).toBe(401);
    // a stream ends after its lifetime (the browser reconnects)
    const short = await sut.app.inject({ method: 'GET', url: '/api/helpdesk/stream?ttl=1', headers: reader.headers });
    expect(short.statusCode).toBe(200);
    expect(short.body).toContain(': connected');
  });
});
