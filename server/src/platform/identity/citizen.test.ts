import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { outboundMessages } from '../messaging/messaging.schema.js';
import { normalizeGreekMobile } from './citizen.routes.js';
import { devices, users } from './identity.schema.js';
import { deviceIdsOf } from './people.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

let seq = 0;
const mobile = () => `69${String(10_000_000 + ++seq * 7919).slice(-8)}`;

async function newDevice() {
  const res = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers() });
  expect(res.statusCode).toBe(200);
  const token = res.headers['x-device-token'] as string;
  expect(token).toBeTruthy();
  return { token, deviceId: res.json().deviceId as string };
}

/** The last code sent to an address, read from the dev outbox (the platform records every message). */
async function lastCode(recipient: string) {
  const [m] = await sut.db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, sut.tenant.id), eq(outboundMessages.recipient, recipient)))
    .orderBy(desc(outboundMessages.createdAt))
    .limit(1);
  return { body: m?.body ?? '', subject: m?.subject, code: m?.body.match(/\b(\d{6})\b/)?.[1] ?? '' };
}

const post = (url: string, token: string, payload: unknown, extra: Record<string, string> = {}) =>
  sut.app.inject({
    method: 'POST',
    url,
    headers: sut.headers({ 'x-device-token': token, ...extra }),
    payload: payload as Record<string, unknown>,
  });

describe('citizens without an account', () => {
  it('normalises Greek mobiles', () => {
    expect(normalizeGreekMobile('6912345678')).toBe('+306912345678');
    expect(normalizeGreekMobile('+30 691 234 5678')).toBe('+306912345678');
    expect(normalizeGreekMobile('0030-6912345678')).toBe('+306912345678');
    expect(normalizeGreekMobile('2101234567')).toBeNull();
    expect(normalizeGreekMobile('691234567')).toBeNull();
  });

  it('gives a first-contact device an identity with a cookie and header', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers() });
    expect(res.json()).toMatchObject({ kind: 'device', userId: null, deviceLinked: false });
    expect(res.json().deviceId).toBeTruthy();
    expect(res.cookies.find((c) => c.name === 'dimos_device')?.httpOnly).toBe(true);
  });

  it('rejects a phone that is not a Greek mobile, naming the field', async () => {
    const { token } = await newDevice();
    const res = await post('/api/citizen/verify/start', token, { channel: 'sms', address: '2101234567' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'address', code: 'citizen.phone_invalid' });
    expect(res.json().fields[0].message).toContain('69XXXXXXXX');
  });

  it('verifies a phone by SMS code and joins two devices into one person', async () => {
    const phone = mobile();
    const a = await newDevice();
    const b = await newDevice();

    const start = await post('/api/citizen/verify/start', a.token, { channel: 'sms', address: phone });
    expect(start.statusCode).toBe(202);
    expect(start.json().address).toBe(`+30${phone}`);
    const sms = await lastCode(`+30${phone}`);
    expect(sms.body).toContain('Ο κωδικός επιβεβαίωσης');

    const wrong = await post('/api/citizen/verify/confirm', a.token, {
      channel: 'sms',
      address: phone,
      code: sms.code === '000000' ? '111111' : '000000',
    });
    expect(wrong.json().code).toBe('citizen.code_invalid');
    const ok = await post('/api/citizen/verify/confirm', a.token, { channel: 'sms', address: phone, code: sms.code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().created).toBe(true);
    const userId = ok.json().userId;
    const cookieA = ok.cookies.find((c) => c.name === 'dimos_session');
    expect(cookieA?.httpOnly).toBe(true);

    const me = await sut.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: sut.headers({ 'x-device-token': a.token, cookie: `dimos_session=${cookieA?.value}` }),
    });
    expect(me.json()).toMatchObject({ kind: 'citizen', userId, phone: `+30${phone}`, phoneVerified: true, deviceId: a.deviceId });

    // the second device, in English this time
    await post('/api/citizen/verify/start', b.token, { channel: 'sms', address: `+30 ${phone}` }, { 'accept-language': 'en' });
    const sms2 = await lastCode(`+30${phone}`);
    expect(sms2.body).toContain('Your municipality verification code');
    const ok2 = await post('/api/citizen/verify/confirm', b.token, { channel: 'sms', address: phone, code: sms2.code });
    expect(ok2.json()).toEqual({ userId, created: false });

    const rows = await sut.db.select().from(devices).where(eq(devices.userId, userId));
    expect(rows.map((d) => d.id).sort()).toEqual([a.deviceId, b.deviceId].sort());
    const citizens = await sut.db
      .select()
      .from(users)
      .where(eq(users.phone, `+30${phone}`));
    expect(citizens).toHaveLength(1);
    expect((await deviceIdsOf(sut.db, sut.tenant.id, { kind: 'device', deviceId: b.deviceId, userId })).sort()).toEqual(
      [a.deviceId, b.deviceId].sort(),
    );
  });

  it('verifies an e-mail by code', async () => {
    const { token } = await newDevice();
    const email = `citizen-${++seq}@example.gr`;
    await post('/api/citizen/verify/start', token, { channel: 'email', address: email.toUpperCase() });
    const mail = await lastCode(email);
    expect(mail.subject).toBe('Κωδικός επιβεβαίωσης');
    const ok = await post('/api/citizen/verify/confirm', token, { channel: 'email', address: email, code: mail.code });
    expect(ok.statusCode).toBe(200);
    const [u] = await sut.db.select().from(users).where(eq(users.id, ok.json().userId));
    expect(u?.email).toBe(email);
    expect(u?.emailVerifiedAt).toBeTruthy();
  });

  it('locks a code after 5 wrong attempts and does not accept a code from another device', async () => {
    const phone = mobile();
    const a = await newDevice();
    const b = await newDevice();
    await post('/api/citizen/verify/start', a.token, { channel: 'sms', address: phone });
    const { code } = await lastCode(`+30${phone}`);
    const stolen = await post('/api/citizen/verify/confirm', b.token, { channel: 'sms', address: phone, code });
    expect(stolen.json().code).toBe('citizen.code_invalid');
    const wrongCode = code === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 5; i++)
      answers.push((await post('/api/citizen/verify/confirm', a.token, { channel: 'sms', address: phone, code: wrongCode })).json().code);
    expect(answers.slice(0, 4).every((c) => c === 'citizen.code_invalid')).toBe(true);
    expect(answers[4]).toBe('citizen.code_locked');
    const late = await post('/api/citizen/verify/confirm', a.token, { channel: 'sms', address: phone, code });
    expect(late.statusCode).toBe(429);
    expect(late.json().code).toBe('citizen.code_locked');
  });

  it('limits how many codes one address gets', async () => {
    const phone = mobile();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { token } = await newDevice();
      statuses.push((await post('/api/citizen/verify/start', token, { channel: 'sms', address: phone })).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses[5]).toBe(429);
  });
});
