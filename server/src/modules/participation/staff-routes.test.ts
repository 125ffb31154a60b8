import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeUser, sessionCookie } from '../../../test/factories.js';

let sut: TestApp;
let staff: string;
let clerk: string;
beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['participation', 'notify'] });
  staff = (await makeStaffSession(sut.db, sut.tenant.id, 'mayor_office')).cookie;
  clerk = (await makeStaffSession(sut.db, sut.tenant.id, 'employee')).cookie;
});
afterAll(async () => sut?.close());

const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, cookie?: string, payload?: unknown, lang = 'el') =>
  sut.app.inject({
    method,
    url,
    headers: sut.headers({ ...(cookie ? { cookie } : {}), 'accept-language': lang }),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** A valid ΑΦΜ from its first 8 digits. */
const afmOf = (eight: string) => {
  const sum = [...eight].reduce((s, d, i) => s + Number(d) * 2 ** (8 - i), 0);
  return `${eight}${(sum % 11) % 10}`;
};

let seq = 0;
async function citizen() {
  const user = await makeUser(sut.db, sut.tenant.id, {
    kind: 'citizen',
    givenName: 'Ελένη',
    familyName: 'Κωστοπούλου',
    phone: `+30697${String(++seq).padStart(7, '0')}`,
    phoneVerifiedAt: new Date(),
  });
  return { user, cookie: await sessionCookie(sut.db, user) };
}

describe('budget projects after creation', () => {
  it('adds, edits and removes projects until the first ballot, then only texts change', async () => {
    const b = (
      await send('POST', '/api/participation/budgets', staff, {
        title: 'ΣΠ 2027',
        totalCents: 50_000,
        mode: 'budget',
        verification: 'phone',
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        projects: [{ title: 'Πεζόδρομος', costCents: 30_000 }],
      })
    ).json();
    expect(b.status).toBe('draft');
    const add = await send('POST', `/api/participation/budgets/${b.id}/projects`, staff, { title: 'Παιδική χαρά', costCents: 15_000 });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ position: 2, progressStatus: 'planned' });
    // bad input: a field error and nothing changes
    const bad = await send('POST', `/api/participation/budgets/${b.id}/projects`, staff, { title: 'Χ', costCents: 0 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['costCents', 'title']);
    // the clerk has no participation.manage
    expect((await send('POST', `/api/participation/budgets/${b.id}/projects`, clerk, { title: 'Άλλο', costCents: 10 })).statusCode).toBe(
      403,
    );
    const edit = await send('PATCH', `/api/participation/projects/${add.json().id}`, staff, {
      costCents: 12_000,
      description: 'Στο πάρκο',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ costCents: 12_000, description: 'Στο πάρκο' });
    const extra = (
      await send('POST', `/api/participation/budgets/${b.id}/projects`, staff, { title: 'Ποδηλατόδρομος', costCents: 9_000 })
    ).json();
    expect((await send('DELETE', `/api/participation/projects/${extra.id}`, staff)).statusCode).toBe(204);
    let full = (await send('GET', `/api/participation/budgets/${b.id}`, staff)).json();
    expect(full.projects.map((p: { title: string; costCents: number }) => [p.title, p.costCents])).toEqual([
      ['Πεζόδρομος', 30_000],
      ['Παιδική χαρά', 12_000],
    ]);

    expect((await send('POST', `/api/participation/budgets/${b.id}/state`, staff, { status: 'open' })).statusCode).toBe(204);
    const voter = await citizen();
    expect(
      (await send('POST', `/api/participation/budgets/${b.id}/ballots`, voter.cookie, { projectIds: [add.json().id] })).statusCode,
    ).toBe(201);
    const cost = await send('PATCH', `/api/participation/projects/${add.json().id}`, staff, { costCents: 99_000 }, 'en');
    expect(cost.statusCode).toBe(409);
    expect(cost.json()).toMatchObject({ code: 'participation.ballots_cast', message: expect.stringContaining('Ballots') });
    expect((await send('POST', `/api/participation/budgets/${b.id}/projects`, staff, { title: 'Αργά', costCents: 10 })).statusCode).toBe(
      409,
    );
    expect((await send('DELETE', `/api/participation/projects/${add.json().id}`, staff)).statusCode).toBe(409);
    expect(
      (await send('PATCH', `/api/participation/projects/${add.json().id}`, staff, { title: 'Παιδική χαρά Αγ. Νικολάου' })).statusCode,
    ).toBe(200);
    full = (await send('GET', `/api/participation/budgets/${b.id}`, staff)).json();
    expect(full.projects[1]).toMatchObject({ title: 'Παιδική χαρά Αγ. Νικολάου', costCents: 12_000 });

    await send('POST', `/api/participation/budgets/${b.id}/state`, staff, { status: 'closed' });
    expect((await send('PATCH', `/api/participation/projects/${add.json().id}`, staff, { title: 'Μετά' })).json().code).toBe(
      'participation.invalid_state',
    );
  });
});

describe('idea calls: state and the staff list', () => {
  it('lists drafts for staff only, opens and closes', async () => {
    const call = (
      await send('POST', '/api/participation/idea-calls', staff, {
        title: 'Ιδέες για την παραλία',
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
      })
    ).json();
    const mine = () => send('GET', '/api/participation/idea-calls/manage', staff);
    expect((await mine()).json().find((c: { id: string }) => c.id === call.id)).toMatchObject({ status: 'draft', ideaCount: 0 });
    expect((await send('GET', '/api/participation/idea-calls/manage', clerk)).statusCode).toBe(403);
    expect((await send('GET', '/api/participation/idea-calls')).json().some((c: { id: string }) => c.id === call.id)).toBe(false);
    expect((await send('POST', `/api/participation/idea-calls/${call.id}/state`, staff, { status: 'open' })).statusCode).toBe(204);
    expect((await send('GET', '/api/participation/idea-calls')).json().find((c: { id: string }) => c.id === call.id).status).toBe('open');
    expect((await send('POST', `/api/participation/idea-calls/${call.id}/state`, staff, { status: 'closed' })).statusCode).toBe(204);
    const closed = await send('POST', `/api/participation/idea-calls/${call.id}/ideas`, undefined, {
      title: 'Ντους',
      body: 'Ντους στην παραλία',
      lat: 0,
      lon: 0,
    });
    expect(closed.json().code).toBe('participation.closed');
    const missing = await send('POST', '/api/participation/idea-calls/00000000-0000-4000-8000-000000000000/state', staff, {
      status: 'open',
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('residents registry', () => {
  it('checks the ΑΦΜ check digit, imports a list all-or-nothing, lists and removes', async () => {
    const good = afmOf('12345678');
    const wrong = `${good.slice(0, 8)}${(Number(good[8]) + 1) % 10}`;
    const one = await send('POST', '/api/participation/residents', staff, { afm: wrong });
    expect(one.statusCode).toBe(400);
    expect(one.json().fields[0]).toMatchObject({ field: 'afm', code: 'participation.invalid_afm' });
    expect((await send('POST', '/api/participation/residents', staff, { afm: good })).statusCode).toBe(204);

    const list = [afmOf('11111111'), afmOf('22222222'), good, afmOf('11111111')];
    const bad = await send('POST', '/api/participation/residents/import', staff, { afms: [...list, wrong, 'abc'] }, 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['afms.4', 'afms.5']);
    expect(bad.json().fields[0].message).toContain('line 5');
    expect((await send('GET', '/api/participation/residents', staff)).json().total).toBe(1);

    const ok = await send('POST', '/api/participation/residents/import', staff, {
      afms: list.map((a) => ` ${a.slice(0, 3)} ${a.slice(3)} `),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ added: 2, existing: 1 });

    const person = await citizen();
    expect((await send('POST', '/api/participation/residents', staff, { userId: person.user.id })).statusCode).toBe(204);
    const all = (await send('GET', '/api/participation/residents', staff)).json();
    expect(all.total).toBe(4);
    expect(all.items[0]).toMatchObject({ userId: person.user.id, name: 'Ελένη Κωστοπούλου', source: 'staff' });
    expect(
      all.items
        .filter((r: { afm: string | null }) => r.afm)
        .map((r: { afm: string }) => r.afm)
        .sort(),
    ).toEqual([afmOf('11111111'), afmOf('22222222'), good].sort());
    const found = (await send('GET', `/api/participation/residents?q=${afmOf('22222222').slice(0, 4)}`, staff)).json();
    expect(found.items).toHaveLength(1);
    expect((await send('GET', '/api/participation/residents', clerk)).statusCode).toBe(403);

    const row = all.items.find((r: { afm: string | null }) => r.afm === good);
    expect((await send('DELETE', `/api/participation/residents/${row.id}`, staff)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/participation/residents/${person.user.id}`, staff)).statusCode).toBe(204);
    expect((await send('GET', '/api/participation/residents', staff)).json().total).toBe(2);
  });
});

describe('ratings per target', () => {
  it('summarises every rated target for staff, leaving out hidden ratings', async () => {
    const rate = async (ref: string, rating: number, comment?: string) => {
      const c = await citizen();
      const res = await send('POST', '/api/participation/evaluations', c.cookie, {
        targetKind: 'service',
        targetRef: ref,
        rating,
        comment,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    await rate('lighting', 4, 'Καλός φωτισμός');
    await rate('lighting', 2);
    const hideMe = await rate('lighting', 1, 'σπαμ');
    await rate('roads', 5);
    const mod = await send('POST', `/api/participation/moderation/evaluation/${hideMe}`, staff, { action: 'hide', reason: 'Ανεπίτρεπτο' });
    expect(mod.statusCode, mod.body).toBe(200);
    const res = await send('GET', '/api/participation/evaluations/targets', staff);
    expect(res.statusCode).toBe(200);
    const lighting = res.json().find((r: { targetRef: string }) => r.targetRef === 'lighting');
    expect(lighting).toMatchObject({ count: 2, mean: 3, comments: 1, hidden: 1 });
    expect(lighting.histogram.map((h: { count: number }) => h.count)).toEqual([0, 1, 0, 1, 0]);
    expect(res.json().find((r: { targetRef: string }) => r.targetRef === 'roads')).toMatchObject({ count: 1, mean: 5 });
    expect((await send('GET', '/api/participation/evaluations/targets', clerk)).statusCode).toBe(403);
  });
});

describe('a minimum share of the budget', () => {
  it('refuses a ballot that spends less than the set share, and says how much', async () => {
    const b = (
      await send('POST', '/api/participation/budgets', staff, {
        title: 'ΣΠ με ελάχιστο',
        totalCents: 100_000,
        mode: 'budget',
        minSharePercent: 50,
        verification: 'phone',
        publish: true,
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        projects: [
          { title: 'Μικρό', costCents: 20_000 },
          { title: 'Μεσαίο', costCents: 40_000 },
        ],
      })
    ).json();
    expect(b.minSharePercent).toBe(50);
    const [small, mid] = b.projects.map((p: { id: string }) => p.id);
    const v = await citizen();
    const under = await send('POST', `/api/participation/budgets/${b.id}/ballots`, v.cookie, { projectIds: [small] });
    expect(under.statusCode).toBe(400);
    expect(under.json().fields[0]).toMatchObject({ field: 'projectIds', code: 'participation.under_min_share' });
    expect(under.json().fields[0].message).toContain('500,00');
    expect((await send('GET', `/api/participation/budgets/${b.id}`, staff)).json().ballotCount).toBe(0);
    expect((await send('POST', `/api/participation/budgets/${b.id}/ballots`, v.cookie, { projectIds: [small, mid] })).statusCode).toBe(201);
  });
});
