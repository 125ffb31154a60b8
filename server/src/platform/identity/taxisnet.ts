import { XMLParser } from 'fast-xml-parser';
import type { TConfig } from '../config/config.js';

/**
 * A client for the GSIS (TaxisNet) OAuth 2.0 service, as public bodies use it: plain
 * authorization code flow (no OIDC, no id_token), token request form-encoded with the
 * client credentials in the body, and a userinfo endpoint that answers XML with the
 * person on the attributes of one element:
 * `<userinfo userid taxid lastname firstname fathername mothername birthyear/>`.
 */
export type TaxisnetEndpoints = {
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  clientId: string;
  clientSecret: string;
};

export type TTaxisnetUser = {
  userid: string;
  taxid: string;
  firstname: string;
  lastname: string;
  fathername: string;
  mothername: string;
  birthyear: number | null;
};

export const TAXISNET_SCOPE = 'read';
export const DEV_TAXISNET_PREFIX = '/api/dev/taxisnet';
export const DEV_TAXISNET_CLIENT = { clientId: 'dimos-dev', clientSecret: 'dimos-dev-secret' };

/** Why a TaxisNet login failed; becomes `?login_error=` on the way back to the web app. */
export class TaxisnetError extends Error {
  constructor(readonly reason: 'denied' | 'provider_error' | 'provider_unavailable' | 'invalid_userinfo') {
    super(reason);
  }
}

export function taxisnetConfigured(cfg: TConfig) {
  return Boolean(
    cfg.TAXISNET_AUTHORIZE_URL &&
      cfg.TAXISNET_TOKEN_URL &&
      cfg.TAXISNET_USERINFO_URL &&
      cfg.TAXISNET_CLIENT_ID &&
      cfg.TAXISNET_CLIENT_SECRET,
  );
}

/** In development with no TAXISNET_* set, the in-process imitation under /api/dev/taxisnet stands in. */
export function devTaxisnetEnabled(cfg: TConfig) {
  return cfg.NODE_ENV === 'development' && !taxisnetConfigured(cfg);
}

export function taxisnetEndpoints(cfg: TConfig, origin: string): TaxisnetEndpoints | null {
  if (taxisnetConfigured(cfg)) {
    return {
      authorizeUrl: cfg.TAXISNET_AUTHORIZE_URL as string,
      tokenUrl: cfg.TAXISNET_TOKEN_URL as string,
      userinfoUrl: cfg.TAXISNET_USERINFO_URL as string,
      clientId: cfg.TAXISNET_CLIENT_ID as string,
      clientSecret: cfg.TAXISNET_CLIENT_SECRET as string,
    };
  }
  if (!devTaxisnetEnabled(cfg)) return null;
  const base = `${origin}${DEV_TAXISNET_PREFIX}/oauth2server`;
  return {
    authorizeUrl: `${base}/oauth/authorize`,
    tokenUrl: `${base}/oauth/token`,
    userinfoUrl: `${base}/userinfo?format=xml`,
    ...DEV_TAXISNET_CLIENT,
  };
}

export function authorizeUrl(ep: TaxisnetEndpoints, redirectUri: string, state: string) {
  const url = new URL(ep.authorizeUrl);
  url.searchParams.set('client_id', ep.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', TAXISNET_SCOPE);
  url.searchParams.set('state', state);
  return url.toString();
}

async function call(url: string, init: RequestInit, timeoutMs: number) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new TaxisnetError('provider_unavailable');
  }
}

/** Exchanges the authorization code for an access token. */
export async function exchangeCode(ep: TaxisnetEndpoints, code: string, redirectUri: string, timeoutMs: number) {
  const res = await call(
    ep.tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: ep.clientId,
        client_secret: ep.clientSecret,
      }).toString(),
    },
    timeoutMs,
  );
  if (res.status >= 500) throw new TaxisnetError('provider_unavailable');
  const body = (await res.json().catch(() => null)) as { access_token?: unknown } | null;
  if (!res.ok || typeof body?.access_token !== 'string') throw new TaxisnetError('provider_error');
  return body.access_token;
}

export async function fetchUserinfo(ep: TaxisnetEndpoints, accessToken: string, timeoutMs: number) {
  const res = await call(ep.userinfoUrl, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/xml' } }, timeoutMs);
  if (res.status >= 500) throw new TaxisnetError('provider_unavailable');
  if (!res.ok) throw new TaxisnetError('provider_error');
  return parseUserinfoXml(await res.text().catch(() => ''));
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
});

function findUserinfo(node: unknown): Record<string, unknown> | null {
  if (!node || typeof node !== 'object') return null;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'userinfo') return (Array.isArray(value) ? value[0] : value) as Record<string, unknown>;
    const inner = findUserinfo(value);
    if (inner) return inner;
  }
  return null;
}

/** Reads the person from the userinfo XML; throws when there is no valid ΑΦΜ. */
export function parseUserinfoXml(xml: string): TTaxisnetUser {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch {
    throw new TaxisnetError('invalid_userinfo');
  }
  const el = findUserinfo(doc);
  const attr = (name: string) => {
    const v = el?.[`@_${name}`];
    return typeof v === 'string' ? v.trim() : '';
  };
  const taxid = attr('taxid');
  if (!/^\d{9}$/.test(taxid)) throw new TaxisnetError('invalid_userinfo');
  const year = Number(attr('birthyear'));
  return {
    userid: attr('userid'),
    taxid,
    firstname: attr('firstname'),
    lastname: attr('lastname'),
    fathername: attr('fathername'),
    mothername: attr('mothername'),
    birthyear: Number.isInteger(year) && year > 1900 && year < 2100 ? year : null,
  };
}
