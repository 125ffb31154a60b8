import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Imitation, type TS3Imitation } from '../../../test/imitations/s3.js';
import { S3FileStore, type TS3Options } from './s3-store.js';

const creds = { accessKey: 'AKIATESTDIMOS', secretKey: 'test-secret-key-1234', region: 'eu-south-1', bucket: 'dimos-files' };
let s3: TS3Imitation;
let opts: TS3Options;

beforeAll(async () => {
  s3 = await startS3Imitation(creds);
  opts = { endpoint: s3.endpoint, ...creds };
});
afterAll(() => s3.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (s: AsyncIterable<unknown>) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
};

describe('S3FileStore against the S3 imitation', () => {
  it('puts, tells whether it has, and gets back the bytes under ab/cd/<sha> path-style keys', async () => {
    const sut = new S3FileStore(opts);
    const bytes = Buffer.from(`Καλημέρα ${Math.random()}`);
    const h = sha(bytes);
    expect(await sut.has(h)).toBe(false);
    await sut.put(h, bytes, 'text/plain');
    expect(await sut.has(h)).toBe(true);
    expect(s3.objects.get(`${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`)?.contentType).toBe('text/plain');
    expect((await read(await sut.get(h))).equals(bytes)).toBe(true);
    expect((await read(await sut.get(h, { start: 2, end: 5 }))).equals(bytes.subarray(2, 6))).toBe(true);
    // every request went to the bucket path and was signed correctly
    expect(s3.requests.every((r) => r.path.startsWith(`/${creds.bucket}/`) && (!r.error || r.error === 'NoSuchKey'))).toBe(true);
  });

  it('stores identical bytes once', async () => {
    const sut = new S3FileStore(opts);
    const bytes = Buffer.from(`dedupe ${Math.random()}`);
    const h = sha(bytes);
    await sut.put(h, bytes, 'text/plain');
    const puts = () => s3.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(h)).length;
    expect(puts()).toBe(1);
    await sut.put(h, bytes, 'text/plain');
    expect(puts()).toBe(1);
  });

  it('is refused with a wrong secret key, a wrong access key or a wrong region', async () => {
    const bytes = Buffer.from(`refused ${Math.random()}`);
    const h = sha(bytes);
    const lastError = () => s3.requests.at(-1)?.error;
    const wrongSecret = new S3FileStore({ ...opts, secretKey: 'not-the-secret' });
    await expect(wrongSecret.put(h, bytes, 'text/plain')).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(lastError()).toBe('SignatureDoesNotMatch');
    // a refused HEAD is an error, not "not there"
    await expect(wrongSecret.has(h)).rejects.toThrow();
    const wrongKey = new S3FileStore({ ...opts, accessKey: 'AKIAOTHER' });
    await expect(wrongKey.get(h)).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    const wrongRegion = new S3FileStore({ ...opts, region: 'us-west-2' });
    await expect(wrongRegion.get(h)).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect(lastError()).toBe('AuthorizationHeaderMalformed');
    expect(s3.objects.has(`${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`)).toBe(false);
  });

  it('surfaces a missing object on get', async () => {
    const sut = new S3FileStore(opts);
    await expect(sut.get('a'.repeat(64))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
