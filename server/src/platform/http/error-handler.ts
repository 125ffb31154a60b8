import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { hasMessage, type Lang, pickLang, t } from '../i18n/i18n.js';
import { databaseErrorToAppError, loggableError } from './db-errors.js';
import { AppError, type FieldError, registerMessages } from './errors.js';

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
  const db = databaseErrorToAppError(err);
  if (db) return db;
  const status = (err as FastifyError).statusCode;
  const code = (err as FastifyError).code;
  if (code === 'FST_ERR_BAD_URL') return new AppError('http.bad_url', 400);
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return new AppError('http.uri_too_long', 414);
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && status === 400))
    return new AppError('http.invalid_json', 400, {}, [{ field: 'body', code: 'http.invalid_json' }]);
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new AppError('http.invalid_json', 400, {}, [{ field: 'body', code: 'http.invalid_json' }]);
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
  // the log keeps the database's code, message and constraint, never the query's parameters (personal data)
  req.log.error({ err: loggableError(err) }, 'unhandled error');
  return reply.status(500).send(renderError(lang, new AppError('internal.error', 500)));
}

/** Errors Fastify raises before a route is found (a malformed or too long URL), in the API's shape. */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(req.headers['accept-language']);
  const appErr = toAppError(err) ?? new AppError('http.bad_request', 400);
  return reply.status(appErr.status).send(renderError(lang, appErr));
}

/**
 * Errors of the HTTP parser itself (a malformed request line, headers too large): Node closes the
 * socket; this writes the API's error shape first. No request was parsed, so the language is Greek.
 */
export function clientErrorResponse(err: Error & { code?: string }) {
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code = status === 431 ? 'http.headers_too_large' : status === 408 ? 'http.request_timeout' : 'http.bad_request';
  const body = JSON.stringify(renderError('el', new AppError(code, status)));
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

registerMessages({
  'http.bad_url': { el: 'Η διεύθυνση του αιτήματος δεν είναι έγκυρη.', en: 'The request address is not valid.' },
  'http.uri_too_long': { el: 'Η διεύθυνση του αιτήματος είναι πολύ μεγάλη.', en: 'The request address is too long.' },
  'http.invalid_json': { el: 'Το σώμα του αιτήματος δεν είναι έγκυρο JSON.', en: 'The request body is not valid JSON.' },
  'http.headers_too_large': { el: 'Οι κεφαλίδες του αιτήματος είναι πολύ μεγάλες.', en: 'The request headers are too large.' },
  'http.request_timeout': { el: 'Το αίτημα άργησε πολύ να ολοκληρωθεί.', en: 'The request took too long to arrive.' },
  'http.shutting_down': {
    el: 'Ο διακομιστής κλείνει για συντήρηση. Δοκιμάστε ξανά σε λίγο.',
    en: 'The server is shutting down. Please try again shortly.',
  },
  'http.device_limit': {
    el: 'Πάρα πολλές νέες συσκευές από αυτή τη διεύθυνση. Δοκιμάστε ξανά αργότερα.',
    en: 'Too many new devices from this address. Please try again later.',
  },
});
