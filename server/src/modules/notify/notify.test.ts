import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice, makeStaffSession, makeUser } from '../../../test/factories.js';
import { decryptPush, makeBrowserKeys, startPushService } from '../../../test/imitations/push-service.js';
import { startApifon } from '../../../test/imitations/sms-apifon.js';
import { startRoutee } from '../../../test/imitations/sms-routee.js';
import { startYuboto } from '../../../test/imitations/sms-yuboto.js';
import { startSmtpServer } from '../../../test/imitations/smtp.js';
import { jobs } from '../../platform/jobs/jobs.schema.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { athensMinutes, crashHook } from './deliver.worker.js';
import { cancelReminder, notify, scheduleReminder } from './index.js';
import { notifyDeliveries } from './schema.js';
import { countSegments } from './sms.js';

let sut: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let apifon: Awaited<ReturnType<typeof startApifon>>;
let yuboto: Awaited<ReturnType<typeof startYuboto>>;
let routee: Awaited<ReturnType<typeof startRoutee>>;
let push: Awaited<ReturnType<typeof startPushService>>;

const secrets = {
  apifon: { token: 'apf-token', secret: 'apf-secret' },
  yuboto: { apiKey: 'yub-key' },
  routee: { appId: 'rt-app', appSecret: 'rt-secret' },
};

async function setSms(primary: string, secondary: string | null) {
  await sut.db
    .update(tenants)
    .set({
      branding: { primaryColor: '#aa3300', emailFooterEl: 'Δήμος Δοκιμής · Οδός 1', emailFooterEn: 'Test Municipality · Street 1' },
      settings: {
        notify: {
          callbackBaseUrl: `http://localhost/t/${sut.tenant.slug}`,
          sms: {
            primary,
            secondary,
            senderId: 'DimosTest',
            providers: {
              apifon: { baseUrl: apifon.url, ...secrets.apifon, pricePerSegment: 0.03, ratePerSecond: 1000 },
              yuboto: { baseUrl: yuboto.url, ...secrets.yuboto, pricePerSegment: 0.025, ratePerSecond: 1000, webhookSecret: 'yub-hook' },
              routee: {
                baseUrl: routee.url,
                authUrl: `${routee.url}/oauth/token`,
                ...secrets.routee,
                pricePerSegment: 0.04,
                ratePerSecond: 1000,
                webhookSecret: 'rt-hook',
              },
            },
          },
        },
      },
    })
    .where(eq(tenants.id, sut.tenant.id));
}

let phoneSeq = 0;
async function citizen(over: Record<string, unknown> = {}) {
  phoneSeq++;
  return makeUser(sut.db, sut.tenant.id, {
    kind: 'citizen',
    phone: `+30690000${String(phoneSeq).padStart(4, '0')}`,
    phoneVerifiedAt: new Date(),
    emailVerifiedAt: new Date(),
    ...over,
  });
}

async function prefs(userId: string, body: Record<string, unknown>) {
  const user = { id: userId, tenantId: sut.tenant.id };
  const { sessionCookie } = await import('../../../test/factories.js');
  const res = await sut.app.inject({
    method: 'PUT',
    url: '/api/notify/preferences',
    headers: sut.headers({ cookie: await sessionCookie(sut.db, user) }),
    payload: body,
  });
  return res;
}

async function deliveriesOf(messageId: string) {
  return sut.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, messageId));
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  apifon = await startApifon(secrets.apifon);
  yuboto = await startYuboto(secrets.yuboto);
  routee = await startRoutee(secrets.routee);
  push = await startPushService();
  sut = await createTestApp({ SMTP_URL: smtp.url }, undefined, { parts: ['cases', 'notify'] });
});
afterAll(async () => {
  await sut?.close();
  await Promise.all([smtp?.close(), apifon?.close(), yuboto?.close(), routee?.close(), push?.close()]);
});

describe('segments', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2 });
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSegments('α'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(countSegments('α'.repeat(71))).toMatchObject({ segments: 2 });
    expect(countSegments('α'.repeat(134))).toMatchObject({ segments: 2 });
    expect(countSegments('α'.repeat(135))).toMatchObject({ segments: 3 });
  });
});

describe('channels', () => {
  it('sends branded HTML and text e-mail over real SMTP', async () => {
    await setSms('outbox', null);
    const u = await citizen({ email: 'maria@example.gr' });
    const before = smtp.received.length;
    const r = await sut.db.transaction((tx) =>
      notify(tx, {
        tenantId: sut.tenant.id,
        recipients: [{ userId: u.id }],
        templateKey: 'case.answered',
        data: { protocolNumber: '12/2026', body: 'Η λάμπα <b>άλλαξε</b>' },
        channels: ['email'],
      }),
    );
    await sut.platform.jobs.drain();
    const mail = await smtp.waitFor(before + 1);
    expect(mail.to).toEqual(['maria@example.gr']);
    const raw = mail.raw;
    expect(raw).toMatch(/text\/html/);
    expect(mail.text).toContain('Η λάμπα <b>άλλαξε</b>');
    expect(mail.text).toContain('Δήμος Δοκιμής · Οδός 1');
    const html = decodeHtmlPart(raw);
    expect(html).toContain('#aa3300');
    expect(html).toContain('Η λάμπα &lt;b&gt;άλλαξε&lt;/b&gt;');
    expect(html).toContain(`Δήμος ${sut.tenant.slug}`);
    const [d] = await deliveriesOf(r?.messageId as string);
    expect(d?.status).toBe('sent');
  });

  it('encrypts Web Push so that only the browser can read it', async () => {
    const device = await makeDevice(sut.db, sut.tenant.id);
    const h = sut.headers({ 'x-device-token': device.token });
    const key = await sut.app.inject({ method: 'GET', url: '/api/notify/push/key', headers: h });
    expect(key.json().publicKey).toMatch(/^[\w-]{80,}$/);
    const keys = makeBrowserKeys();
    const sub = await sut.app.inject({
      method: 'POST',
      url: '/api/notify/push/subscriptions',
      headers: h,
      payload: { endpoint: `${push.url}/push/abc`, keys: { p256dh: keys.p256dh, auth: keys.auth } },
    });
    expect(sub.statusCode).toBe(200);
    await sut.db.transaction((tx) =>
      notify(tx, {
        tenantId: sut.tenant.id,
        recipients: [{ deviceId: device.id }],
        subject: { el: 'Γεια', en: 'Hi' },
        text: { el: 'Κείμενο ειδοποίησης', en: 'Text' },
        channels: ['push'],
      }),
    );
    await sut.platform.jobs.drain();
    const req = push.received.find((p) => p.path === '/push/abc');
    expect(req).toBeDefined();
    const payload = JSON.parse(decryptPush(req?.body as Buffer, keys));
    expect(payload).toMatchObject({ title: 'Γεια', body: 'Κείμενο ειδοποίησης' });
    expect(String(req?.headers.authorization)).toContain(key.json().publicKey);
    const bad = await sut.app.inject({
      method: 'POST',
      url: '/api/notify/push/subscriptions',
      headers: h,
      payload: { endpoint: `${push.url}/x`, keys: { p256dh: 'A'.repeat(86), auth: keys.auth } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it.each([['apifon'], ['yuboto'], ['routee']] as const)(
    'sends SMS through %s in its exact format and takes its receipt',
    async (provider) => {
      await setSms(provider, null);
      const u = await citizen();
      await prefs(u.id, { channels: ['sms'] });
      const imit = { apifon, yuboto, routee }[provider];
      const before = imit.received.length;
      const r = await sut.db.transaction((tx) =>
        notify(tx, {
          tenantId: sut.tenant.id,
          recipients: [{ userId: u.id }],
          subject: { el: 'x', en: 'x' },
          text: { el: 'Καλησπέρα από τον Δήμο', en: 'Hello' },
        }),
      );
      await sut.platform.jobs.drain();
      expect(imit.rejected).toEqual([]);
      expect(imit.received.length).toBe(before + 1);
      const sms = imit.received[imit.received.length - 1] as (typeof imit.received)[number];
      expect(sms.text).toBe('Καλησπέρα από τον Δήμο');
      expect(sms.to.replace('+', '')).toBe((u.phone as string).replace('+', ''));
      const [d] = await deliveriesOf(r?.messageId as string);
      expect(d).toMatchObject({ status: 'sent', provider, providerMessageId: sms.id, segments: 1 });
      const rc = await imit.receipt(sms as never, (provider === 'apifon' ? 'DELIVERED' : 'Delivered') as never);
      const forged = await sut.app.inject({
        method: 'POST',
        url: `${rc.url.pathname}${rc.url.search.replace(/sig=[0-9a-f]+/, 'sig=00')}`,
        headers: { ...rc.headers, ...(provider === 'apifon' ? { authorization: 'ApifonWS apf-token:AAAA' } : {}) },
        payload: rc.body,
      });
      expect(forged.statusCode).toBe(401);
      const ok = await sut.app.inject({ method: 'POST', url: `${rc.url.pathname}${rc.url.search}`, headers: rc.headers, payload: rc.body });
      expect(ok.json()).toEqual({ ok: true, updated: 1 });
      const [after] = await deliveriesOf(r?.messageId as string);
      expect(after?.status).toBe('delivered');
    },
  );

  it('fails over to the secondary provider when the primary fails', async () => {
    await setSms('apifon', 'routee');
    apifon.state.failWith = 503;
    try {
      const u = await citizen();
      await prefs(u.id, { channels: ['sms'] });
      const r = await sut.db.transaction((tx) =>
        notify(tx, {
          tenantId: sut.tenant.id,
          recipients: [{ userId: u.id }],
          subject: { el: 'x', en: 'x' },
          text: { el: 'Διακοπή νερού', en: 'Water cut' },
        }),
      );
      await sut.platform.jobs.drain();
      const [d] = await deliveriesOf(r?.messageId as string);
      expect(d).toMatchObject({ status: 'sent', provider: 'routee' });
      expect(routee.received.some((s) => s.text === 'Διακοπή νερού')).toBe(true);
    } finally {
      apifon.state.failWith = 0;
    }
  });

  it('sends one message to many in bulk requests, still one delivery, outcome and receipt each', async () => {
    await setSms('apifon', 'routee');
    const sms = await Promise.all([citizen(), citizen(), citizen()]);
    const mail = await Promise.all([0, 1, 2].map((i) => citizen({ email: `bulk${i}.${Date.now()}@example.gr` })));
    for (const u of sms) await prefs(u.id, { channels: ['sms'] });
    for (const u of mail) await prefs(u.id, { channels: ['email'] });
    const requestsBefore = apifon.requests.length;
    const smsBefore = apifon.received.length;
    const mailsBefore = smtp.received.length;
    const r = await sut.db.transaction((tx) =>
      notify(tx, {
        tenantId: sut.tenant.id,
        recipients: [...sms, ...mail].map((u) => ({ userId: u.id })),
        subject: { el: 'Ανακοίνωση', en: 'Notice' },
        text: { el: 'Κλειστά τα σχολεία αύριο', en: 'Schools closed tomorrow' },
      }),
    );
    await sut.platform.jobs.drain();
    expect(apifon.rejected).toEqual([]);
    // One Apifon request carrying the three numbers, each with its delivery as custom_id.
    expect(apifon.requests.slice(requestsBefore)).toEqual([3]);
    const got = apifon.received.slice(smsBefore);
    const ds = await deliveriesOf(r?.messageId as string);
    const smsDs = ds.filter((d) => d.channel === 'sms');
    expect(smsDs.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(got.map((g) => g.ref))).toEqual(new Set(smsDs.map((d) => d.id)));
    for (const d of smsDs) expect(d.providerMessageId).toBe(got.find((g) => g.ref === d.id)?.id);
    // One SMTP message with three envelope recipients; no recipient sees another.
    const mails = smtp.received.slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(new Set(mails[0]?.to)).toEqual(new Set(mail.map((u) => u.email)));
    expect(mails[0]?.raw).not.toMatch(/^(to|cc|bcc):.*bulk/im);
    expect(ds.filter((d) => d.channel === 'email').map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    // A receipt for one recipient marks that delivery alone.
    const one = got[1] as (typeof got)[number];
    const rc = await apifon.receipt(one, 'DELIVERED');
    const ok = await sut.app.inject({ method: 'POST', url: `${rc.url.pathname}${rc.url.search}`, headers: rc.headers, payload: rc.body });
    expect(ok.json()).toEqual({ ok: true, updated: 1 });
    const after = await deliveriesOf(r?.messageId as string);
    expect(after.filter((d) => d.status === 'delivered').map((d) => d.id)).toEqual([one.ref]);
  });

  it('fails a whole bulk request over to the secondary provider, one by one', async () => {
    await setSms('apifon', 'routee');
    apifon.state.failWith = 503;
    try {
      const us = await Promise.all([citizen(), citizen()]);
      for (const u of us) await prefs(u.id, { channels: ['sms'] });
      const before = routee.received.length;
      const r = await sut.db.transaction((tx) =>
        notify(tx, {
          tenantId: sut.tenant.id,
          recipients: us.map((u) => ({ userId: u.id })),
          subject: { el: 'x', en: 'x' },
          text: { el: 'Κλειστός δρόμος', en: 'Road closed' },
        }),
      );
      await sut.platform.jobs.drain();
      const ds = await deliveriesOf(r?.messageId as string);
      expect(ds.map((d) => [d.status, d.provider])).toEqual([
        ['sent', 'routee'],
        ['sent', 'routee'],
      ]);
      expect(routee.received.length).toBe(before + 2);
    } finally {
      apifon.state.failWith = 0;
    }
  });

  it('never sends an SMS twice when the worker dies after handing it over', async () => {
    await setSms('yuboto', null);
    const u = await citizen();
    await prefs(u.id, { channels: ['sms'] });
    const before = yuboto.received.length;
    crashHook.afterProviderCall = () => {
      throw new Error('simulated crash');
    };
    const r = await sut.db.transaction((tx) =>
      notify(tx, {
        tenantId: sut.tenant.id,
        recipients: [{ userId: u.id }],
        subject: { el: 'x', en: 'x' },
        text: { el: 'Μία φορά μόνο', en: 'Once' },
      }),
    );
    const [d0] = await deliveriesOf(r?.messageId as string);
    try {
      await sut.platform.jobs.drain();
    } finally {
      crashHook.afterProviderCall = undefined;
    }
    // The process "died": its job is still running with a lock that has now expired.
    await sut.db
      .update(jobs)
      .set({ status: 'running', lockedUntil: sql`now() - interval '1 second'`, runAt: sql`now()` })
      .where(eq(jobs.dedupeKey, `notify.delivery:${d0?.id}`));
    await sut.platform.jobs.drain();
    expect(yuboto.received.length).toBe(before + 1);
    const [d] = await deliveriesOf(r?.messageId as string);
    expect(d?.status).toBe('failed');
    // The provider's receipt, matched by our client reference, still records the truth.
    const sms = yuboto.received[yuboto.received.length - 1] as (typeof yuboto.received)[number];
    const rc = yuboto.receipt(sms, 'Delivered');
    await sut.app.inject({ method: 'POST', url: `${rc.url.pathname}${rc.url.search}`, headers: rc.headers, payload: rc.body });
    const [after] = await deliveriesOf(r?.messageId as string);
    expect(after?.status).toBe('delivered');
  });
});

function hhmm(min: number) {
  const m = ((min % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

describe('preferences and quiet hours', () => {
  it('refuses to switch off civil protection, in Greek and English', async () => {
    const u = await citizen();
    const res = await prefs(u.id, { topics: ['weather'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'topics', code: 'notify.civil_protection_required' });
    expect(res.json().fields[0].message ?? res.json().message).toBeTruthy();
  });

  it('holds messages in quiet hours but civil protection goes through', async () => {
    await setSms('outbox', null);
    const staff = await makeStaffSession(sut.db, sut.tenant.id, 'mayor_office');
    const u = await citizen({ email: `quiet-${Date.now()}@example.gr` });
    const now = athensMinutes(new Date());
    expect((await prefs(u.id, { channels: ['email', 'inapp'], quietStart: hhmm(now - 60), quietEnd: hhmm(now + 60) })).statusCode).toBe(
      200,
    );
    const r = await sut.db.transaction((tx) =>
      notify(tx, {
        tenantId: sut.tenant.id,
        recipients: [{ userId: u.id }],
        subject: { el: 'x', en: 'x' },
        text: { el: 'Ήσυχα', en: 'Quiet' },
        channels: ['email'],
      }),
    );
    await sut.platform.jobs.drain();
    const [held] = await deliveriesOf(r?.messageId as string);
    expect(held?.status).toBe('queued');
    const [job] = await sut.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `notify.delivery:${held?.id}`));
    expect(job?.status).toBe('queued');
    expect(job?.runAt.getTime()).toBeGreaterThan(Date.now());

    const b = await sut.app.inject({
      method: 'POST',
      url: '/api/notify/broadcasts',
      headers: sut.headers({ cookie: staff.cookie }),
      payload: {
        category: 'civil_protection',
        titleEl: 'Πυρκαγιά',
        titleEn: 'Fire',
        textEl: 'Εκκενώστε',
        textEn: 'Evacuate',
        audience: { kind: 'everyone' },
        channels: ['email'],
      },
    });
    expect(b.statusCode).toBe(201);
    expect(b.json().status).toBe('scheduled');
    await sut.platform.jobs.drain();
    const got = await sut.app.inject({
      method: 'GET',
      url: `/api/notify/broadcasts/${b.json().id}`,
      headers: sut.headers({ cookie: staff.cookie }),
    });
    expect(got.json().status).toBe('sent');
    expect(got.json().figures.email.sent).toBeGreaterThanOrEqual(1);
  });
});

describe('broadcasts', () => {
  it('needs a second person to approve, reaches only the polygon, and can be cancelled before sending', async () => {
    await setSms('outbox', null);
    const author = await makeStaffSession(sut.db, sut.tenant.id, 'mayor_office');
    const approver = await makeStaffSession(sut.db, sut.tenant.id, 'mayor_office');
    const employee = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const inside = await citizen();
    const outside = await citizen();
    await prefs(inside.id, { channels: ['inapp'], location: { lat: 37.5, lon: 23.5 } });
    await prefs(outside.id, { channels: ['inapp'], location: { lat: 38.5, lon: 23.5 } });
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [23, 37],
          [24, 37],
          [24, 38],
          [23, 38],
          [23, 37],
        ],
      ],
    };
    const body = {
      category: 'transport',
      titleEl: 'Κλειστός δρόμος',
      titleEn: 'Road closed',
      textEl: 'Η οδός κλείνει',
      textEn: 'The road closes',
      audience: { kind: 'area', polygon },
      channels: ['inapp'],
    };
    const denied = await sut.app.inject({
      method: 'POST',
      url: '/api/notify/broadcasts',
      headers: sut.headers({ cookie: employee.cookie }),
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const created = await sut.app.inject({
      method: 'POST',
      url: '/api/notify/broadcasts',
      headers: sut.headers({ cookie: author.cookie }),
      payload: body,
    });
    expect(created.json().status).toBe('pending_approval');
    const id = created.json().id;
    await sut.platform.jobs.drain();
    const self = await sut.app.inject({
      method: 'POST',
      url: `/api/notify/broadcasts/${id}/approve`,
      headers: sut.headers({ cookie: author.cookie, 'accept-language': 'en' }),
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toMatch(/someone other/);
    const ok = await sut.app.inject({
      method: 'POST',
      url: `/api/notify/broadcasts/${id}/approve`,
      headers: sut.headers({ cookie: approver.cookie }),
    });
    expect(ok.json().status).toBe('scheduled');
    await sut.platform.jobs.drain();
    const got = await sut.app.inject({
      method: 'GET',
      url: `/api/notify/broadcasts/${id}`,
      headers: sut.headers({ cookie: author.cookie }),
    });
    expect(got.json()).toMatchObject({ status: 'sent', recipients: 1, figures: { inapp: { delivered: 1 } } });
    const { sessionCookie } = await import('../../../test/factories.js');
    const inbox = await sut.app.inject({
      method: 'GET',
      url: '/api/notify/inbox',
      headers: sut.headers({ cookie: await sessionCookie(sut.db, inside) }),
    });
    expect(inbox.json().items[0]).toMatchObject({ title: 'Κλειστός δρόμος', readAt: null });
    expect(inbox.json().unread).toBe(1);
    const outsideInbox = await sut.app.inject({
      method: 'GET',
      url: '/api/notify/inbox',
      headers: sut.headers({ cookie: await sessionCookie(sut.db, outside) }),
    });
    expect(outsideInbox.json().items).toEqual([]);
    const cookie = await sessionCookie(sut.db, inside);
    const read = await sut.app.inject({ method: 'POST', url: '/api/notify/inbox/read-all', headers: sut.headers({ cookie }) });
    expect(read.json().marked).toBe(1);

    const later = await sut.app.inject({
      method: 'POST',
      url: '/api/notify/broadcasts',
      headers: sut.headers({ cookie: author.cookie }),
      payload: { ...body, audience: { kind: 'everyone' }, sendAt: new Date(Date.now() + 3600_000).toISOString() },
    });
    await sut.app.inject({
      method: 'POST',
      url: `/api/notify/broadcasts/${later.json().id}/approve`,
      headers: sut.headers({ cookie: approver.cookie }),
    });
    const cancelled = await sut.app.inject({
      method: 'POST',
      url: `/api/notify/broadcasts/${later.json().id}/cancel`,
      headers: sut.headers({ cookie: author.cookie }),
    });
    expect(cancelled.json().status).toBe('cancelled');
    const again = await sut.app.inject({
      method: 'POST',
      url: `/api/notify/broadcasts/${later.json().id}/cancel`,
      headers: sut.headers({ cookie: author.cookie }),
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('reminders', () => {
  it('fires once at its time unless cancelled', async () => {
    const u = await citizen();
    await prefs(u.id, { channels: ['inapp'] });
    await sut.db.transaction((tx) =>
      scheduleReminder(tx, {
        tenantId: sut.tenant.id,
        recipient: { userId: u.id },
        at: new Date(Date.now() - 1000),
        text: 'Ραντεβού αύριο',
        dedupeKey: 'r1',
      }),
    );
    await sut.db.transaction((tx) =>
      scheduleReminder(tx, {
        tenantId: sut.tenant.id,
        recipient: { userId: u.id },
        at: new Date(Date.now() - 1000),
        text: 'Ακυρώθηκε',
        dedupeKey: 'r2',
      }),
    );
    expect(await sut.db.transaction((tx) => cancelReminder(tx, sut.tenant.id, 'r2'))).toBe(true);
    await sut.platform.jobs.drain();
    const { sessionCookie } = await import('../../../test/factories.js');
    const inbox = await sut.app.inject({
      method: 'GET',
      url: '/api/notify/inbox',
      headers: sut.headers({ cookie: await sessionCookie(sut.db, u) }),
    });
    expect(inbox.json().items.map((i: { text: string }) => i.text)).toEqual(['Ραντεβού αύριο']);
  });
});

/** The HTML part of a multipart mail, decoded from quoted-printable or base64. */
function decodeHtmlPart(raw: string) {
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)?.[1] as string;
  const part = raw.split(`--${boundary}`).find((p) => /content-type:\s*text\/html/i.test(p)) as string;
  const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const qp = body.replace(/=\r?\n/g, '');
  return Buffer.from(
    qp.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}
