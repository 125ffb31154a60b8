import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeCaseType } from '../../src/modules/cases/cases.fixtures.js';
import { buildApp } from '../../src/platform/http/app.js';
import { databaseErrorToAppError, loggableError } from '../../src/platform/http/db-errors.js';
import { devices } from '../../src/platform/identity/identity.schema.js';
import { orgUnits } from '../../src/platform/tenancy/org.schema.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeDevice, makeStaff, makeTenant, makeUnit, sessionCookie } from '../factories.js';

/**
 * The platform's edge: input the database cannot store is refused before any route sees it,
 * database errors about the caller's data become 400/409 naming the field, ids of another tenant's
 * rows in a body are refused, anonymous devices are made only for requests that are accepted,
 * and the framework's own errors have the API's shape.
 */
let sut: TestApp;
let probe: Awaited<ReturnType<typeof buildApp>>;
let admin: Record<string, string>;

beforeAll(async () => {
  sut = await createTestApp();
  const staff = await makeStaff(sut.db, sut.tenant.id, 'admin', null);
  admin = sut.headers({ cookie: await sessionCookie(sut.db, staff), 'accept-language': 'en' });
  probe = await buildApp(
    sut.platform,
    [
      {
        name: 'probe',
        plugin: async (a) => {
          a.post(
            '/api/probe/echo/:key',
            {
              config: { access: 'public' },
              schema: {
                params: z.object({ key: z.string() }),
                querystring: z.object({ q: z.string().optional() }),
                body: z.object({ name: z.string().max(100), tags: z.array(z.string()).optional(), data: z.unknown().optional() }),
              },
            },
            async (req) => ({ ok: true, name: req.body.name }),
          );
          a.patch(
            '/api/probe/things/:id',
            { config: { access: 'staff' }, schema: { body: z.object({ name: z.string().optional(), note: z.string().optional() }) } },
            async () => ({ ok: true }),
          );
          a.put('/api/probe/settings', { config: { access: 'staff' }, schema: { body: z.object({ mode: z.string() }) } }, async () => ({
            ok: true,
          }));
          a.post('/api/probe/unit', { config: { access: 'staff' }, schema: { body: z.object({ unitId: z.string() }) } }, async (req) => {
            // the database refuses the reference (no route-level check): mapped generically
            await sut.db.insert(devices).values({ tenantId: req.tenant.id, tokenHash: `probe-${Date.now()}`, userId: req.body.unitId });
            return { ok: true };
          });
          a.post(
            '/api/probe/device',
            {
              config: { access: 'device' },
              schema: { body: z.object({ fail: z.boolean() }) },
            },
            async (req, reply) => {
              if (req.body.fail) return reply.status(409).send({ code: 'probe.conflict', message: 'no' });
              return { device: req.actor.kind === 'device' ? req.actor.deviceId : null };
            },
          );
        },
      },
    ],
    { logger: false },
  );
  await probe.ready();
  await makeUnit(sut.db, sut.tenant.id, { nameEl: 'Μονάδα', nameEn: 'Unit' });
}, 120_000);
afterAll(async () => {
  await probe.close();
  await sut.close();
});

const en = () => sut.headers({ 'accept-language': 'en' });

describe('input the database cannot store', () => {
  it('refuses a NUL byte in a body, a query, a path and a header, naming the field, in Greek and English', async () => {
    const body = await probe.inject({ method: 'POST', url: '/api/probe/echo/k', headers: en(), payload: { name: 'a\u0000b' } });
    expect(body.statusCode).toBe(400);
    expect(body.json().fields).toEqual([{ field: 'name', code: 'validation.nul_character', message: expect.stringContaining('NUL') }]);
    const el = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: sut.headers(),
      payload: { name: 'x', tags: ['ok', '\u0000'] },
    });
    expect(el.json().fields[0]).toMatchObject({ field: 'tags.1', code: 'validation.nul_character' });
    expect(el.json().fields[0].message).toMatch(/^Το πεδίο/);
    const query = await probe.inject({ method: 'POST', url: '/api/probe/echo/k?q=a%00', headers: en(), payload: { name: 'x' } });
    expect(query.json().fields[0]).toMatchObject({ field: 'q', code: 'validation.nul_character' });
    const path = await probe.inject({ method: 'POST', url: '/api/probe/echo/a%00', headers: en(), payload: { name: 'x' } });
    expect(path.json().fields[0]).toMatchObject({ field: 'key', code: 'validation.nul_character' });
    const header = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: { ...en(), 'idempotency-key': 'a\u0000b' },
      payload: { name: 'x' },
    });
    expect(header.statusCode).toBe(400);
    expect(header.json().fields[0]).toMatchObject({ field: 'idempotency-key', code: 'validation.nul_character' });
    // a NUL in the tenant header is refused before it is looked up
    const tenant = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: { 'x-tenant': 'a\u0000' },
      payload: { name: 'x' },
    });
    expect(tenant.statusCode).toBe(400);
    // real login: a NUL used to reach the database as a 500
    const login = await sut.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: en(),
      payload: { email: 'a\u0000@example.gr', password: 'x\u0000' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().code).toBe('validation.failed');
  });

  it('refuses lone UTF-16 surrogates in values and keys, and nesting deeper than 32 levels', async () => {
    const lone = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: { ...en(), 'content-type': 'application/json' },
      payload: '{"name":"a\\ud800b"}',
    });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().fields[0]).toMatchObject({ field: 'name', code: 'validation.invalid_unicode' });
    const key = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: { ...en(), 'content-type': 'application/json' },
      payload: '{"name":"x","data":{"\\udc00":1}}',
    });
    expect(key.json().fields[0].code).toBe('validation.invalid_unicode');
    const pair = await probe.inject({ method: 'POST', url: '/api/probe/echo/k', headers: en(), payload: { name: 'ok 😀' } });
    expect(pair.statusCode).toBe(200);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const nested = await probe.inject({ method: 'POST', url: '/api/probe/echo/k', headers: en(), payload: { name: 'x', data: deep } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().fields[0].code).toBe('validation.too_deep');
  });

  it('refuses an update with no known field on every PATCH, and PUTs whose fields are all optional', async () => {
    const empty = await probe.inject({ method: 'PATCH', url: '/api/probe/things/1', headers: admin, payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'validation.empty_update', message: 'No field to change was sent.' });
    const unknown = await probe.inject({ method: 'PATCH', url: '/api/probe/things/1', headers: admin, payload: { colour: 'red' } });
    expect(unknown.statusCode).toBe(400);
    const one = await probe.inject({ method: 'PATCH', url: '/api/probe/things/1', headers: admin, payload: { note: '' } });
    expect(one.statusCode).toBe(200);
    const put = await probe.inject({ method: 'PUT', url: '/api/probe/settings', headers: admin, payload: {} });
    expect(put.json().code).toBe('validation.failed');
  });
});

describe('database errors', () => {
  it('maps a foreign key to a missing row to a 400 naming the field', async () => {
    const res = await probe.inject({
      method: 'POST',
      url: '/api/probe/unit',
      headers: admin,
      payload: { unitId: '00000000-0000-4000-8000-000000000001' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'userId', code: 'validation.unknown_reference', message: 'The field “userId” refers to something that does not exist.' },
    ]);
    const bad = await probe.inject({ method: 'POST', url: '/api/probe/unit', headers: admin, payload: { unitId: 'not-a-uuid' } });
    expect(bad.statusCode).toBe(400);
  });

  it('logs the database code, message and constraint, never the query parameters', () => {
    const pg = Object.assign(new Error('insert or update on table "cases" violates foreign key constraint "cases_unit_id_fk"'), {
      code: '23503',
      severity: 'ERROR',
      detail: 'Key (unit_id)=(maria@example.gr) is not present in table "org_units".',
      constraint: 'cases_unit_id_fk',
      table: 'cases',
    });
    const wrapped = Object.assign(new Error('Failed query: insert into cases values ($1)\nparams: Μαρία Παπαδοπούλου,6900000000'), {
      query: 'insert into cases values ($1)',
      params: ['Μαρία Παπαδοπούλου', '6900000000'],
      cause: pg,
    });
    const logged = JSON.stringify(loggableError(wrapped));
    expect(logged).not.toContain('Παπαδοπούλου');
    expect(logged).not.toContain('6900000000');
    expect(logged).not.toContain('maria@example.gr');
    expect(logged).toContain('23503');
    expect(logged).toContain('cases_unit_id_fk');
    expect(logged).toContain('violates foreign key constraint');
    expect(databaseErrorToAppError(wrapped)?.fields?.[0]).toEqual({ field: 'unitId', code: 'validation.unknown_reference' });
    const dup = Object.assign(new Error('duplicate key'), {
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (tenant_id, slug)=(a, b) already exists.',
    });
    expect(databaseErrorToAppError(dup)).toMatchObject({ status: 409, fields: [{ field: 'slug', code: 'db.duplicate' }] });
  });
});

describe('references to rows of the caller’s tenant only', () => {
  it('refuses a walk-in ticket for another tenant’s unit or an unknown one, writing nothing', async () => {
    const other = await makeTenant(sut.db);
    const foreignUnit = await makeUnit(sut.db, other.id, { nameEl: 'Ξένη', nameEn: 'Foreign' });
    const before = await sut.db.select({ n: count() }).from(orgUnits);
    for (const unitId of [foreignUnit.id, '00000000-0000-4000-8000-000000000002']) {
      const res = await sut.app.inject({ method: 'POST', url: '/api/appointments/walk-ins', headers: admin, payload: { unitId } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().fields).toEqual([
        { field: 'unitId', code: 'validation.unknown_reference', message: expect.stringContaining('does not exist') },
      ]);
    }
    expect(await sut.db.select({ n: count() }).from(orgUnits)).toEqual(before);
    const own = await makeUnit(sut.db, sut.tenant.id, { nameEl: 'Δική', nameEn: 'Own' });
    const ok = await sut.app.inject({ method: 'POST', url: '/api/appointments/walk-ins', headers: admin, payload: { unitId: own.id } });
    expect(ok.statusCode).toBe(201);
  });
});

describe('anonymous devices', () => {
  const deviceCount = async () => (await sut.db.select({ n: count() }).from(devices).where(eq(devices.tenantId, sut.tenant.id)))[0]?.n ?? 0;

  it('makes a device only for an accepted request, and drops it (with its cookie) when the route refuses', async () => {
    const before = await deviceCount();
    const invalid = await probe.inject({ method: 'POST', url: '/api/probe/device', headers: sut.headers(), payload: { fail: 'x' } });
    expect(invalid.statusCode).toBe(400);
    const refused = await probe.inject({ method: 'POST', url: '/api/probe/device', headers: sut.headers(), payload: { fail: true } });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['x-device-token']).toBeUndefined();
    expect(String(refused.headers['set-cookie'] ?? '')).not.toContain('dimos_device=');
    expect(await deviceCount()).toBe(before);
    const ok = await probe.inject({ method: 'POST', url: '/api/probe/device', headers: sut.headers(), payload: { fail: false } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-device-token']).toBeTruthy();
    expect(String(ok.headers['set-cookie'])).toContain('dimos_device=');
    expect(await deviceCount()).toBe(before + 1);
  });

  it('takes a device token the client proposes, so a retry after a lost answer is the same device', async () => {
    const proposed = 'p'.repeat(43);
    const first = await probe.inject({
      method: 'POST',
      url: '/api/probe/device',
      headers: sut.headers({ 'x-device-token': proposed }),
      payload: { fail: false },
    });
    const retry = await probe.inject({
      method: 'POST',
      url: '/api/probe/device',
      headers: sut.headers({ 'x-device-token': proposed }),
      payload: { fail: false },
    });
    expect(first.headers['x-device-token']).toBe(proposed);
    expect(retry.json().device).toBe(first.json().device);
    // too short to be a secret: the server makes its own
    const weak = await probe.inject({
      method: 'POST',
      url: '/api/probe/device',
      headers: sut.headers({ 'x-device-token': 'short' }),
      payload: { fail: false },
    });
    expect(weak.headers['x-device-token']).not.toBe('short');
    // a token another tenant's device holds is not shared
    const theirs = await makeDevice(sut.db, (await makeTenant(sut.db)).id);
    const clash = await probe.inject({
      method: 'POST',
      url: '/api/probe/device',
      headers: sut.headers({ 'x-device-token': theirs.token }),
      payload: { fail: false },
    });
    expect(clash.statusCode).toBe(200);
    expect(clash.headers['x-device-token']).not.toBe(theirs.token);
  });

  it('protects a new anonymous client’s first case with its Idempotency-Key when the answer was lost', async () => {
    const type = await makeCaseType(sut, { anonymousAllowed: true });
    const body = { caseType: type.key, data: { size: 'large' }, description: 'Λακκούβα στην Ερμού 12' };
    const key = 'draft-6f1c2a4e-0b7d-4c55-9a0e-3e2f1d0c9b8a';
    const send = (payload: object) =>
      sut.app.inject({ method: 'POST', url: '/api/cases', headers: sut.headers({ 'idempotency-key': key }), payload });
    const first = await send(body);
    expect(first.statusCode, first.body).toBe(201);
    // the answer (and with it the device cookie) never arrived: the retry comes as a new anonymous client
    const retry = await send(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    // someone who only learnt the key, sending something else, files their own case
    const other = await send({ ...body, description: 'Άλλο' });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });
});

describe('the framework’s own errors', () => {
  it('answers a malformed URL, a too long path parameter, broken JSON and an unknown route with {code, message}', async () => {
    const badUrl = await probe.inject({ method: 'GET', url: '/api/probe/echo/%E0%A4%A', headers: en() });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ code: 'http.bad_url', message: 'The request address is not valid.' });
    const long = await probe.inject({ method: 'POST', url: `/api/probe/echo/${'k'.repeat(200)}`, headers: en(), payload: { name: 'x' } });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({ code: 'http.uri_too_long' });
    const json = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: { ...en(), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'http.invalid_json', message: 'The request body is not valid JSON.' });
    const proto = await probe.inject({
      method: 'POST',
      url: '/api/probe/echo/k',
      headers: { ...en(), 'content-type': 'application/json' },
      payload: '{"name":"x","__proto__":{"a":1}}',
    });
    expect(proto.statusCode).toBe(400);
    expect(typeof proto.json().message).toBe('string');
    const none = await probe.inject({ method: 'GET', url: '/api/nowhere', headers: en() });
    expect(none.json()).toEqual({ code: 'http.not_found', message: 'Route not found.' });
  });
});
