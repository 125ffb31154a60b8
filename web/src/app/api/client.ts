import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The API's one error shape (`{ code, message?, fields? }`), plus `api.unavailable` when there is no API at all. */
export interface ApiErrorBody {
  code: string;
  message?: string;
  fields?: { field: string; code: string; message?: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? body.code);
  }
  get code() {
    return this.body.code;
  }
}

const UNAVAILABLE: ApiErrorBody = { code: 'api.unavailable' };

/**
 * A static host (or a server that has not mounted a route yet) answers /api/* with the
 * SPA's index.html or an empty 404. Turn anything that is not JSON into a JSON error so
 * callers always see `{ code }` and never a parse exception.
 */
const jsonOnly: Middleware = {
  async onResponse({ response }) {
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 204 || type.includes('json')) return response;
    return new Response(JSON.stringify(UNAVAILABLE), {
      status: response.ok ? 503 : response.status,
      headers: { 'content-type': 'application/json' },
    });
  },
};

/** Typed client generated from the server's OpenAPI spec (`npm run api:generate`). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(jsonOnly);

/** Unwraps an openapi-fetch result: returns `data` or throws an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, UNAVAILABLE);
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, toErrorBody(result.error));
  }
  return result.data as T;
}

function toErrorBody(error: unknown): ApiErrorBody {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error as ApiErrorBody;
  }
  return UNAVAILABLE;
}

/**
 * JSON call for routes the committed spec does not describe yet. Each use lives in
 * endpoints.ts and moves to `api.GET/POST` once `api:generate` brings the route in.
 */
export async function callJson<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, UNAVAILABLE);
  }
  const type = response.headers.get('content-type') ?? '';
  const parsed: unknown = type.includes('json') ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok) throw new ApiError(response.status, toErrorBody(parsed));
  if (parsed === undefined && response.status !== 204) throw new ApiError(503, UNAVAILABLE);
  return parsed as T;
}
