import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The error loadConfig throws for an environment, so each test can check the message names the variable. */
function rejection(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({ PORT: 8080, NODE_ENV: 'development', JOBS_IN_PROCESS: true, JOBS_CONCURRENCY: 4 });
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('parses numbers and booleans from strings and treats empty values as unset', () => {
    const sut = loadConfig({ PORT: '3000', JOBS_IN_PROCESS: 'false', TRUST_PROXY: '1', DATABASE_URL: '' });
    expect(sut).toMatchObject({ PORT: 3000, JOBS_IN_PROCESS: false, TRUST_PROXY: true });
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/dimos' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/dimos');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/dimos' }],
    ['JOBS_CONCURRENCY', { JOBS_CONCURRENCY: '0' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'not a url' }],
  ])('rejects a bad %s naming the variable', (name, env) => {
    const message = rejection(env);
    expect(message).toMatch(/^Invalid configuration/);
    expect(message).toContain(`${name}:`);
  });

  it('refuses production without PUBLIC_URL, naming the variable', () => {
    const message = rejection({ NODE_ENV: 'production' });
    expect(message).toContain('PUBLIC_URL:');
    expect(message).toContain('required in production');
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://dimos.example.gr' }).PUBLIC_URL).toBe('https://dimos.example.gr');
    // tests and development need no public address
    expect(loadConfig({ NODE_ENV: 'test' }).PUBLIC_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    const message = rejection({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(message).toContain('PORT:');
    expect(message).toContain('DATABASE_URL:');
  });

  it('rejects a partial S3 configuration naming the missing variables', () => {
    const message = rejection({ FILES_S3_ENDPOINT: 'https://s3.example.gr', FILES_S3_BUCKET: 'dimos' });
    expect(message).toContain('FILES_S3_ACCESS_KEY:');
    expect(message).toContain('FILES_S3_SECRET_KEY:');
    expect(message).not.toContain('FILES_S3_BUCKET:');
  });

  it('accepts a complete S3 configuration', () => {
    const sut = loadConfig({
      FILES_S3_ENDPOINT: 'https://s3.example.gr',
      FILES_S3_BUCKET: 'dimos',
      FILES_S3_ACCESS_KEY: 'AK',
      FILES_S3_SECRET_KEY: 'SK',
    });
    expect(sut.FILES_S3_BUCKET).toBe('dimos');
  });

  it('never echoes a secret value in its message', () => {
    const message = rejection({ DATABASE_URL: 'mysql://admin:hunter2-secret@db/dimos' });
    expect(message).not.toContain('hunter2-secret');
  });
});
