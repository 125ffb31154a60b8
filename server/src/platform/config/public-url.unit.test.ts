import { describe, expect, it } from 'vitest';
import { allowedOrigins, publicOrigin } from './public-url.js';

const dev = { NODE_ENV: 'development' as const, PORT: 8080, PUBLIC_URL: undefined };
const prod = { NODE_ENV: 'production' as const, PORT: 8080, PUBLIC_URL: 'https://dimos.example.gr/' };

describe('publicOrigin', () => {
  it('uses PUBLIC_URL (without a trailing slash) for a tenant without host names', () => {
    expect(publicOrigin(prod, { hosts: [] })).toBe('https://dimos.example.gr');
  });

  it("uses the tenant's first host over https in production", () => {
    expect(publicOrigin(prod, { hosts: ['neaarkadia.gov.gr', 'www.neaarkadia.gov.gr'] })).toBe('https://neaarkadia.gov.gr');
  });

  it("keeps PUBLIC_URL when it already names one of the tenant's hosts (it may carry a path)", () => {
    const cfg = { ...prod, PUBLIC_URL: 'https://www.neaarkadia.gov.gr/dimos' };
    expect(publicOrigin(cfg, { hosts: ['neaarkadia.gov.gr', 'www.neaarkadia.gov.gr'] })).toBe('https://www.neaarkadia.gov.gr/dimos');
  });

  it('falls back to localhost on the configured port outside production', () => {
    expect(publicOrigin(dev, null)).toBe('http://localhost:8080');
    expect(publicOrigin({ ...dev, PORT: 8102 }, { hosts: ['dimos.local'] })).toBe('http://dimos.local:8102');
  });
});

describe('allowedOrigins', () => {
  it('lists every host of the tenant and PUBLIC_URL, as origins', () => {
    const origins = allowedOrigins(prod, { hosts: ['a.gov.gr', 'b.gov.gr'] });
    expect([...origins].sort()).toEqual(['https://a.gov.gr', 'https://b.gov.gr', 'https://dimos.example.gr']);
  });

  it('does not list the same host on another port', () => {
    const origins = allowedOrigins({ ...dev, PORT: 8102 }, null);
    expect(origins.has('http://localhost:8102')).toBe(true);
    expect(origins.has('http://localhost:8103')).toBe(false);
  });
});
