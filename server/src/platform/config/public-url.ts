import type { TConfig } from './config.js';

/**
 * The public address of a municipality, for every absolute link the server writes: e-mailed
 * reset links and invitations, OAuth redirect URIs, QR codes and verification links in documents,
 * links in notifications and feeds. It comes from configuration only, never from the request's
 * `Host` or `X-Forwarded-Host` (which a caller controls):
 *
 * 1. the tenant's first host name (`tenants.hosts[0]`), over https in production, unless
 *    `PUBLIC_URL` already points at one of the tenant's hosts;
 * 2. `PUBLIC_URL` (required in production, see config.ts);
 * 3. outside production only, `http://localhost:<PORT>`.
 */
export function publicOrigin(cfg: Pick<TConfig, 'PUBLIC_URL' | 'NODE_ENV' | 'PORT'>, tenant?: { hosts?: string[] | null } | null) {
  const configured = cfg.PUBLIC_URL ? new URL(cfg.PUBLIC_URL) : undefined;
  const hosts = tenant?.hosts ?? [];
  const host = hosts[0];
  if (host && !(configured && hosts.includes(configured.hostname.toLowerCase()))) {
    if (cfg.NODE_ENV === 'production') return `https://${host}`;
    // development and tests: the scheme and port the server is reachable on
    const scheme = configured?.protocol ?? 'http:';
    const port = configured ? configured.port : String(cfg.PORT);
    return `${scheme}//${host}${port && port !== '80' && port !== '443' ? `:${port}` : ''}`;
  }
  if (cfg.PUBLIC_URL) return cfg.PUBLIC_URL.replace(/\/+$/, '');
  return `http://localhost:${cfg.PORT}`;
}

/** The browser origins (scheme://host[:port]) a tenant's pages are served from, for checking `Origin` on writes. */
export function allowedOrigins(cfg: Pick<TConfig, 'PUBLIC_URL' | 'NODE_ENV' | 'PORT'>, tenant?: { hosts?: string[] | null } | null) {
  const out = new Set<string>();
  out.add(new URL(publicOrigin(cfg, tenant)).origin);
  if (cfg.PUBLIC_URL) out.add(new URL(cfg.PUBLIC_URL).origin);
  for (const host of tenant?.hosts ?? []) out.add(new URL(publicOrigin(cfg, { hosts: [host] })).origin);
  return out;
}
