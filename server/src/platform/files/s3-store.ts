import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ByteRange, FileStore } from './store.js';

export type TS3Options = { endpoint: string; region: string; bucket: string; accessKey: string; secretKey: string };

/**
 * Content-addressed files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, ...),
 * under the same ab/cd/<sha256> keys as the disk store. Path-style URLs, because most
 * self-hosted servers have no wildcard DNS for virtual-hosted buckets.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private client: S3Client;
  private bucket: string;

  constructor(opts: TS3Options) {
    this.bucket = opts.bucket;
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: true,
      credentials: { accessKeyId: opts.accessKey, secretAccessKey: opts.secretKey },
      // Only add the newer flexible checksums when an operation demands them: many
      // S3-compatible servers reject or ignore the CRC32 trailers AWS now sends by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  private key(sha: string) {
    if (!/^[a-f0-9]{64}$/.test(sha)) throw new Error('bad sha256');
    return `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
  }

  async put(sha: string, bytes: Buffer, mime: string) {
    if (await this.has(sha)) return;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(sha),
        Body: bytes,
        ContentType: mime,
        ContentLength: bytes.length,
        // lets the server refuse bytes damaged in transit
        ChecksumSHA256: Buffer.from(sha, 'hex').toString('base64'),
      }),
    );
  }

  async get(sha: string, range?: ByteRange): Promise<Readable> {
    const res = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.key(sha),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    if (!res.Body) throw new Error(`S3 object ${sha} has no body`);
    return res.Body as Readable;
  }

  async has(sha: string) {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha) }));
      return true;
    } catch (err) {
      // Only a real "not there" is false; a refused signature or an outage must surface.
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }
}
