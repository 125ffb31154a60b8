import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allowedOrigins } from '../config/public-url.js';
import type { Platform } from '../context.js';
import { registerMessages } from '../i18n/i18n.js';
import { DEVICE_COOKIE, DEVICE_HEADER, SESSION_COOKIE } from '../identity/actor.js';
import { AppError } from './errors.js';

/**
 * Cross-site request forgery (issue 16 item 4). SameSite=Lax cookies alone do not stop a page on
 * the same site but another port (or a sibling subdomain) from writing with a staff session. So
 * every state-changing request (POST, PUT, PATCH, DELETE) that a cookie authorises must come from
 * one of the tenant's own origins: its `Origin` header, or its `Referer` when a browser sent no
 * Origin, must be the tenant's configured public address (`tenants.hosts` or `PUBLIC_URL`,
 * see config/public-url.ts), never the request's own Host.
 *
 * Not checked, by design:
 * - requests without our cookies: Open311 clients (api_key), devices (x-device-token or their
 *   MQTT/HTTP credentials), bearer callers and webhooks carry no browser cookie a forged page could borrow;
 * - requests that carry `x-device-token` or `Authorization`: a cross-site page cannot set such
 *   headers without a CORS preflight, which this server never grants;
 * - requests with neither Origin nor Referer: browsers send Origin on every cross-origin write,
 *   so only non-browser clients (scripts, tests, server-to-server) reach us that way.
 *
 * Bodies a plain HTML form can send (text/plain, x-www-form-urlencoded, multipart/form-data) are
 * refused with 415 wherever a route does not register a parser for them: the default text/plain
 * parser is removed in app.ts, and urlencoded/multipart are parsed only inside the parts that
 * take uploads or form posts (files, documents' check, Open311, places import, telemetry).
 *
 * Outside production and tests (`NODE_ENV=development`), the request's own origin is accepted too,
 * so the Vite dev server (which proxies /api from :5173) keeps working.
 */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieAuthorised(req: FastifyRequest) {
  if (req.headers[DEVICE_HEADER] || req.headers.authorization) return false;
  return Boolean(req.cookies?.[SESSION_COOKIE] || req.cookies?.[DEVICE_COOKIE]);
}

function originOf(value: string | undefined) {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return 'null';
  }
}

export function crossSiteGuard(app: FastifyInstance, platform: Platform) {
  const { cfg } = platform;
  // reads return at once without a promise: this hook runs on every request
  app.addHook('onRequest', (req, _reply, done) => {
    if (!WRITES.has(req.method) || !cookieAuthorised(req)) return done();
    checkOrigin(req).then(() => done(), done);
  });

  async function checkOrigin(req: FastifyRequest) {
    const origin = (req.headers.origin as string | undefined) ?? originOf(req.headers.referer);
    if (origin === undefined) return;
    const tenant = req.tenant ?? (await platform.tenants.resolve({ host: req.hostname }));
    const allowed = allowedOrigins(cfg, tenant);
    if (cfg.NODE_ENV === 'development') allowed.add(`${req.protocol}://${req.host}`);
    if (!allowed.has(origin)) {
      req.log.warn({ origin, method: req.method, url: req.url }, 'cross-site write refused');
      throw new AppError('http.cross_site', 403);
    }
  }
}

registerMessages({
  'http.cross_site': {
    el: 'Το αίτημα προέρχεται από άλλον ιστότοπο και απορρίφθηκε. Ανοίξτε την εφαρμογή από τη διεύθυνση του Δήμου και δοκιμάστε ξανά.',
    en: "The request came from another website and was refused. Open the app at the municipality's address and try again.",
  },
});
