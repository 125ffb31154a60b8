import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { KIND_LIMIT_MB, prepareUpload, saveUploads, type TPreparedUpload } from '../../platform/files/index.js';
import { AppError, fieldError } from '../../platform/http/errors.js';
import { guardBody } from '../../platform/http/input-guard.js';

/**
 * The driver's phone sends a refuelling or a fault from its offline outbox (`web/src/app/offline`):
 * one request, `multipart/form-data` with the route's JSON body under `payload` and the photos as
 * files, and the outbox item's id as `Idempotency-Key`. The same routes take plain JSON (with file ids
 * uploaded before). Photos are read and checked before the route's schema runs, but stored only after
 * the key was looked up, so a replay stores nothing again.
 */
export const PHONE_FORM_LIMITS = {
  fileSize: KIND_LIMIT_MB.image * 1024 * 1024,
  files: 10,
  fields: 2,
  fieldSize: 20_000,
  parts: 12,
  headerPairs: 100,
};

export const ZIdempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .min(8)
      .max(80)
      .optional()
      .describe("The phone's key for this entry (its outbox item's id): sending it again stores nothing new"),
  })
  .loose();

const held = new WeakMap<FastifyRequest, TPreparedUpload[]>();

/** A route's `preValidation`: a multipart request's `payload` becomes its body; its images (field `fileField`) are held. */
export function phoneForm(platform: Platform, fileField: string, maxFiles: number) {
  return async (req: FastifyRequest) => {
    if (!req.isMultipart()) return;
    const prepared: TPreparedUpload[] = [];
    let body: unknown;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== fileField || prepared.length >= maxFiles) {
            part.file.resume();
            throw fieldError(fileField, 'fleet.photos_invalid', { max: maxFiles });
          }
          prepared.push(await prepareUpload(platform.cfg, { stream: part.file, filename: part.filename, allowedKinds: ['image'] }));
        } else if (part.fieldname === 'payload') {
          try {
            body = JSON.parse(String(part.value));
          } catch {
            throw fieldError('payload', 'fleet.payload_invalid');
          }
        }
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw fieldError(fileField, 'fleet.photos_invalid', { max: maxFiles });
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        throw new AppError('http.payload_too_large', 413, {}, [
          { field: fileField, code: 'files.too_large', params: { name: fileField, maxMb: KIND_LIMIT_MB.image } },
        ]);
      throw err;
    }
    if (body === undefined) throw fieldError('payload', 'fleet.payload_invalid');
    req.body = body;
    guardBody(req);
    held.set(req, prepared);
  };
}

/** The request's key: the body's `clientKey`, else its `Idempotency-Key` header. */
export function clientKeyOf(req: FastifyRequest, bodyKey: string | null | undefined) {
  const header = req.headers['idempotency-key'];
  return bodyKey ?? (typeof header === 'string' && header.length >= 8 && header.length <= 80 ? header : undefined);
}

/** Stores the photos a multipart request carried (none for JSON), owned by the signed-in person. */
export async function storeHeldPhotos(platform: Platform, req: FastifyRequest, tenantId: string, userId: string | null) {
  const prepared = held.get(req) ?? [];
  if (!prepared.length) return [];
  const rows = await saveUploads(platform, prepared, { tenantId, owner: { userId } });
  return rows.map((r) => r.id);
}
