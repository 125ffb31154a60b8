import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TConfig } from '../config/config.js';
import { S3FileStore } from './s3-store.js';
import type { ByteRange, FileStore } from './store.js';

/** Content-addressed files on local disk: <dir>/ab/cd/<sha256>. Written to a temp name, then renamed. */
export class DiskFileStore implements FileStore {
  readonly kind = 'disk' as const;
  constructor(private dir: string) {}
  private path(sha: string) {
    if (!/^[a-f0-9]{64}$/.test(sha)) throw new Error('bad sha256');
    return join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }
  async put(sha: string, bytes: Buffer) {
    if (await this.has(sha)) return;
    const p = this.path(sha);
    await mkdir(dirname(p), { recursive: true });
    // a unique temp name: two uploads of the same bytes may race; the rename makes either one win whole
    const tmp = `${p}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, p);
  }
  async get(sha: string, range?: ByteRange) {
    const stream = createReadStream(this.path(sha), range);
    // surface a missing file here rather than as a late stream error mid-response
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }
  async has(sha: string) {
    try {
      await access(this.path(sha));
      return true;
    } catch {
      return false;
    }
  }
}

/** S3-compatible storage when FILES_S3_* is set (config checks they come together), local disk otherwise. */
export function createFileStore(cfg: TConfig, dir: string): FileStore {
  if (cfg.FILES_S3_ENDPOINT && cfg.FILES_S3_BUCKET && cfg.FILES_S3_ACCESS_KEY && cfg.FILES_S3_SECRET_KEY) {
    return new S3FileStore({
      endpoint: cfg.FILES_S3_ENDPOINT,
      region: cfg.FILES_S3_REGION,
      bucket: cfg.FILES_S3_BUCKET,
      accessKey: cfg.FILES_S3_ACCESS_KEY,
      secretKey: cfg.FILES_S3_SECRET_KEY,
    });
  }
  return new DiskFileStore(dir);
}
