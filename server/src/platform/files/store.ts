import type { Readable } from 'node:stream';

/** An inclusive byte range, as in an HTTP Range header. */
export type ByteRange = { start: number; end: number };

/**
 * Where file bytes live, addressed by their SHA-256. The disk store is the default;
 * an S3-compatible store is used when FILES_S3_* is configured.
 */
export interface FileStore {
  readonly kind: 'disk' | 's3';
  /** Stores the bytes under their hash; a no-op when they are already there (dedupe). */
  put(sha256: string, bytes: Buffer, mime: string): Promise<void>;
  /** The bytes, or the inclusive range of them (video players seek with Range requests). */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
}
