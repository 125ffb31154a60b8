import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeStaffSession } from '../../../test/factories.js';
import type { Platform } from '../../platform/context.js';
import { warnAboutSigning } from './signing-status.js';

/** Production with no signing passphrase and no certificate: said at start and on the administrator's screen. */
let sut: TestApp;
beforeAll(async () => {
  delete process.env.SIGNING_P12_PASSPHRASE;
  sut = await createTestApp({ NODE_ENV: 'production', PUBLIC_URL: 'https://dimos.example.gr' });
});
afterAll(() => sut.close());

describe('document signing not configured', () => {
  it('is logged at start, naming what to configure', async () => {
    const lines: string[] = [];
    const log = { warn: (...args: unknown[]) => lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')) };
    await warnAboutSigning({ ...sut.platform, log } as unknown as Platform);
    expect(lines.some((l) => l.includes('SIGNING_P12_PASSPHRASE'))).toBe(true);
    expect(lines.some((l) => l.includes(sut.tenant.slug) && l.includes('PKCS#12'))).toBe(true);
  });

  it("is on the administrator's screen in Greek and English", async () => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'admin');
    const get = (lang: string) =>
      sut.app.inject({ method: 'GET', url: '/api/admin/signing-status', headers: sut.headers({ cookie, 'accept-language': lang }) });
    const el = (await get('el')).json();
    expect(el.ready).toBe(false);
    expect(el.problems.map((p: { code: string }) => p.code)).toEqual([
      'document.signing_passphrase_missing',
      'document.signing_key_missing',
    ]);
    expect(el.problems[0].message).toContain('SIGNING_P12_PASSPHRASE');
    expect(el.problems[1].message).toContain('πιστοποιητικό υπογραφής');
    const en = (await get('en')).json();
    expect(en.problems[1].message).toContain('signing certificate');
  });

  it('is for administrators only', async () => {
    const { cookie } = await makeStaffSession(sut.db, sut.tenant.id, 'employee');
    const res = await sut.app.inject({ method: 'GET', url: '/api/admin/signing-status', headers: sut.headers({ cookie }) });
    expect(res.statusCode).toBe(403);
  });
});
