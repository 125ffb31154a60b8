import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../access/access.js';
import { audit } from '../audit/audit.js';
import type { Platform } from '../context.js';
import type { ApiPart as Part } from '../http/app.js';
import { AppError, registerMessages } from '../http/errors.js';
import { canReadFile } from './files.access.js';
import { FILE_KINDS, type TFileKind } from './files.detect.js';
import {
  getFileMeta,
  maxUploadBytes,
  prepareUpload,
  saveUploads,
  type TFileOwner,
  type TFileRow,
  type TPreparedUpload,
} from './files.service.js';
import type { ByteRange } from './store.js';

export const MAX_FILES_PER_REQUEST = 10;

export const ZFileView = z.object({
  id: z.uuid(),
  kind: z.enum(['image', 'document', 'video', 'audio']),
  mime: z.string(),
  name: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  visibility: z.enum(['private', 'public']),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});
export type TFileView = z.infer<typeof ZFileView>;

/** How a file is shown to API callers; URLs are relative to the tenant's API root. */
export function toFileView(f: TFileRow): TFileView {
  return {
    id: f.id,
    kind: f.kind,
    mime: f.mime,
    name: f.originalName,
    size: f.size,
    width: f.width,
    height: f.height,
    visibility: f.visibility,
    url: `/api/files/${f.id}`,
    thumbUrl: f.thumbSha256 ? `/api/files/${f.id}/thumb` : null,
  };
}

const ZUploadQuery = z.object({
  visibility: z.enum(['private', 'public']).default('private'),
  kinds: z
    .string()
    .regex(/^(image|document|video|audio)(,(image|document|video|audio))*$/)
    .optional()
    .describe('Comma-separated kinds to accept (image, document, video, audio); all when absent'),
});

const ZFileParams = z.object({ id: z.uuid() });
const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });

function ownerOf(actor: Actor): TFileOwner {
  switch (actor.kind) {
    case 'anonymous':
      return {};
    case 'device':
      return { deviceId: actor.deviceId, userId: actor.userId };
    case 'citizen':
      return { userId: actor.userId, deviceId: actor.deviceId };
    default:
      return { userId: actor.userId };
  }
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (Greek names survive). */
function contentDisposition(name: string, inline: boolean) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Browsers show these themselves; office documents are downloaded. */
const inlineKinds = new Set(['image', 'video', 'audio']);
const isInline = (f: TFileRow) => inlineKinds.has(f.kind) || f.mime === 'application/pdf' || f.mime.startsWith('text/plain');

/** One `bytes=a-b` range (what media players send); multi-range requests get the whole file. */
function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}

async function sendFile(platform: Platform, req: FastifyRequest, reply: FastifyReply, id: string, thumb: boolean) {
  const file = await getFileMeta(platform.db, req.tenant.id, id);
  // Not allowed looks the same as not there: a file id must not confirm that the file exists.
  if (!file || !(await canReadFile(platform.db, req.actor, file))) throw new AppError('files.not_found', 404);
  const sha = thumb ? file.thumbSha256 : file.sha256;
  if (!sha) throw new AppError('files.not_found', 404);

  const etag = `"${sha}"`;
  reply.header('etag', etag);
  reply.header('x-content-type-options', 'nosniff');
  // Public bytes may sit in shared caches a while; private ones are revalidated every time,
  // so revoking access (or making a file private again) takes effect at once.
  reply.header('cache-control', file.visibility === 'public' ? 'public, max-age=3600' : 'private, no-cache');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();

  let range: ByteRange | undefined;
  if (!thumb) {
    const r = parseRange(req.headers.range, file.size);
    if (r === 'unsatisfiable') {
      reply.header('content-range', `bytes */${file.size}`);
      throw new AppError('files.range_not_satisfiable', 416);
    }
    if (r) range = r;
  }
  let stream: Awaited<ReturnType<Platform['files']['get']>>;
  try {
    stream = await platform.files.get(sha, range);
  } catch (err) {
    req.log.error({ err, fileId: file.id }, 'file row without its bytes');
    throw new AppError('files.not_found', 404);
  }

  // content headers only now: an error answer above must still go out as JSON
  const name = thumb ? `${file.originalName.replace(/\.[^.]+$/, '')}-thumb.webp` : file.originalName;
  reply.header('content-type', thumb ? 'image/webp' : file.mime);
  reply.header('content-disposition', contentDisposition(name, thumb || isInline(file)));
  if (!thumb) reply.header('accept-ranges', 'bytes');
  if (range) {
    reply.code(206);
    reply.header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
    reply.header('content-length', range.end - range.start + 1);
  } else if (!thumb) {
    reply.header('content-length', file.size);
  }
  return reply.send(stream);
}

export const filesApi: Part = {
  name: 'files',
  plugin: async (app, { platform }) => {
    const { cfg } = platform;
    // Registered here, so only this part's routes parse multipart bodies, with these limits.
    await app.register(multipart, {
      limits: {
        fileSize: maxUploadBytes(cfg, FILE_KINDS),
        files: MAX_FILES_PER_REQUEST,
        fields: 10,
        fieldSize: 1000,
        parts: MAX_FILES_PER_REQUEST + 10,
        headerPairs: 100,
      },
    });

    app.post(
      '/api/files',
      {
        config: { access: 'device', rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['files'],
          summary: 'Upload up to 10 files (multipart/form-data, any field name)',
          description:
            'The type is detected from the bytes; images are re-encoded without metadata and get a thumbnail. ' +
            'Limits: image 15 MB, document 25 MB, video 100 MB, audio 20 MB, all capped by FILES_MAX_MB. ' +
            'Only staff may upload public files.',
          querystring: ZUploadQuery,
          response: { 201: z.object({ files: z.array(ZFileView) }), 413: ZError, 415: ZError },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('http.unsupported_media_type', 415);
        if (req.query.visibility === 'public' && req.actor.kind !== 'staff') throw new AppError('files.public_staff_only', 403);
        const allowedKinds = (req.query.kinds?.split(',') as TFileKind[] | undefined) ?? FILE_KINDS;
        const prepared: TPreparedUpload[] = [];
        try {
          for await (const part of req.parts()) {
            if (part.type !== 'file') continue;
            prepared.push(await prepareUpload(cfg, { stream: part.file, filename: part.filename, allowedKinds }));
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
            throw new AppError('files.too_many', 400, { max: MAX_FILES_PER_REQUEST });
          }
          throw err;
        }
        if (!prepared.length) throw new AppError('files.required', 400, {}, [{ field: 'file', code: 'validation.required' }]);
        const rows = await saveUploads(platform, prepared, {
          tenantId: req.tenant.id,
          owner: ownerOf(req.actor),
          visibility: req.query.visibility,
          inTx: async (tx, saved) => {
            if (req.actor.kind !== 'staff') return;
            for (const f of saved) {
              await audit(tx, req, {
                action: 'files.upload',
                entity: 'file',
                entityId: f.id,
                data: { mime: f.mime, size: f.size, visibility: f.visibility },
              });
            }
          },
        });
        return reply.code(201).send({ files: rows.map(toFileView) });
      },
    );

    app.get(
      '/api/files/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['files'],
          summary: "A file's bytes (Range requests supported); private files only for their owner, staff or a module's grant",
          params: ZFileParams,
        },
      },
      async (req, reply) => sendFile(platform, req, reply, req.params.id, false),
    );

    app.get(
      '/api/files/:id/thumb',
      {
        config: { access: 'public' },
        schema: { tags: ['files'], summary: "An image's 400 px WebP thumbnail, with the same access as the file", params: ZFileParams },
      },
      async (req, reply) => sendFile(platform, req, reply, req.params.id, true),
    );
  },
};

registerMessages({
  'files.range_not_satisfiable': {
    el: 'Το ζητούμενο τμήμα του αρχείου δεν υπάρχει.',
    en: 'The requested range is outside the file.',
  },
});
