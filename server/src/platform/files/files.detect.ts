import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors.js';

export type TFileKind = 'image' | 'document' | 'video' | 'audio';
export const FILE_KINDS: TFileKind[] = ['image', 'document', 'video', 'audio'];

/** What we accept, keyed by the MIME type `file-type` reports from the bytes. Everything else is refused. */
const ACCEPTED: Record<string, { kind: TFileKind; ext: string; mime?: string }> = {
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/png': { kind: 'image', ext: 'png' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'image/gif': { kind: 'image', ext: 'gif' },
  // HEIC is accepted only when this build of sharp can decode it (checked when re-encoding); stored as JPEG.
  'image/heic': { kind: 'image', ext: 'jpg', mime: 'image/jpeg' },
  'image/heif': { kind: 'image', ext: 'jpg', mime: 'image/jpeg' },
  'application/pdf': { kind: 'document', ext: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', ext: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', ext: 'xlsx' },
  'application/vnd.oasis.opendocument.text': { kind: 'document', ext: 'odt' },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'document', ext: 'ods' },
  'text/plain': { kind: 'document', ext: 'txt', mime: 'text/plain; charset=utf-8' },
  'video/mp4': { kind: 'video', ext: 'mp4' },
  'video/webm': { kind: 'video', ext: 'webm' },
  'video/quicktime': { kind: 'video', ext: 'mov' },
  'audio/mpeg': { kind: 'audio', ext: 'mp3' },
  'audio/x-m4a': { kind: 'audio', ext: 'm4a', mime: 'audio/mp4' },
  'audio/mp4': { kind: 'audio', ext: 'm4a' },
  'audio/ogg': { kind: 'audio', ext: 'ogg' },
  'audio/opus': { kind: 'audio', ext: 'ogg', mime: 'audio/ogg' },
  'audio/wav': { kind: 'audio', ext: 'wav' },
  'audio/x-wav': { kind: 'audio', ext: 'wav', mime: 'audio/wav' },
  'audio/vnd.wave': { kind: 'audio', ext: 'wav', mime: 'audio/wav' },
};

export type TDetected = { detected: string; mime: string; kind: TFileKind; ext: string };

/**
 * A quick guess from the first bytes, used only to pick the size limit while the upload is
 * still streaming (so a 90 MB "photo" is cut off at 15 MB). The final decision is `detectType`.
 */
export async function guessKind(prefix: Buffer): Promise<TFileKind | null> {
  const ft = await fileTypeFromBuffer(prefix);
  return ft ? (ACCEPTED[ft.mime]?.kind ?? null) : null;
}

/**
 * Decides what the bytes are, never trusting the name or the client's content type.
 * Refuses with 415 `files.type_not_allowed` (naming the detected type) anything not accepted,
 * including executables renamed to .jpg and SVG/HTML (which can carry script).
 */
export async function detectType(bytes: Buffer, allowedKinds: TFileKind[]): Promise<TDetected> {
  const ft = await fileTypeFromBuffer(bytes);
  const detected = ft?.mime ?? textType(bytes);
  const accepted = ACCEPTED[detected];
  if (!accepted || !allowedKinds.includes(accepted.kind)) {
    throw new AppError('files.type_not_allowed', 415, { type: detected });
  }
  if (detected === 'application/pdf') assertSafePdf(bytes);
  return { detected, mime: accepted.mime ?? detected, kind: accepted.kind, ext: accepted.ext };
}

/**
 * Text has no magic number, so `file-type` says nothing. We accept it as text/plain only when
 * it is valid UTF-8 without control characters, and name markup and scripts for what they are
 * so they are refused (an SVG or HTML page can run script when opened from our origin).
 */
function textType(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'application/octet-stream';
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return 'application/octet-stream';
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('#!')) return 'text/x-script';
  const lower = text.toLowerCase();
  if (/<svg[\s>/]/.test(lower)) return 'image/svg+xml';
  if (/<(!doctype\s+html|html[\s>]|script[\s>/]|iframe[\s>/]|object[\s>/])/.test(lower)) return 'text/html';
  if (head.startsWith('<?xml')) return 'application/xml';
  if (!text.trim()) return 'application/x-empty';
  return 'text/plain';
}

/** PDF names may hide letters as #xx escapes (/J#61vaScript); undo them before looking. */
const decodePdfNames = (s: string) => s.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const DANGEROUS_PDF = /\/(JavaScript|JS|Launch)(?![A-Za-z0-9])/;

/**
 * Refuses PDFs with JavaScript or Launch actions. Action dictionaries live either in the plain
 * body or inside compressed object streams (/Type /ObjStm), so those are inflated and searched
 * too; page content, images and fonts cannot hold actions and are left alone (a large scanned
 * PDF stays cheap to check).
 */
function assertSafePdf(bytes: Buffer) {
  const latin = bytes.toString('latin1');
  if (DANGEROUS_PDF.test(decodePdfNames(latin))) throw new AppError('files.unsafe_content', 422);
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null = streamRe.exec(latin);
  let inflated = 0;
  while (m) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    if (end < 0) break;
    const dictStart = Math.max(latin.lastIndexOf('obj', m.index), m.index - 4096, 0);
    if (/\/Type\s*\/ObjStm/.test(decodePdfNames(latin.slice(dictStart, m.index)))) {
      let out: Buffer;
      try {
        out = inflateSync(bytes.subarray(start, end), { maxOutputLength: 50 * 1024 * 1024 });
      } catch (err) {
        // an object stream too big to look into is refused rather than trusted
        if (err instanceof RangeError) throw new AppError('files.unsafe_content', 422);
        out = Buffer.alloc(0); // not Flate-encoded: a reader could not use it either
      }
      inflated += out.length;
      if (inflated > 200 * 1024 * 1024 || DANGEROUS_PDF.test(decodePdfNames(out.toString('latin1')))) {
        throw new AppError('files.unsafe_content', 422);
      }
    }
    streamRe.lastIndex = end;
    m = streamRe.exec(latin);
  }
}
