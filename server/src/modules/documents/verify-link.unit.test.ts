import { describe, expect, it } from 'vitest';
import type { Platform } from '../../platform/context.js';
import { verifyBase } from './issue.service.js';

const platformWith = (cfg: Partial<Platform['cfg']>) => ({ cfg: { NODE_ENV: 'production', PORT: 8080, ...cfg } }) as unknown as Platform;

describe("documents' QR code and verification link", () => {
  it("carry the municipality's own host over https in production, not localhost", () => {
    const base = verifyBase(platformWith({ PUBLIC_URL: 'https://dimos.example.gr' }), { hosts: ['neaarkadia.gov.gr'] });
    expect(base).toBe('https://neaarkadia.gov.gr');
  });

  it('carry PUBLIC_URL for a municipality without a host name of its own', () => {
    expect(verifyBase(platformWith({ PUBLIC_URL: 'https://dimos.example.gr/' }), { hosts: [] })).toBe('https://dimos.example.gr');
  });
});
