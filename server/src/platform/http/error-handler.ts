import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { hasMessage, type Lang, t } from '../i18n/i18n.js';
import { AppError, type FieldError } from './errors.js';

/** The body of every error the API returns. */
export type TErrorBody = { code: string; message: string; fields?: { field: string; code: string; message: string }[] };

function fieldLabel(lang: Lang, field: string) {
  const leaf = field.split('.').pop() ?? field;
  if (hasMessage(`field.${field}`)) return t(lang, `field.${field}`);
  if (hasMessage(`field.${leaf}`)) return t(lang, `field.${leaf}`);
  return field;
}

export function renderError(lang: Lang, err: AppError): TErrorBody {
  const body: TErrorBody = { code: err.code, message: t(lang, err.code, err.params) };
  if (err.fields?.length) {
    body.fields = err.fields.map((f) => ({
      field: f.field,
      code: f.code,
      message: f.message ?? t(lang, f.code, { ...f.params, field: fieldLabel(lang, f.field) }),
    }));
  }
  return body;
}

type ZodIssueParams = {
  input?: unknown;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  origin?: string;
  keys?: string[];
};

/** Maps one zod issue to a stable, translatable field error. */
function zodIssueToField(path: string, keyword: string, params: ZodIssueParams): FieldError[] {
  switch (keyword) {
    case 'invalid_type':
      return [{ field: path, code: params.input === undefined ? 'validation.required' : 'validation.invalid_type' }];
    case 'too_small':
      if (params.origin === 'string' && Number(params.minimum) === 1 && params.input === '')
        return [{ field: path, code: 'validation.required' }];
      return [
        {
          field: path,
          code: params.origin === 'string' ? 'validation.too_short' : 'validation.invalid',
          params: { min: Number(params.minimum) },
        },
      ];
    case 'too_big':
      return [
        {
          field: path,
          code: params.origin === 'string' ? 'validation.too_long' : 'validation.invalid',
          params: { max: Number(params.maximum) },
        },
      ];
    case 'invalid_format':
      return [{ field: path, code: params.format === 'email' ? 'validation.invalid_email' : 'validation.invalid' }];
    case 'unrecognized_keys':
      return (params.keys ?? []).map((k) => ({ field: path ? `${path}.${k}` : k, code: 'validation.unknown_field' }));
    default:
      return [{ field: path, code: 'validation.invalid' }];
  }
}

export function toAppError(err: FastifyError | Error): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.flatMap((v) =>
      zodIssueToField(v.instancePath.replace(/^\//, '').replace(/\//g, '.'), v.keyword, v.params as ZodIssueParams),
    );
    return new AppError('validation.failed', 400, {}, fields);
  }
  const status = (err as FastifyError).statusCode;
  if (status === 413 || (err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('http.payload_too_large', 413);
  if (status === 415) return new AppError('http.unsupported_media_type', 415);
  if (status === 429) return new AppError('http.rate_limited', 429);
  if (status === 404) return new AppError('http.not_found', 404);
  if (status && status >= 400 && status < 500) return new AppError('http.bad_request', status);
  return null;
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = req.lang ?? 'el';
  const appErr = toAppError(err);
  if (appErr) {
    if (appErr.status === 429 && (err as FastifyError & { headers?: Record<string, string> }).headers) {
      reply.headers((err as FastifyError & { headers: Record<string, string> }).headers);
    }
    return reply.status(appErr.status).send(renderError(lang, appErr));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(renderError(lang, new AppError('internal.error', 500)));
}
