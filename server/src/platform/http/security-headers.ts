import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { TConfig } from '../config/config.js';
import type { Platform } from '../context.js';

/**
 * Security headers on every response (issue 16 item 3), through @fastify/helmet:
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

export async function securityHeaders(app: FastifyInstance, platform: Platform) {
  const cfg = platform.cfg as TConfig & { MAP_TILE_URL?: string };
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(cfg) },
    crossOriginEmbedderPolicy: false,
    // Open311 clients and other sites of the municipality may show our public images (report photos) by URL
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: cfg.NODE_ENV === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (req.url.startsWith('/api/files/')) {
      // our own pages preview PDFs and images in frames; other sites still may not frame them
      reply.header('x-frame-options', 'SAMEORIGIN');
      reply.header('content-security-policy', "frame-ancestors 'self'");
    }
  });
  app.addHook('onSend', async (req, reply) => {
    // a page's policy names its municipality's own tile server (tenants may configure their maps)
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') || req.url.startsWith('/api/')) return;
    const slug = (req.raw as { tenantSlug?: string }).tenantSlug;
    const tenant = req.tenant ?? (await platform.tenants.resolve({ host: req.hostname, slug }).catch(() => null));
    reply.header('content-security-policy', cspHeader(cfg, tenant));
  });
}
