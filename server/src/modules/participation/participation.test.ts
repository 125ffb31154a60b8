import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession, makeUser, sessionCookie } from '../../../test/factories.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { importDraft } from './draft-import.js';
import { consultations } from './schema.js';

let sut: TestApp;
let staff: string;
beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['participation', 'notify'] });
  staff = (await makeStaffSession(sut.db, sut.tenant.id, 'mayor_office')).cookie;
});
afterAll(async () => sut?.close());

let phoneSeq = 0;
async function citizen(kind: 'phone' | 'taxisnet' | 'email' = 'phone') {
  const now = new Date();
  const user = await makeUser(sut.db, sut.tenant.id, {
    kind: 'citizen',
    givenName: 'Μαρία',
    familyName: 'Παπαδοπούλου',
    phone: `+30690${String(++phoneSeq).padStart(7, '0')}${Math.floor(Math.random() * 10)}`,
    phoneVerifiedAt: kind === 'phone' ? now : null,
    emailVerifiedAt: kind === 'email' ? now : null,
    taxisnetVerifiedAt: kind === 'taxisnet' ? now : null,
  });
  return { user, cookie: await sessionCookie(sut.db, user) };
}

const DRAFT = `Εισαγωγή του σχεδίου.

## Άρθρο 1: Σκοπός
Ο σκοπός είναι η καθαριότητα.

- πρώτο
- δεύτερο

## Άρθρο 2 – Πρόστιμα
Πρόστιμο 50 ευρώ για κάθε παράβαση.
`;

async function openConsultation(verification = 'phone') {
  const res = await sut.app.inject({
    method: 'POST',
    url: '/api/participation/consultations',
    headers: sut.headers({ cookie: staff }),
    payload: { title: 'Κανονισμός', closesAt: new Date(Date.now() + 86400_000).toISOString(), verification, text: DRAFT },
  });
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json();
  const pub = await sut.app.inject({
    method: 'POST',
    url: `/api/participation/consultations/${c.id}/state`,
    headers: sut.headers({ cookie: staff }),
    payload: { action: 'publish' },
  });
  expect(pub.statusCode, pub.body).toBe(200);
  return c as { id: string; articles: { id: string; body: string; label: string; title: string }[] };
}

const post = (url: string, cookie: string | undefined, payload: unknown, extra: Record<string, string> = {}) =>
  sut.app.inject({ method: 'POST', url, headers: sut.headers({ ...(cookie ? { cookie } : {}), ...extra }), payload: payload as object });

describe('draft import', () => {
  it('splits on «Άρθρο N» headings with the lexer and keeps lists whole', () => {
    const d = importDraft(DRAFT, 'markdown');
    expect(d.preamble).toBe('Εισαγωγή του σχεδίου.');
    expect(d.articles.map((a) => [a.label, a.title])).toEqual([
      ['Άρθρο 1', 'Σκοπός'],
      ['Άρθρο 2', 'Πρόστιμα'],
    ]);
    expect(d.articles[0]?.body).toContain('- δεύτερο');
  });
  it('reads structured text and falls back to ## headings', () => {
    expect(importDraft('Άρθρο 1\nΚείμενο ένα.\n\nΆρθρο 2 Τίτλος\nΚείμενο δύο.', 'text').articles.map((a) => a.label)).toEqual([
      'Άρθρο 1',
      'Άρθρο 2',
    ]);
    expect(importDraft('# Τίτλος\n\n## Α\nένα\n\n## Β\nδύο\n\n### υπο\nτρία', 'markdown').articles.map((a) => a.title)).toEqual(['Α', 'Β']);
  });
  it('refuses a draft without articles, naming the field', async () => {
    const res = await post('/api/participation/consultations', staff, {
      title: 'Κενό',
      closesAt: new Date(Date.now() + 1e7).toISOString(),
      text: 'μόνο κείμενο',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'text', code: 'participation.no_articles' });
  });
});

describe('consultation comments', () => {
  it('stores a passage comment with its offsets and refuses a passage that is not in the article', async () => {
    const c = await openConsultation();
    const a = c.articles[0] as { id: string; body: string };
    const { cookie } = await citizen();
    const quote = 'η καθαριότητα';
    const start = a.body.indexOf(quote);
    const ok = await post(`/api/participation/consultations/${c.id}/comments`, cookie, {
      articleId: a.id,
      body: 'Να οριστεί πώς.',
      quote,
      quoteStart: start,
      quoteEnd: start + quote.length,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ quote, quoteStart: start, quoteEnd: start + quote.length, articleId: a.id, authorName: 'Μαρία Π.' });
    const bad = await post(
      `/api/participation/consultations/${c.id}/comments`,
      cookie,
      { articleId: a.id, body: 'Λάθος.', quote: 'δεν υπάρχει', quoteStart: 0, quoteEnd: 11 },
      { 'accept-language': 'en' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'quote', code: 'participation.quote_mismatch' });
  });

  it('threads replies and walks pages by cursor in every order without gaps or repeats', async () => {
    const c = await openConsultation();
    const { cookie } = await citizen();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await post(`/api/participation/consultations/${c.id}/comments`, cookie, { body: `Σχόλιο ${i}` });
      ids.push(r.json().id);
    }
    const reply = await post(`/api/participation/consultations/${c.id}/comments`, cookie, { parentId: ids[0], body: 'Απάντηση' });
    expect(reply.statusCode).toBe(201);
    const other = await citizen();
    await post(`/api/participation/comments/${ids[3]}/vote`, other.cookie, { value: 1 });
    for (const sort of ['newest', 'oldest', 'supported']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await sut.app.inject({ url: `/api/participation/consultations/${c.id}/comments?${q}`, headers: sut.headers() });
        expect(page.statusCode).toBe(200);
        seen.push(...page.json().items.map((x: { id: string }) => x.id));
        cursor = page.json().nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(7);
      expect(seen.sort()).toEqual([...ids].sort());
      if (sort === 'supported') expect(seen.length).toBe(7);
    }
    const first = await sut.app.inject({
      url: `/api/participation/consultations/${c.id}/comments?sort=supported&limit=1`,
      headers: sut.headers(),
    });
    expect(first.json().items[0].id).toBe(ids[3]);
    const replies = await sut.app.inject({
      url: `/api/participation/consultations/${c.id}/comments?parentId=${ids[0]}`,
      headers: sut.headers(),
    });
    expect(replies.json().items.map((x: { body: string }) => x.body)).toEqual(['Απάντηση']);
  });

  it('refuses comments after the deadline, by server time', async () => {
    const c = await openConsultation();
    const { cookie } = await citizen();
    await sut.db
      .update(consultations)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(consultations.id, c.id));
    const res = await post(`/api/participation/consultations/${c.id}/comments`, cookie, { body: 'Αργά.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('participation.closed');
    const detail = await sut.app.inject({ url: `/api/participation/consultations/${c.id}`, headers: sut.headers() });
    expect(detail.json().status).toBe('closed');
  });

  it('asks for the verification the consultation needs', async () => {
    const c = await openConsultation('taxisnet');
    const phone = await citizen('phone');
    const res = await post(`/api/participation/consultations/${c.id}/comments`, phone.cookie, { body: 'Γεια σας.' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('participation.needs_taxisnet');
    const anon = await post(`/api/participation/consultations/${c.id}/comments`, undefined, { body: 'Γεια σας.' });
    expect(anon.statusCode).toBe(401);
  });
});

describe('one vote per person', () => {
  it('refuses a second stance, and of two concurrent attempts exactly one wins', async () => {
    const c = await openConsultation();
    const a = await citizen();
    expect((await post(`/api/participation/consultations/${c.id}/stance`, a.cookie, { stance: 'support' })).statusCode).toBe(200);
    const again = await post(`/api/participation/consultations/${c.id}/stance`, a.cookie, { stance: 'oppose' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('participation.already_voted');

    const b = await citizen();
    // two sessions of the same person, as from two devices
    const second = await sessionCookie(sut.db, b.user);
    const results = await Promise.all([
      post(`/api/participation/consultations/${c.id}/stance`, b.cookie, { stance: 'support' }),
      post(`/api/participation/consultations/${c.id}/stance`, second, { stance: 'oppose' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await sut.app.inject({ url: `/api/participation/consultations/${c.id}`, headers: sut.headers() })).json();
    expect(detail.supportCount + detail.opposeCount).toBe(2);
  });

  it('counts a device once when verification is none', async () => {
    const c = await openConsultation('none');
    const first = await post(`/api/participation/consultations/${c.id}/stance`, undefined, { stance: 'support' });
    expect(first.statusCode).toBe(200);
    const token = first.headers['x-device-token'] as string;
    const again = await post(
      `/api/participation/consultations/${c.id}/stance`,
      undefined,
      { stance: 'support' },
      { 'x-device-token': token },
    );
    expect(again.statusCode).toBe(409);
  });
});

describe('report', () => {
  it('needs every comment answered, then exports PDF and CSV with every comment', async () => {
    const c = await openConsultation();
    const { cookie } = await citizen();
    const a = c.articles[1] as { id: string };
    const one = (
      await post(`/api/participation/consultations/${c.id}/comments`, cookie, { articleId: a.id, body: '=Λιγότερο πρόστιμο, «παρακαλώ»' })
    ).json();
    const two = (await post(`/api/participation/consultations/${c.id}/comments`, cookie, { body: 'Γενικό σχόλιο' })).json();
    const early = await post(`/api/participation/comments/${one.id}/answer`, staff, { status: 'accepted', text: 'Ναι' });
    expect(early.json().code).toBe('participation.not_closed');
    await post(`/api/participation/consultations/${c.id}/state`, staff, { action: 'close' });
    expect(
      (await post(`/api/participation/comments/${one.id}/answer`, staff, { status: 'partly', text: 'Μειώνεται στα 30 ευρώ.' })).statusCode,
    ).toBe(200);
    const incomplete = await post(`/api/participation/consultations/${c.id}/report`, staff, { summary: 'Σύνοψη' });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json()).toMatchObject({ code: 'participation.report_incomplete', message: 'Απομένουν 1 σχόλια χωρίς απάντηση.' });
    expect((await sut.app.inject({ url: `/api/participation/consultations/${c.id}/report.csv`, headers: sut.headers() })).statusCode).toBe(
      404,
    );
    await post(`/api/participation/comments/${two.id}/answer`, staff, { status: 'rejected', text: 'Εκτός αντικειμένου.' });
    expect((await post(`/api/participation/consultations/${c.id}/report`, staff, { summary: 'Σύνοψη' })).statusCode).toBe(200);

    const csv = await sut.app.inject({ url: `/api/participation/consultations/${c.id}/report.csv`, headers: sut.headers() });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain(`"'=Λιγότερο πρόστιμο, «παρακαλώ»"`);
    expect(csv.body).toContain('Έγινε εν μέρει δεκτό');
    const pdf = await sut.app.inject({ url: `/api/participation/consultations/${c.id}/report.pdf`, headers: sut.headers() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const logged = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(logged.map((l) => l.action)).toContain('participation.report.publish');
  });
});

describe('participatory budget', () => {
  async function budget(mode: 'budget' | 'approve_n') {
    const res = await post('/api/participation/budgets', staff, {
      title: 'ΣΠ 2026',
      totalCents: 10_000,
      mode,
      maxProjects: mode === 'approve_n' ? 2 : undefined,
      verification: 'phone',
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
      publish: true,
      projects: [
        { title: 'Α έργο', costCents: 6_000 },
        { title: 'Β έργο', costCents: 5_000 },
        { title: 'Γ έργο', costCents: 3_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; projects: { id: string }[] };
  }

  it('checks the sum against the budget, and ranks winners greedily within it', async () => {
    const b = await budget('budget');
    const [pa, pb, pc] = b.projects.map((p) => p.id);
    const v1 = await citizen();
    const over = await post(`/api/participation/budgets/${b.id}/ballots`, v1.cookie, { projectIds: [pa, pb] });
    expect(over.statusCode).toBe(400);
    expect(over.json().fields[0].code).toBe('participation.over_budget');
    expect((await post(`/api/participation/budgets/${b.id}/ballots`, v1.cookie, { projectIds: [pa, pc] })).statusCode).toBe(201);
    expect((await post(`/api/participation/budgets/${b.id}/ballots`, v1.cookie, { projectIds: [pc] })).statusCode).toBe(409);
    const v2 = await citizen();
    await post(`/api/participation/budgets/${b.id}/ballots`, v2.cookie, { projectIds: [pa, pc] });
    const v3 = await citizen();
    await post(`/api/participation/budgets/${b.id}/ballots`, v3.cookie, { projectIds: [pb, pc] });
    const res = (await sut.app.inject({ url: `/api/participation/budgets/${b.id}/results`, headers: sut.headers() })).json();
    // C (3 votes, 3k), A (2 votes, 6k) fit: 9k; B (1 vote, 5k) no longer fits
    expect(res.projects.map((p: { projectId: string; winner: boolean }) => [p.projectId, p.winner])).toEqual([
      [pc, true],
      [pa, true],
      [pb, false],
    ]);
    expect(res.allocatedCents).toBe(9_000);
  });

  it('allows at most N projects in approve-N mode and follows a winner to completion', async () => {
    const b = await budget('approve_n');
    const ids = b.projects.map((p) => p.id);
    const v = await citizen();
    const many = await post(`/api/participation/budgets/${b.id}/ballots`, v.cookie, { projectIds: ids });
    expect(many.json().fields[0].code).toBe('participation.too_many_projects');
    expect((await post(`/api/participation/budgets/${b.id}/ballots`, v.cookie, { projectIds: ids.slice(0, 2) })).statusCode).toBe(201);
    const prog = await post(`/api/participation/projects/${ids[0]}/progress`, staff, {
      percent: 40,
      update: 'Ξεκίνησαν οι εργασίες.',
      milestones: [
        { title: 'Μελέτη', status: 'done', percent: 100 },
        { title: 'Κατασκευή', status: 'in_progress', percent: 20, dueDate: '2026-09-30' },
      ],
    });
    expect(prog.statusCode, prog.body).toBe(200);
    expect(prog.json().project).toMatchObject({ progressStatus: 'in_progress', progressPercent: 40 });
    const done = await post(`/api/participation/projects/${ids[0]}/progress`, staff, { status: 'completed', update: 'Παραδόθηκε.' });
    expect(done.json().project).toMatchObject({ progressStatus: 'completed', progressPercent: 100 });
    expect(done.json().updates).toHaveLength(2);
    expect(done.json().milestones).toHaveLength(2);
  });
});

describe('surveys, proposals, ratings, ideas', () => {
  it('aggregates single, multiple, scale and text answers', async () => {
    const s = (
      await post('/api/participation/surveys', staff, {
        title: 'Έρευνα',
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        verification: 'none',
        publish: true,
        questions: [
          { kind: 'single', text: 'Ναι ή όχι;', options: ['Ναι', 'Όχι'] },
          { kind: 'multiple', text: 'Τι;', options: ['Α', 'Β', 'Γ'] },
          { kind: 'scale', text: 'Πόσο;', scaleMin: 1, scaleMax: 5 },
          { kind: 'text', text: 'Σχόλια;', required: false },
        ],
      })
    ).json();
    const q = s.questions.map((x: { id: string }) => x.id);
    const answers = [
      [
        { questionId: q[0], options: [0] },
        { questionId: q[1], options: [0, 2] },
        { questionId: q[2], value: 5 },
        { questionId: q[3], text: 'Καλά' },
      ],
      [
        { questionId: q[0], options: [1] },
        { questionId: q[1], options: [2] },
        { questionId: q[2], value: 2 },
      ],
    ];
    for (const a of answers)
      expect((await post(`/api/participation/surveys/${s.id}/responses`, undefined, { answers: a })).statusCode).toBe(201);
    const bad = await post(`/api/participation/surveys/${s.id}/responses`, undefined, { answers: [{ questionId: q[0], options: [0, 1] }] });
    expect(bad.statusCode).toBe(400);
    const r = (await sut.app.inject({ url: `/api/participation/surveys/${s.id}/results`, headers: sut.headers() })).json();
    expect(r.responses).toBe(2);
    expect(r.questions[0].options).toEqual([
      { label: 'Ναι', count: 1, percent: 50 },
      { label: 'Όχι', count: 1, percent: 50 },
    ]);
    expect(r.questions[1].options.map((o: { count: number }) => o.count)).toEqual([1, 0, 2]);
    expect(r.questions[2].mean).toBe(3.5);
    expect(r.questions[2].histogram.map((h: { count: number }) => h.count)).toEqual([0, 1, 0, 0, 1]);
    expect(r.questions[3].textAnswers).toBe(1);
  });

  it('moves a proposal to threshold reached, then answered', async () => {
    const author = await citizen();
    const p = (
      await post('/api/participation/proposals', author.cookie, { title: 'Πεζόδρομος στο κέντρο', body: 'Να πεζοδρομηθεί η οδός Ερμού.' })
    ).json();
    expect(
      (
        await sut.app.inject({
          method: 'PATCH',
          url: `/api/participation/proposals/${p.id}`,
          headers: sut.headers({ cookie: staff }),
          payload: { threshold: 2 },
        })
      ).statusCode,
    ).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await post(`/api/participation/proposals/${p.id}/support`, (await citizen()).cookie, {})).statusCode).toBe(200);
    const now = (await sut.app.inject({ url: `/api/participation/proposals/${p.id}`, headers: sut.headers() })).json();
    expect(now).toMatchObject({ status: 'threshold_reached', supportCount: 2 });
    const ans = await sut.app.inject({
      method: 'PATCH',
      url: `/api/participation/proposals/${p.id}`,
      headers: sut.headers({ cookie: staff }),
      payload: { answer: 'Εντάσσεται στο πρόγραμμα.' },
    });
    expect(ans.json().status).toBe('answered');
  });

  it('aggregates ratings of a service, once per person', async () => {
    for (const rating of [5, 4, 2]) {
      expect(
        (
          await post('/api/participation/evaluations', (await citizen()).cookie, {
            targetKind: 'service',
            targetRef: 'cleaning',
            rating,
            comment: 'σχόλιο',
          })
        ).statusCode,
      ).toBe(201);
    }
    const one = await citizen();
    await post('/api/participation/evaluations', one.cookie, { targetKind: 'service', targetRef: 'cleaning', rating: 1 });
    expect(
      (await post('/api/participation/evaluations', one.cookie, { targetKind: 'service', targetRef: 'cleaning', rating: 5 })).statusCode,
    ).toBe(409);
    const s = (
      await sut.app.inject({ url: '/api/participation/evaluations/summary?targetKind=service&targetRef=cleaning', headers: sut.headers() })
    ).json();
    expect(s).toMatchObject({ count: 4, mean: 3 });
    expect(s.histogram.map((h: { count: number }) => h.count)).toEqual([1, 1, 0, 1, 1]);
  });

  it('takes pins only inside the municipality', async () => {
    const call = (
      await post('/api/participation/idea-calls', staff, {
        title: 'Ανάγκες γειτονιάς',
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        verification: 'none',
        publish: true,
      })
    ).json();
    const [tenant] = await sut.db.select().from(tenants).where(eq(tenants.id, sut.tenant.id));
    const ring = ((tenant?.boundary?.coordinates ?? [[]]) as number[][][])[0] as number[][];
    const lons = ring.map((p) => p[0] as number);
    const lats = ring.map((p) => p[1] as number);
    const inside = { lon: (Math.min(...lons) + Math.max(...lons)) / 2, lat: (Math.min(...lats) + Math.max(...lats)) / 2 };
    const ok = await post(`/api/participation/idea-calls/${call.id}/ideas`, undefined, {
      title: 'Παγκάκια',
      body: 'Χρειάζονται παγκάκια.',
      ...inside,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const out = await post(`/api/participation/idea-calls/${call.id}/ideas`, undefined, {
      title: 'Μακριά',
      body: 'Εκτός ορίων.',
      lat: 0,
      lon: 0,
    });
    expect(out.json().fields[0].code).toBe('participation.outside_boundary');
    expect((await post(`/api/participation/ideas/${ok.json().id}/support`, (await citizen()).cookie, {})).statusCode).toBe(200);
  });

  it('lists published idea calls, never drafts', async () => {
    const closesAt = new Date(Date.now() + 86400_000).toISOString();
    const open = (await post('/api/participation/idea-calls', staff, { title: 'Πράσινο στη γειτονιά', closesAt, publish: true })).json();
    const draft = (await post('/api/participation/idea-calls', staff, { title: 'Πρόχειρη πρόσκληση', closesAt })).json();
    const res = await sut.app.inject({ method: 'GET', url: '/api/participation/idea-calls', headers: sut.headers({}) });
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((c: { id: string }) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.id);
  });
});

describe('moderation', () => {
  it('hides a comment after 3 reports, lists it for moderators, restores it with an audited reason', async () => {
    const c = await openConsultation();
    const author = await citizen();
    const cm = (await post(`/api/participation/consultations/${c.id}/comments`, author.cookie, { body: 'Υβριστικό σχόλιο' })).json();
    const reporters = [await citizen(), await citizen(), await citizen()];
    const r1 = await post(`/api/participation/comment/${cm.id}/abuse-reports`, reporters[0]?.cookie, { reason: 'ύβρεις' });
    expect(r1.json()).toEqual({ reportCount: 1, hidden: false });
    expect((await post(`/api/participation/comment/${cm.id}/abuse-reports`, reporters[0]?.cookie, { reason: 'ξανά' })).statusCode).toBe(
      409,
    );
    await post(`/api/participation/comment/${cm.id}/abuse-reports`, reporters[1]?.cookie, {});
    const r3 = await post(`/api/participation/comment/${cm.id}/abuse-reports`, reporters[2]?.cookie, {});
    expect(r3.json()).toEqual({ reportCount: 3, hidden: true });
    const list = (await sut.app.inject({ url: `/api/participation/consultations/${c.id}/comments`, headers: sut.headers() })).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(cm.id);

    const employee = (await makeStaffSession(sut.db, sut.tenant.id, 'employee')).cookie;
    expect((await sut.app.inject({ url: '/api/participation/moderation', headers: sut.headers({ cookie: employee }) })).statusCode).toBe(
      403,
    );
    const queue = (await sut.app.inject({ url: '/api/participation/moderation', headers: sut.headers({ cookie: staff }) })).json();
    expect(queue.find((q: { id: string }) => q.id === cm.id)).toMatchObject({
      kind: 'comment',
      hidden: true,
      reportCount: 3,
      reasons: ['ύβρεις'],
    });
    const restored = await post(`/api/participation/moderation/comment/${cm.id}`, staff, {
      action: 'restore',
      reason: 'Δεν παραβιάζει τους όρους',
    });
    expect(restored.json()).toEqual({ id: cm.id, hidden: false });
    const logged = await sut.db.select().from(auditLog).where(eq(auditLog.entityId, cm.id));
    expect(logged[0]).toMatchObject({ action: 'participation.moderation.restore', data: { reason: 'Δεν παραβιάζει τους όρους' } });
  });

  it('follows the tenant setting for the number of reports', async () => {
    await sut.db
      .update(tenants)
      .set({ settings: { participation: { autoHideAfter: 1 } } })
      .where(eq(tenants.id, sut.tenant.id));
    sut.platform.tenants.invalidate();
    try {
      const c = await openConsultation();
      const cm = (await post(`/api/participation/consultations/${c.id}/comments`, (await citizen()).cookie, { body: 'Σπαμ σπαμ' })).json();
      expect((await post(`/api/participation/comment/${cm.id}/abuse-reports`, (await citizen()).cookie, {})).json().hidden).toBe(true);
    } finally {
      await sut.db.update(tenants).set({ settings: {} }).where(eq(tenants.id, sut.tenant.id));
      sut.platform.tenants.invalidate();
    }
  });
});

describe('residency', () => {
  it('lets a TaxisNet citizen take part in a resident-only consultation once staff confirm them', async () => {
    const c = await openConsultation('resident');
    const t = await citizen('taxisnet');
    const before = await post(`/api/participation/consultations/${c.id}/stance`, t.cookie, { stance: 'support' });
    expect(before.json().code).toBe('participation.needs_resident');
    expect((await post('/api/participation/residents', staff, { userId: t.user.id })).statusCode).toBe(204);
    expect((await post(`/api/participation/consultations/${c.id}/stance`, t.cookie, { stance: 'support' })).statusCode).toBe(200);
  });
});
