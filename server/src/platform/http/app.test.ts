import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/app.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

describe('platform http', () => {
  it('answers health without a tenant', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('is ready when the database is reachable and migrated', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ready');
  });

  it('serves OpenAPI 3.1 and the docs', async () => {
    const spec = (await sut.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/health']).toBeDefined();
    const docs = await sut.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown API routes with the error shape in Greek by default and English on request', async () => {
    const el = await sut.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(el.statusCode).toBe(404);
    expect(el.json()).toEqual({ code: 'http.not_found', message: 'Η διαδρομή δεν βρέθηκε.' });
    const en = await sut.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.json().message).toBe('Route not found.');
  });

  it('refuses to start when a route declares no access', async () => {
    const other = await createTestApp({}, undefined);
    try {
      const { buildApp } = await import('./app.js');
      const app = await buildApp(
        other.platform,
        [
          {
            name: 'bad',
            plugin: async (a) => {
              a.get('/api/bad', { schema: { querystring: z.object({}) } }, async () => ({}));
            },
          },
        ],
        { logger: false },
      );
      await expect(app.ready()).rejects.toThrow(/without a declared access: GET \/api\/bad/);
    } finally {
      await other.close();
    }
  });

  it('names the offending fields in a validation error, translated', async () => {
    const { buildApp } = await import('./app.js');
    const app = await buildApp(
      sut.platform,
      [
        {
          name: 'probe',
          plugin: async (a) => {
            a.post(
              '/api/probe',
              { config: { access: 'public' }, schema: { body: z.object({ contactEmail: z.email(), name: z.string().min(2) }).strict() } },
              async () => ({ ok: true }),
            );
          },
        },
      ],
      { logger: false },
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/probe',
      headers: { 'x-tenant': sut.tenant.slug, 'accept-language': 'en' },
      payload: { contactEmail: 'nope', name: 'x', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['contactEmail', 'extra', 'name']);
    expect(body.fields.find((f: { field: string }) => f.field === 'contactEmail').message).toBe(
      'The field “contactEmail” is not a valid e-mail address.',
    );
    await app.close();
  });

  it('resolves the tenant by host, header and path prefix, and refuses unknown ones', async () => {
    const { tenants } = await import('../tenancy/tenancy.schema.js');
    const { eq } = await import('drizzle-orm');
    const { buildApp } = await import('./app.js');
    await sut.db
      .update(tenants)
      .set({ hosts: ['dimos.example.gr'] })
      .where(eq(tenants.id, sut.tenant.id));
    sut.platform.tenants.invalidate();
    const app = await buildApp(
      sut.platform,
      [
        {
          name: 'probe',
          plugin: async (a) => {
            a.get('/api/probe/tenant', { config: { access: 'public' } }, async (req) => ({ slug: req.tenant.slug }));
          },
        },
      ],
      { logger: false },
    );
    const probe = async (opts: { url: string; headers?: Record<string, string> }) =>
      app.inject({ method: 'GET', url: opts.url, headers: opts.headers });
    expect((await probe({ url: '/api/probe/tenant', headers: { host: 'dimos.example.gr' } })).json().slug).toBe(sut.tenant.slug);
    expect((await probe({ url: '/api/probe/tenant', headers: { 'x-tenant': sut.tenant.slug } })).json().slug).toBe(sut.tenant.slug);
    expect((await probe({ url: `/t/${sut.tenant.slug}/api/probe/tenant` })).json().slug).toBe(sut.tenant.slug);
    const unknown = await probe({ url: '/api/probe/tenant', headers: { 'x-tenant': 'nowhere' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('tenant.not_found');
    await app.close();
  });
  it('answers a request that arrives while shutting down with 503 in the error shape, after the one in flight', async () => {
    const { buildApp } = await import('./app.js');
    const { connect } = await import('node:net');
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let entered = () => {};
    const inFlight = new Promise<void>((r) => {
      entered = r;
    });
    const app = await buildApp(
      sut.platform,
      [
        {
          name: 'slow',
          plugin: async (a) => {
            a.get('/api/probe/slow', { config: { access: 'public', tenant: false } }, async () => {
              entered();
              await held;
              return { ok: true };
            });
          },
        },
      ],
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    // one connection: the first request is in flight when the shutdown starts, the second comes after
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    const ended = new Promise<void>((r) => socket.on('close', () => r()));
    socket.write('GET /api/probe/slow HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await inFlight;
    const closing = app.close();
    // the listener stops after the shutdown hooks ran: from then on a request is a late one
    for (let i = 0; i < 200 && app.server.listening; i++) await new Promise((r) => setTimeout(r, 10));
    socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    release();
    await closing;
    await ended;
    const [first, second] = answer.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(JSON.parse(second?.slice(second.indexOf('\r\n\r\n') + 4) ?? '')).toEqual({
      code: 'http.shutting_down',
      message: expect.any(String),
    });
  });
});
