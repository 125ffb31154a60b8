import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecondServer, createTestApp, type TestApp } from '../../../test/app.js';
import { rateLimits } from './rate-limit.schema.js';
import { sweepRateLimits } from './rate-limit.store.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(() => sut.close());

// POST /api/auth/password/forgot allows 5 requests per caller per 15 minutes
const forgot = (server: { app: TestApp['app'] }, ip: string) =>
  server.app.inject({
    method: 'POST',
    url: '/api/auth/password/forgot',
    headers: sut.headers(),
    remoteAddress: ip,
    payload: { email: 'nobody@example.org' },
  });

describe('rate limits', () => {
  it('hold across server processes: the counters are in the database', async () => {
    const other = await createSecondServer(sut);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await forgot(i % 2 ? other : sut, '198.51.100.7')).statusCode);
      expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
      const refused = await forgot(other, '198.51.100.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('http.rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
      // another caller has its own counter
      expect((await forgot(other, '198.51.100.8')).statusCode).toBe(202);
    } finally {
      await other.close();
    }
  }, 90_000);

  it('starts a new window when the old one has passed, and the clean-up drops old counters', async () => {
    const ip = '198.51.100.9';
    for (let i = 0; i < 5; i++) expect((await forgot(sut, ip)).statusCode).toBe(202);
    expect((await forgot(sut, ip)).statusCode).toBe(429);
    // the window ends (moved into the past rather than waiting 15 minutes)
    await sut.db.update(rateLimits).set({ resetAt: new Date(Date.now() - 2 * 3600_000) });
    expect((await forgot(sut, ip)).statusCode).toBe(202);
    await sut.db.update(rateLimits).set({ resetAt: new Date(Date.now() - 2 * 3600_000) });
    await sweepRateLimits(sut.db);
    expect(await sut.db.select().from(rateLimits)).toEqual([]);
  });
});
