import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { devices, users } from './identity.schema.js';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, with an interaction handler
 * that logs in `account` and consents at once, and the Dimos app listening on a real port,
 * so the whole browser round trip runs over HTTP with fetch and a small cookie jar.
 */
let server: Server;
let issuer: string;
let sut: TestApp;
let base: string;
const account = { sub: 'oidc-user-1', email: 'eleni@example.org', email_verified: true, given_name: 'Ελένη', family_name: 'Νικολάου' };

beforeAll(async () => {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // links and redirects come from the configured public address, so the app is told where it listens
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  base = `http://127.0.0.1:${port}`;
  sut = await createTestApp({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'dimos',
    OIDC_CLIENT_SECRET: 'dimos-oidc-secret',
    PUBLIC_URL: base,
  });
  await sut.app.listen({ port, host: '127.0.0.1' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'dimos',
        client_secret: 'dimos-oidc-secret',
        redirect_uris: [`${base}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['test-cookie-key'] },
    pkce: { required: () => true },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ ...account, sub: id }) }),
  });
  const callback = provider.callback();
  handler = async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session?.accountId as string, clientId: details.params.client_id as string });
      grant.addOIDCScope('openid email profile');
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  };
});
afterAll(async () => {
  await sut.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Follows redirects by hand, keeping cookies per host, until we are sent back to the web app. */
async function browse(start: string, jar: Map<string, Map<string, string>>, extra: Record<string, string>) {
  let url = start;
  for (let i = 0; i < 15; i++) {
    const u = new URL(url);
    const cookies = jar.get(u.host) ?? new Map<string, string>();
    jar.set(u.host, cookies);
    const res = await fetch(u, {
      redirect: 'manual',
      headers: { ...(u.origin === base ? extra : {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eqAt = pair.indexOf('=');
      cookies.set(pair.slice(0, eqAt), pair.slice(eqAt + 1));
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`stuck at ${url}: ${res.status} ${await res.text()}`);
    const next = new URL(location, u);
    if (next.origin === base && !next.pathname.startsWith('/api/')) return { final: location, cookies: jar.get(new URL(base).host) };
    url = next.toString();
  }
  throw new Error('too many redirects');
}

describe('OpenID Connect login', () => {
  it('signs a citizen in through discovery, PKCE and nonce, keyed by issuer and subject', async () => {
    const jar = new Map<string, Map<string, string>>();
    const first = await fetch(`${base}/api/me`, { headers: sut.headers() });
    const deviceId = ((await first.json()) as { deviceId: string }).deviceId;
    const deviceToken = first.headers.get('x-device-token') as string;
    jar.set(new URL(base).host, new Map([['dimos_device', deviceToken]]));

    const { final, cookies } = await browse(`${base}/api/auth/oidc/start?returnTo=/welcome`, jar, sut.headers());
    expect(final).toBe('/welcome');
    const session = cookies?.get('dimos_session');
    expect(session).toBeTruthy();

    const me = await fetch(`${base}/api/me`, { headers: { ...sut.headers(), cookie: `dimos_session=${session}` } });
    expect(await me.json()).toMatchObject({
      kind: 'citizen',
      email: 'eleni@example.org',
      emailVerified: true,
      givenName: 'Ελένη',
      familyName: 'Νικολάου',
    });
    const [u] = await sut.db.select().from(users).where(eq(users.oidcSubject, 'oidc-user-1'));
    expect(u).toMatchObject({ oidcIssuer: issuer, tenantId: sut.tenant.id });
    const [d] = await sut.db.select().from(devices).where(eq(devices.id, deviceId));
    expect(d?.userId).toBe(u?.id);

    // the provider remembers the login: a second round trip lands on the same person
    const again = await browse(`${base}/api/auth/oidc/start`, jar, sut.headers());
    expect(again.final).toBe('/');
    expect(await sut.db.select().from(users).where(eq(users.oidcSubject, 'oidc-user-1'))).toHaveLength(1);
  });

  it('refuses a callback with an unknown state', async () => {
    const res = await fetch(`${base}/api/auth/oidc/callback?code=x&state=forged`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?login_error=state_invalid');
  });

  it('sends the citizen back with provider_unavailable when the issuer cannot be reached', async () => {
    const other = await createTestApp({ OIDC_ISSUER: 'http://127.0.0.1:9/', OIDC_CLIENT_ID: 'x', IDP_TIMEOUT_MS: '500' });
    try {
      const res = await other.app.inject({ method: 'GET', url: '/api/auth/oidc/start', headers: other.headers() });
      expect(res.headers.location).toBe('/?login_error=provider_unavailable');
    } finally {
      await other.close();
    }
  });
});
