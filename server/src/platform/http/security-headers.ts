import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { TConfig } from '../config/config.js';
import type { Platform } from '../context.js';

/**
 * Security headers on every response (issue 16 item 3), as helmet makes them:
 * - a Content-Security-Policy the web app works under: scripts only from this origin (the built
 *   app has no inline script), styles from this origin plus inline styles (Mantine's CSS variables
 *   and Leaflet position elements with style attributes), images from this origin, data:, blob:
 *   (photo previews) and the map tile server (`MAP_TILE_URL`), no plugins, no framing;
 * - frame-ancestors 'none' and X-Frame-Options DENY: nobody frames the back office or the API
 *   (files under /api/files/ may be framed by our own pages: the staff case page previews PDFs);
 * - HSTS in production, nosniff, a Referrer-Policy that sends other sites the origin only (tokens
 *   in our paths never leave), and a Permissions-Policy that allows geolocation for our own pages
 *   (the citizen map's "near me") and nothing else powerful.
 * The API documentation at /api/docs gets swagger-ui's own policy (hashes of its inline parts).
 *
 * Every one of these headers is the same for every API answer, so helmet runs once at start and its
 * headers are copied onto each reply (@fastify/helmet ran helmet anew for every request, parsing the
 * whole policy each time: a fifth of what `GET /api/health` cost).
 */
export const PERMISSIONS_POLICY =
  'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=()';

/** OpenStreetMap's standard tiles: the web app's map when neither the tenant nor MAP_TILE_URL names another. */
const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

type TTileConfig = { NODE_ENV: TConfig['NODE_ENV']; MAP_TILE_URL?: string };

/** The CSP source for the tile server of a Leaflet URL template (`https://{s}.tile.example/{z}/{x}/{y}.png`); a /path is 'self'. */
export function tileSource(template: string | undefined) {
  const m = template?.match(/^(https?):\/\/([^/]+)/);
  if (!m?.[2]) return undefined;
  return `${m[1]}://${m[2].replace(/\{s\}/g, '*')}`;
}

/** The tile template the tenant's maps use: its `settings.map.tileUrl`, else MAP_TILE_URL, else OpenStreetMap. */
export function tileTemplate(cfg: TTileConfig, tenant?: { settings?: unknown } | null) {
  const own = (tenant?.settings as { map?: { tileUrl?: unknown } } | undefined)?.map?.tileUrl;
  return typeof own === 'string' ? own : (cfg.MAP_TILE_URL ?? OSM_TILES);
}

export function cspDirectives(cfg: TTileConfig, tenant?: { settings?: unknown } | null) {
  const tiles = tileSource(tileTemplate(cfg, tenant));
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'frame-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  if (cfg.NODE_ENV === 'production') directives['upgrade-insecure-requests'] = [];
  return directives;
}

export function cspHeader(cfg: TTileConfig, tenant?: { settings?: unknown } | null) {
  return Object.entries(cspDirectives(cfg, tenant))
    .map(([k, v]) => [k, ...v].join(' '))
    .join('; ');
}

/** swagger-ui's own policy (it inlines a script and styles, hashed by @fastify/swagger-ui), made as strict about framing as ours. */
export function swaggerCsp(cfg: Pick<TConfig, 'NODE_ENV'>) {
  return (header: string) => {
    let h = header.replace(/frame-ancestors [^;]*;/, "frame-ancestors 'none';");
    if (cfg.NODE_ENV !== 'production') h = h.replace(/\s*upgrade-insecure-requests;?/, '');
    return h;
  };
}

/** helmet's options: the policy above. */
function helmetOptions(cfg: TTileConfig): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(cfg) },
    crossOriginEmbedderPolicy: false,
    // Open311 clients and other sites of the municipality may show our public images (report photos) by URL
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: cfg.NODE_ENV === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
}

/** The headers helmet sets with our options (none depends on the request), by lower-case name, plus our Permissions-Policy. */
export function staticSecurityHeaders(cfg: TTileConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  helmet(helmetOptions(cfg))({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
  });
  headers['permissions-policy'] = PERMISSIONS_POLICY;
  return headers;
}

export async function securityHeaders(app: FastifyInstance, platform: Platform) {
  const cfg = platform.cfg as TConfig & { MAP_TILE_URL?: string };
  const headers = staticSecurityHeaders(cfg);
  // our own pages preview PDFs and images in frames; other sites still may not frame them
  const fileHeaders = { ...headers, 'x-frame-options': 'SAMEORIGIN', 'content-security-policy': "frame-ancestors 'self'" };
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/files/') ? fileHeaders : headers);
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    // a page's policy names its municipality's own tile server (tenants may configure their maps)
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html') || req.url.startsWith('/api/')) return done(null, payload);
    const slug = (req.raw as { tenantSlug?: string }).tenantSlug;
    const tenant = req.tenant ? Promise.resolve(req.tenant) : platform.tenants.resolve({ host: req.hostname, slug }).catch(() => null);
    void tenant.then((t) => {
      reply.header('content-security-policy', cspHeader(cfg, t));
      done(null, payload);
    });
  });
}
