import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import sharp, { type Sharp } from 'sharp';
import type { TConfig } from '../config/config.js';
import type { Platform } from '../context.js';
import type { DbOrTx, Tx } from '../db/database.js';
import { AppError, registerMessages } from '../http/errors.js';
import { detectType, guessKind, type TDetected, type TFileKind } from './files.detect.js';
import { files } from './files.schema.js';
import type { ByteRange } from './store.js';

export type TFileRow = typeof files.$inferSelect;
export type TFileOwner = { userId?: string | null; deviceId?: string | null };
export type TVisibility = 'private' | 'public';

/** Per-kind hard limits; FILES_MAX_MB caps them all (so a small deployment can lower every one at once). */
export const KIND_LIMIT_MB: Record<TFileKind, number> = { image: 15, document: 25, video: 100, audio: 20 };
const MB = 1024 * 1024;
/** Images larger than this on either side are scaled down: nobody needs more to read a pothole photo. */
const MAX_IMAGE_SIDE = 4096;
const THUMB_SIDE = 400;

export function kindLimitBytes(cfg: TConfig, kind: TFileKind) {
  return Math.floor(Math.min(KIND_LIMIT_MB[kind], cfg.FILES_MAX_MB) * MB);
}

/** The largest file any of these kinds may be: the limit while we do not yet know what is coming. */
export function maxUploadBytes(cfg: TConfig, kinds: TFileKind[]) {
  return Math.max(...kinds.map((k) => kindLimitBytes(cfg, k)));
}

const tooLarge = (name: string, limit: number) =>
  new AppError('http.payload_too_large', 413, {}, [
    { field: 'file', code: 'files.too_large', params: { name, maxMb: Math.round((limit / MB) * 10) / 10 } },
  ]);

/**
 * Reads an upload into memory, stopping as soon as it passes the limit: first the largest
 * limit of the allowed kinds, then, once the first bytes say what is coming, that kind's.
 */
async function readLimited(cfg: TConfig, source: Readable | Buffer, name: string, kinds: TFileKind[]) {
  if (Buffer.isBuffer(source)) return source;
  let limit = maxUploadBytes(cfg, kinds);
  let guessed = false;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buf);
    total += buf.length;
    if (!guessed && total >= 4100) {
      guessed = true;
      const kind = await guessKind(Buffer.concat(chunks));
      if (kind && kinds.includes(kind)) limit = kindLimitBytes(cfg, kind);
    }
    if (total > limit) {
      source.destroy();
      throw tooLarge(name, limit);
    }
  }
  // @fastify/multipart ends a stream early (truncated) at its own fileSize limit
  if ((source as { truncated?: boolean }).truncated) throw tooLarge(name, limit);
  return Buffer.concat(chunks, total);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A file name safe to store and to send back in Content-Disposition: no path, no control or
 * shell-special characters, at most 120 characters, and the extension of what the bytes really are.
 */
export function sanitizeName(original: string | undefined, ext: string) {
  const base = (original ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]{1,10}$/, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*;`$%]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 120);
  return `${stem || 'file'}.${ext}`;
}

type TImage = { bytes: Buffer; mime: string; ext: string; width: number; height: number; thumb: Buffer };

/**
 * Re-encodes an image: applies the EXIF orientation, then writes pixels only, so EXIF (with GPS),
 * XMP, IPTC and comments are gone; scales it to at most 4096 px and makes a 400 px WebP thumbnail.
 * Re-encoding also defuses files that are valid images and something else at once (polyglots).
 */
async function processImage(bytes: Buffer, d: TDetected): Promise<TImage> {
  const animated = d.detected === 'image/gif' || d.detected === 'image/webp';
  let pipeline: Sharp;
  try {
    const meta = await sharp(bytes, { animated }).metadata();
    const multiPage = (meta.pages ?? 1) > 1;
    pipeline = sharp(bytes, { animated, failOn: 'error', limitInputPixels: 100_000_000 });
    // orientation tags come from cameras, which make single-frame pictures
    if (!multiPage) pipeline = pipeline.rotate();
    pipeline = pipeline.resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
  } catch {
    if (d.detected === 'image/heic' || d.detected === 'image/heif') {
      // this sharp build has no HEVC decoder (the prebuilt binaries leave it out for patent reasons)
      throw new AppError('files.type_not_allowed', 415, { type: d.detected });
    }
    throw new AppError('files.unreadable', 422);
  }
  let ext = d.ext;
  let mime = d.mime;
  switch (d.detected) {
    case 'image/png':
      pipeline = pipeline.png({ compressionLevel: 9 });
      break;
    case 'image/webp':
      pipeline = pipeline.webp({ quality: 85 });
      break;
    case 'image/gif':
      pipeline = pipeline.gif();
      break;
    default:
      pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
      ext = 'jpg';
      mime = 'image/jpeg';
  }
  try {
    const out = await pipeline.toBuffer();
    const info = await sharp(out).metadata();
    const thumb = await sharp(out)
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { bytes: out, mime, ext, width: info.width ?? 0, height: info.pageHeight ?? info.height ?? 0, thumb };
  } catch {
    if (d.detected === 'image/heic' || d.detected === 'image/heif') {
      throw new AppError('files.type_not_allowed', 415, { type: d.detected });
    }
    throw new AppError('files.unreadable', 422);
  }
}

/** An upload checked and processed, not yet stored: what `saveUploads` writes. */
export type TPreparedUpload = {
  sha256: string;
  bytes: Buffer;
  mime: string;
  kind: TFileKind;
  name: string;
  width: number | null;
  height: number | null;
  thumb: { sha256: string; bytes: Buffer } | null;
};

export type TUploadSource = { stream?: Readable; buffer?: Buffer; filename?: string; allowedKinds: TFileKind[] };

/** Reads, limits, identifies and (for images) re-encodes one upload. Stores nothing. */
export async function prepareUpload(cfg: TConfig, src: TUploadSource): Promise<TPreparedUpload> {
  const source = src.buffer ?? src.stream;
  if (!source) throw new AppError('files.required', 400);
  const name = (src.filename ?? 'file').slice(0, 255);
  const raw = await readLimited(cfg, source, name, src.allowedKinds);
  if (raw.length === 0) throw new AppError('files.empty', 400);
  const d = await detectType(raw, src.allowedKinds);
  const limit = kindLimitBytes(cfg, d.kind);
  if (raw.length > limit) throw tooLarge(name, limit);
  if (d.kind !== 'image') {
    return {
      sha256: sha256(raw),
      bytes: raw,
      mime: d.mime,
      kind: d.kind,
      name: sanitizeName(src.filename, d.ext),
      width: null,
      height: null,
      thumb: null,
    };
  }
  const img = await processImage(raw, d);
  return {
    sha256: sha256(img.bytes),
    bytes: img.bytes,
    mime: img.mime,
    kind: 'image',
    name: sanitizeName(src.filename, img.ext),
    width: img.width,
    height: img.height,
    thumb: { sha256: sha256(img.thumb), bytes: img.thumb },
  };
}

export type TSaveOptions = {
  tenantId: string;
  owner: TFileOwner;
  visibility?: TVisibility;
  /** Runs inside the insert transaction, e.g. to audit a staff upload. */
  inTx?: (tx: Tx, rows: TFileRow[]) => Promise<void>;
};

/**
 * Writes prepared uploads: bytes to the blob store (identical bytes are stored once, whoever
 * sends them), then one `files` row per upload, all rows in one transaction. A blob left
 * behind by a failed transaction is harmless: it is only reachable through a row.
 */
export async function saveUploads(platform: Platform, prepared: TPreparedUpload[], opts: TSaveOptions): Promise<TFileRow[]> {
  for (const p of prepared) {
    await platform.files.put(p.sha256, p.bytes, p.mime);
    if (p.thumb) await platform.files.put(p.thumb.sha256, p.thumb.bytes, 'image/webp');
  }
  if (!prepared.length) return [];
  return platform.db.transaction(async (tx) => {
    const rows = await tx
      .insert(files)
      .values(
        prepared.map((p) => ({
          tenantId: opts.tenantId,
          sha256: p.sha256,
          size: p.bytes.length,
          mime: p.mime,
          kind: p.kind,
          originalName: p.name,
          width: p.width,
          height: p.height,
          thumbSha256: p.thumb?.sha256 ?? null,
          visibility: opts.visibility ?? 'private',
          ownerUserId: opts.owner.userId ?? null,
          ownerDeviceId: opts.owner.deviceId ?? null,
        })),
      )
      .returning();
    await opts.inTx?.(tx, rows);
    return rows;
  });
}

export type TStoreUpload = TUploadSource & {
  tenantId: string;
  owner: TFileOwner;
  visibility?: TVisibility;
};

/** The one-call verb for modules: check, process and store one upload; returns its `files` row. */
export async function storeUpload(platform: Platform, input: TStoreUpload): Promise<TFileRow> {
  const prepared = await prepareUpload(platform.cfg, input);
  const [row] = await saveUploads(platform, [prepared], input);
  if (!row) throw new Error('file insert failed');
  return row;
}

/** A file's row, only when it belongs to the tenant (another tenant's id is simply not found). */
export async function getFileMeta(db: DbOrTx, tenantId: string, fileId: string): Promise<TFileRow | null> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.tenantId, tenantId)));
  return row ?? null;
}

/**
 * Opens a file's bytes (or its thumbnail's) for reading. Access is the caller's job
 * (`canReadFile`); this only guarantees the tenant.
 */
export async function openFile(
  platform: Platform,
  tenantId: string,
  fileId: string,
  opts: { thumb?: boolean; range?: ByteRange } = {},
): Promise<{ file: TFileRow; sha256: string; mime: string; stream: Readable }> {
  const file = await getFileMeta(platform.db, tenantId, fileId);
  if (!file) throw new AppError('files.not_found', 404);
  const sha = opts.thumb ? file.thumbSha256 : file.sha256;
  if (!sha) throw new AppError('files.not_found', 404);
  try {
    const stream = await platform.files.get(sha, opts.range);
    return { file, sha256: sha, mime: opts.thumb ? 'image/webp' : file.mime, stream };
  } catch (err) {
    platform.log.error({ err, fileId, sha }, 'file row without its bytes');
    throw new AppError('files.not_found', 404);
  }
}

/**
 * Makes a file visible to everyone in the tenant (e.g. a report photo after moderation), or
 * private again. Returns false when the file is not in the tenant.
 */
export async function setFileVisibility(db: DbOrTx, tenantId: string, fileId: string, visibility: TVisibility) {
  const rows = await db
    .update(files)
    .set({ visibility })
    .where(and(eq(files.id, fileId), eq(files.tenantId, tenantId)))
    .returning({ id: files.id });
  return rows.length > 0;
}

export const markFilePublic = (db: DbOrTx, tenantId: string, fileId: string) => setFileVisibility(db, tenantId, fileId, 'public');

registerMessages({
  'files.type_not_allowed': {
    el: 'Αυτός ο τύπος αρχείου ({type}) δεν επιτρέπεται.',
    en: 'This type of file ({type}) is not allowed.',
  },
  'files.unsafe_content': {
    el: 'Το αρχείο περιέχει ενεργό περιεχόμενο (π.χ. σενάρια) και δεν γίνεται δεκτό.',
    en: 'The file contains active content (such as scripts) and cannot be accepted.',
  },
  'files.unreadable': { el: 'Το αρχείο είναι κατεστραμμένο ή δεν διαβάζεται.', en: 'The file is damaged or cannot be read.' },
  'files.too_large': {
    el: 'Το αρχείο «{name}» ξεπερνά το όριο των {maxMb} MB.',
    en: 'The file “{name}” is larger than the {maxMb} MB limit.',
  },
  'files.required': { el: 'Δεν στάλθηκε αρχείο.', en: 'No file was sent.' },
  'files.empty': { el: 'Το αρχείο είναι κενό.', en: 'The file is empty.' },
  'files.too_many': { el: 'Μπορείτε να στείλετε έως {max} αρχεία τη φορά.', en: 'You can send at most {max} files at a time.' },
  'files.not_found': { el: 'Το αρχείο δεν βρέθηκε.', en: 'File not found.' },
  'files.public_staff_only': {
    el: 'Μόνο το προσωπικό μπορεί να ανεβάσει δημόσια αρχεία.',
    en: 'Only staff can upload public files.',
  },
});
