import { type AddressInfo, createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { startSilentServer, startTaxisnetImitation } from '../../../test/imitations/taxisnet.js';
import { devices, users } from './identity.schema.js';
import { parseUserinfoXml } from './taxisnet.js';

// no PUBLIC_URL and a tenant without hosts: outside production links use http://localhost:<PORT>
const CALLBACK = 'http://localhost:8080/api/auth/taxisnet/callback';
const CLIENT = { clientId: 'dimos-test', clientSecret: 's3cret-for-tests', redirectUris: [CALLBACK] };

let gsis: Awaited<ReturnType<typeof startTaxisnetImitation>>;
let sut: TestApp;
beforeAll(async () => {
  gsis = await startTaxisnetImitation(CLIENT);
  sut = await createTestApp(gsis.env);
});
afterAll(async () => {
  await sut.close();
  await gsis.close();
});

async function freePort() {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Drives the browser side: our start → GSIS authorize → back to our callback. Returns the final answer. */
async function roundTrip(app: TestApp, opts: { returnTo?: string; deviceToken?: string } = {}) {
  const start = await app.app.inject({
    method: 'GET',
    url: `/api/auth/taxisnet/start${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`,
    headers: app.headers(opts.deviceToken ? { 'x-device-token': opts.deviceToken } : {}),
  });
  expect(start.statusCode).toBe(302);
  const deviceToken = opts.deviceToken ?? (start.headers['x-device-token'] as string);
  const authorize = new URL(start.headers.location as string);
  const atGsis = await fetch(authorize, { redirect: 'manual' });
  expect(atGsis.status).toBe(302);
  const back = new URL(atGsis.headers.get('location') as string);
  expect(`${back.origin}${back.pathname}`).toBe(new URL(CALLBACK).href);
  // the browser returns from GSIS with cookies only: no tenant header
  const callback = await app.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
  return { authorize, callback, deviceToken };
}

describe('TaxisNet login', () => {
  it('parses the GSIS userinfo XML', () => {
    const p = parseUserinfoXml(
      '<?xml version="1.0" encoding="UTF-8"?><root><userinfo userid="u1" taxid="012345678" lastname="ΠΑΠΑΣ" firstname="ΝΙΚΟΣ" fathername="ΙΩΑΝΝΗΣ" mothername="ΑΝΝΑ" birthyear="1970"/></root>',
    );
    expect(p).toEqual({
      userid: 'u1',
      taxid: '012345678',
      lastname: 'ΠΑΠΑΣ',
      firstname: 'ΝΙΚΟΣ',
      fathername: 'ΙΩΑΝΝΗΣ',
      mothername: 'ΑΝΝΑ',
      birthyear: 1970,
    });
    expect(() => parseUserinfoXml('<root><userinfo taxid="12"/></root>')).toThrow();
    expect(() => parseUserinfoXml('not xml at all <')).toThrow();
  });

  it('signs a citizen in by ΑΦΜ with names, joins the device, and returns to a same-origin path', async () => {
    gsis.state.person = {
      userid: 'mpapa',
      taxid: '987654321',
      firstname: 'ΜΑΡΙΑ',
      lastname: 'ΠΑΠΑ & ΥΙΟΙ',
      fathername: 'ΓΕΩΡΓΙΟΣ',
      mothername: 'ΕΛΕΝΗ',
      birthyear: '1985',
    };
    const { authorize, callback } = await roundTrip(sut, { returnTo: '/my/requests?tab=open' });
    expect(authorize.searchParams.get('client_id')).toBe('dimos-test');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/my/requests?tab=open');
    const session = callback.cookies.find((c) => c.name === 'dimos_session');
    expect(session?.httpOnly).toBe(true);

    const me = await sut.app.inject({ method: 'GET', url: '/api/me', headers: sut.headers({ cookie: `dimos_session=${session?.value}` }) });
    expect(me.json()).toMatchObject({
      kind: 'citizen',
      afm: '987654321',
      givenName: 'ΜΑΡΙΑ',
      familyName: 'ΠΑΠΑ & ΥΙΟΙ',
      taxisnetVerified: true,
    });
    const [u] = await sut.db.select().from(users).where(eq(users.afm, '987654321'));
    expect(u).toMatchObject({ fatherName: 'ΓΕΩΡΓΙΟΣ', motherName: 'ΕΛΕΝΗ', birthYear: 1985, tenantId: sut.tenant.id });
    const joined = await sut.db
      .select()
      .from(devices)
      .where(eq(devices.userId, u?.id as string));
    expect(joined).toHaveLength(1);

    // the token request was form-encoded to the token endpoint, userinfo asked as XML
    expect(gsis.state.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/oauth2server/oauth/token', '/oauth2server/userinfo']));

    // a second login (another device) finds the same person
    const again = await roundTrip(sut);
    expect(again.callback.headers.location).toBe('/');
    expect(await sut.db.select().from(users).where(eq(users.afm, '987654321'))).toHaveLength(1);
    expect(
      await sut.db
        .select()
        .from(devices)
        .where(eq(devices.userId, u?.id as string)),
    ).toHaveLength(2);
  });

  it('refuses a foreign return path', async () => {
    const { callback } = await roundTrip(sut, { returnTo: '//evil.example.com/x' });
    expect(callback.headers.location).toBe('/');
  });

  it('sends the citizen back with login_error when they refuse, or the state is wrong or reused', async () => {
    gsis.state.deny = true;
    try {
      const { callback } = await roundTrip(sut);
      expect(callback.headers.location).toBe('/?login_error=denied');
    } finally {
      gsis.state.deny = false;
    }
    const forged = await sut.app.inject({ method: 'GET', url: '/api/auth/taxisnet/callback?code=abc&state=forged' });
    expect(forged.headers.location).toBe('/?login_error=state_invalid');
    expect(forged.cookies.find((c) => c.name === 'dimos_session')).toBeUndefined();
  });

  it('answers provider_error when our client secret is wrong', async () => {
    const other = await createTestApp({ ...gsis.env, TAXISNET_CLIENT_SECRET: 'wrong-secret' });
    try {
      const { callback } = await roundTrip(other);
      expect(callback.statusCode).toBe(302);
      expect(callback.headers.location).toBe('/?login_error=provider_error');
      expect(callback.cookies.find((c) => c.name === 'dimos_session')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('gives up after IDP_TIMEOUT_MS when the provider does not answer', async () => {
    const silent = await startSilentServer();
    const other = await createTestApp({ ...gsis.env, TAXISNET_TOKEN_URL: `${silent.url}/oauth2server/oauth/token`, IDP_TIMEOUT_MS: '300' });
    try {
      const { callback } = await roundTrip(other);
      expect(callback.headers.location).toBe('/?login_error=provider_unavailable');
    } finally {
      await other.close();
      await silent.close();
    }
  });

  it('in development with no TAXISNET_* set, the imitation runs in-process under /api/dev/taxisnet', async () => {
    // links come from configuration, not the request: the server must know its port (PUBLIC_URL unset)
    const port = await freePort();
    const dev = await createTestApp({ NODE_ENV: 'development', PORT: String(port) });
    try {
      await dev.app.listen({ port, host: '127.0.0.1' });
      const base = `http://localhost:${port}`;
      const start = await fetch(`${base}/api/auth/taxisnet/start`, { redirect: 'manual', headers: dev.headers() });
      expect(start.status).toBe(302);
      const deviceCookie = (start.headers.get('set-cookie') ?? '').match(/dimos_device=[^;]+/)?.[0] ?? '';
      const authorize = new URL(start.headers.get('location') as string);
      expect(authorize.pathname).toBe('/api/dev/taxisnet/oauth2server/oauth/authorize');
      const page = await fetch(authorize);
      expect(await page.text()).toContain('ΑΦΜ');
      const form = new URLSearchParams(authorize.searchParams);
      form.set('decision', 'allow');
      form.set('taxid', '111222333');
      const consent = await fetch(authorize.origin + authorize.pathname, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(consent.status).toBe(302);
      const callback = await fetch(consent.headers.get('location') as string, { redirect: 'manual', headers: { cookie: deviceCookie } });
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/');
      const session = (callback.headers.get('set-cookie') ?? '').match(/dimos_session=[^;]+/)?.[0] ?? '';
      const me = await fetch(`${base}/api/me`, { headers: { ...dev.headers(), cookie: session } });
      expect(await me.json()).toMatchObject({ kind: 'citizen', afm: '111222333', taxisnetVerified: true });
    } finally {
      await dev.close();
    }
  });
});
