import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, checkAccess } from '../access/access.js';
import type { Platform } from '../context.js';
import { changedHere } from '../db/change-cache.js';
import { type Lang, pickLang } from '../i18n/i18n.js';
import { DEVICE_COOKIE, DEVICE_HEADER, resolveActor, SESSION_COOKIE } from '../identity/actor.js';
import { crossSiteGuard } from './cross-site.js';
import { clientErrorResponse, errorHandler, frameworkErrorHandler, renderError } from './error-handler.js';
import { AppError } from './errors.js';
import { guardBody, guardEmptyUpdate, guardUrlAndHeaders } from './input-guard.js';
import { adoptDeviceLazily, dropDeviceOfRefusedRequest } from './lazy-device.js';
import { databaseRateStore } from './rate-limit.store.js';
import { securityHeaders, swaggerCsp } from './security-headers.js';
import { guardTenantReferences } from './tenant-refs.js';
import type { App, AppPlugin } from './types.js';

export type RouteInfo = { method: string; url: string; access: Access | undefined; tenant: boolean };

/** A piece of the HTTP API: a platform area (identity, files, ...) or a domain module. */
export type ApiPart = {
  name: string;
  plugin: AppPlugin<{ platform: Platform }>;
  /** Registers the part's job queues, event handlers and schedules. */
  setup?: (platform: Platform) => void | Promise<void>;
  /** Adds the part's demo data to a freshly seeded demo municipality. */
  seedDemo?: (platform: Platform, tenantId: string) => Promise<void>;
};

const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/**
 * Builds the Fastify app: hooks that resolve language, tenant and actor and enforce each
 * route's declared access, the error shape, OpenAPI, health, the API parts, and the built web app.
 */
export async function buildApp(platform: Platform, parts: ApiPart[], opts: { logger?: FastifyServerOptions['logger'] } = {}) {
  const { cfg } = platform;
  const app = Fastify({
    logger: opts.logger ?? {
      level: cfg.LOG_LEVEL,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-device-token"]'],
    },
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(),
    trustProxy: cfg.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: 'idle',
    // the framework's own answers in the API's {code, message} shape: see the hooks and handlers below
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: (err, socket) => {
      if (socket.writable) socket.end(clientErrorResponse(err as Error & { code?: string }));
      else socket.destroy(err);
    },
    routerOptions: { ignoreTrailingSlash: true },
    rewriteUrl: (req) => {
      const m = req.url?.match(/^\/t\/([a-z0-9-]+)(\/.*)?$/);
      if (!m) return req.url ?? '/';
      (req as { tenantSlug?: string }).tenantSlug = m[1];
      return m[2] ?? '/';
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const routes: RouteInfo[] = [];
  const routeOptions: RouteOptions[] = [];
  app.addHook('onRoute', (r) => {
    routeOptions.push(r as RouteOptions);
  });
  app.decorate('routeTable', () =>
    routeOptions.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
        method,
        url: r.url,
        access: r.config?.access,
        tenant: r.config?.tenant !== false,
      })),
    ),
  );
  app.addHook('onReady', async () => {
    const missing = routeOptions.filter((r) => !r.config?.access).map((r) => `${r.method} ${r.url}`);
    if (missing.length) throw new Error(`Routes without a declared access: ${missing.join(', ')}`);
    routes.push(...(app as unknown as { routeTable: () => RouteInfo[] }).routeTable());
  });

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  await app.register(cookie);
  // before the hooks that may refuse a request, so refusals carry the headers too
  await securityHeaders(app, platform);
  // a plain HTML form can post text/plain cross-site: only routes that register their own parser take it
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (req, reply) => {
    req.lang = langOf(req.headers['accept-language']);
    reply.header('x-request-id', req.id);
    if (closing) {
      reply.header('connection', 'close').header('retry-after', '5');
      throw new AppError('http.shutting_down', 503);
    }
    // NUL bytes and broken Unicode are refused before the tenant or actor is looked up from them
    guardUrlAndHeaders(req);
    const config = req.routeOptions.config;
    if (!config?.access) return; // not-found handler
    if (config.tenant !== false || config.access !== 'public') {
      const slug = (req.raw as { tenantSlug?: string }).tenantSlug ?? (req.headers['x-tenant'] as string | undefined);
      const tenant = await platform.tenants.resolve({ host: req.hostname, slug });
      if (!tenant) throw new AppError('tenant.not_found', 404);
      req.tenant = tenant;
      const deviceToken = (req.headers[DEVICE_HEADER] as string | undefined) ?? req.cookies[DEVICE_COOKIE];
      req.actor = await resolveActor(
        platform.db,
        tenant.id,
        { session: req.cookies[SESSION_COOKIE], device: deviceToken },
        platform.database,
      );
      if (req.actor.kind !== 'anonymous' && deviceToken) req.deviceToken = deviceToken;
      // an anonymous caller of a device route gets its device only once its request is valid (preHandler)
    } else {
      req.actor = { kind: 'anonymous' };
    }
    const denied = checkAccess(config.access, req.actor);
    if (denied) throw new AppError(denied);
  });

  // writes authorised by our cookies must come from the tenant's own origins
  crossSiteGuard(app, platform);

  // The hooks below run on every request: a read without a body returns at once, without a promise.

  // the body, once parsed, before the route's schema sees it
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.body !== undefined) guardBody(req);
    done();
  });
  app.addHook('preHandler', (req, reply, done) => {
    const adopt = req.routeOptions.config?.access === 'device' && req.actor?.kind === 'anonymous';
    if (req.body === undefined && !adopt) return done();
    guardEmptyUpdate(req);
    void (async () => {
      await guardTenantReferences(platform.db, req);
      if (adopt) await adoptDeviceLazily(platform, req, reply, cfg.NODE_ENV === 'production' || cfg.COOKIE_SECURE === true);
    })().then(() => done(), done);
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    // A write answered by this process makes its caches (sessions, unit tree, map answers) forget at
    // once, before the client can read again; other processes hear the database's NOTIFY.
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') changedHere();
    if (!req.deviceIsNew) return done(null, payload);
    dropDeviceOfRefusedRequest(platform, req, reply).then(() => done(null, payload), done);
  });

  await app.register(rateLimit, {
    global: false,
    // counters in the database: a limit holds across every server process
    store: databaseRateStore(platform.db),
    errorResponseBuilder: (req, ctx) => ({
      statusCode: 429,
      headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) },
      ...renderError(req.lang ?? 'el', new AppError('http.rate_limited', 429)),
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dimos API',
        version: '0.1.0',
        description:
          'The API of Dimos, the municipal platform. Errors always have the shape {code, message, fields?}; messages follow Accept-Language (el or en).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          device: { type: 'apiKey', in: 'header', name: DEVICE_HEADER },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (r) => {
      r.config = { ...r.config, access: 'public', tenant: false };
      r.schema = { ...r.schema, hide: true };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: swaggerCsp(cfg) });
  });

  app.get('/api/openapi.json', { config: { access: 'public', tenant: false }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/health',
    {
      config: { access: 'public', tenant: false },
      schema: { tags: ['platform'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public', tenant: false },
      schema: {
        tags: ['platform'],
        summary: 'The database is reachable and every migration is applied',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }),
          503: z.object({ code: z.string(), message: z.string() }),
        },
      },
    },
    async (req, reply) => {
      try {
        await platform.database.ping();
        if (!(await platform.database.migrationsApplied())) throw new AppError('platform.migrations_pending', 503);
        return { status: 'ready' as const, database: platform.database.kind };
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('platform.database_unreachable', 503);
        return reply.status(503).send(renderError(req.lang, e));
      }
    },
  );

  for (const part of parts) await app.register(part.plugin, { platform });

  if (existsSync(WEB_DIST)) {
    // The built web app: files by path, anything else that is not API gets index.html (client-side routes).
    await app.register(fastifyStatic, { root: WEB_DIST, serve: false });
    app.get('/*', { config: { access: 'public', tenant: false }, schema: { hide: true } }, async (req, reply) => {
      const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
      if (path.startsWith('/api/') || path.startsWith('/open311/')) {
        return reply.status(404).send(renderError(req.lang, new AppError('http.not_found', 404)));
      }
      const file = normalize(path)
        .replace(/^(\.\.[/\\])+/, '')
        .slice(1);
      if (file && !file.includes('..') && existsSync(join(WEB_DIST, file)) && statSync(join(WEB_DIST, file)).isFile()) {
        const immutable = file.startsWith('assets/');
        return reply.sendFile(file, { immutable, maxAge: immutable ? '365d' : 0, cacheControl: true });
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    });
  }

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(renderError(req.lang ?? pickLang(req.headers['accept-language']), new AppError('http.not_found', 404)));
  });

  return Object.assign(app as unknown as App, { routes });
}

/** Browsers send a handful of distinct Accept-Language headers: each is parsed once (a bounded memo). */
const langs = new Map<string, Lang>();
function langOf(header: string | undefined): Lang {
  if (!header) return pickLang(header);
  let lang = langs.get(header);
  if (!lang) {
    lang = pickLang(header);
    if (langs.size >= 1000) langs.clear();
    langs.set(header, lang);
  }
  return lang;
}

export function deviceCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, secure, sameSite: 'lax' as const, maxAge: 60 * 60 * 24 * 365 * 2 };
}
