import { randomBytes } from 'node:crypto';

/**
 * A local imitation of the GSIS (TaxisNet) OAuth 2.0 endpoints, strict about the request
 * format the real service expects, for tests and for the development demo. It is a plain
 * request → response function so it can sit behind node:http (tests) or Fastify (dev).
 *
 *   GET  {base}/oauth2server/oauth/authorize?client_id&redirect_uri&response_type=code&scope&state
 *   POST {base}/oauth2server/oauth/token        (form: grant_type, code, redirect_uri, client_id, client_secret; or HTTP Basic)
 *   GET  {base}/oauth2server/userinfo?format=xml  (Authorization: Bearer …) → XML
 */
export type TaxisnetPerson = {
  userid: string;
  taxid: string;
  firstname: string;
  lastname: string;
  fathername: string;
  mothername: string;
  birthyear: string;
};

export type ImitationOptions = {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the client; a function for the dev mount, where the origin varies. */
  redirectUris: string[] | ((uri: string) => boolean);
  /** Tests: answer the authorize request at once with `person` (or a denial). Dev: show a small form. */
  autoApprove?: boolean;
};

export type ImitationRequest = { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string };
export type ImitationResponse = { status: number; headers: Record<string, string>; body: string };

export const DEMO_PERSON: TaxisnetPerson = {
  userid: 'demo.citizen',
  taxid: '123456789',
  firstname: 'ΜΑΡΙΑ',
  lastname: 'ΠΑΠΑΔΟΠΟΥΛΟΥ',
  fathername: 'ΓΕΩΡΓΙΟΣ',
  mothername: 'ΕΛΕΝΗ',
  birthyear: '1985',
};

const xmlAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const html = (v: string) => xmlAttr(v);

export function createTaxisnetImitation(opts: ImitationOptions) {
  const codes = new Map<string, { person: TaxisnetPerson; redirectUri: string }>();
  const tokens = new Map<string, TaxisnetPerson>();
  const state = {
    /** Who "logs in" when autoApprove is on. */
    person: { ...DEMO_PERSON } as TaxisnetPerson,
    /** Make the user refuse consent. */
    deny: false,
    /** Every request seen, for assertions. */
    requests: [] as { method: string; path: string }[],
  };
  const redirectAllowed = (uri: string) =>
    typeof opts.redirectUris === 'function' ? opts.redirectUris(uri) : opts.redirectUris.includes(uri);

  const json = (status: number, body: unknown): ImitationResponse => ({
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: JSON.stringify(body),
  });
  const redirect = (to: string): ImitationResponse => ({ status: 302, headers: { location: to }, body: '' });

  function approve(redirectUri: string, st: string, person: TaxisnetPerson) {
    const code = randomBytes(16).toString('hex');
    codes.set(code, { person, redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (st) back.searchParams.set('state', st);
    return redirect(back.toString());
  }

  function denied(redirectUri: string, st: string) {
    const back = new URL(redirectUri);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'User denied access');
    if (st) back.searchParams.set('state', st);
    return redirect(back.toString());
  }

  async function handle(req: ImitationRequest): Promise<ImitationResponse> {
    const url = new URL(req.url, 'http://imitation.local');
    const path = url.pathname.replace(/^.*(\/oauth2server\/)/, '$1');
    state.requests.push({ method: req.method, path });

    if (path === '/oauth2server/oauth/authorize') {
      const q = req.method === 'POST' ? new URLSearchParams(req.body) : url.searchParams;
      const clientId = q.get('client_id') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      const st = q.get('state') ?? '';
      if (clientId !== opts.clientId) return json(400, { error: 'invalid_client', error_description: 'Unknown client' });
      if (!redirectAllowed(redirectUri)) return json(400, { error: 'invalid_request', error_description: 'Invalid redirect' });
      if (q.get('response_type') !== 'code') return denied(redirectUri, st);
      if (req.method === 'POST') {
        if (q.get('decision') !== 'allow') return denied(redirectUri, st);
        const person: TaxisnetPerson = {
          userid: q.get('userid') || DEMO_PERSON.userid,
          taxid: q.get('taxid') || DEMO_PERSON.taxid,
          firstname: q.get('firstname') || DEMO_PERSON.firstname,
          lastname: q.get('lastname') || DEMO_PERSON.lastname,
          fathername: q.get('fathername') || DEMO_PERSON.fathername,
          mothername: q.get('mothername') || DEMO_PERSON.mothername,
          birthyear: q.get('birthyear') || DEMO_PERSON.birthyear,
        };
        return approve(redirectUri, st, person);
      }
      if (opts.autoApprove) return state.deny ? denied(redirectUri, st) : approve(redirectUri, st, { ...state.person });
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: loginPage(url) };
    }

    if (path === '/oauth2server/oauth/token') {
      if (req.method !== 'POST') return json(405, { error: 'invalid_request' });
      const ct = String(req.headers['content-type'] ?? '');
      if (!ct.startsWith('application/x-www-form-urlencoded'))
        return json(400, { error: 'invalid_request', error_description: 'form body expected' });
      const form = new URLSearchParams(req.body);
      let clientId = form.get('client_id') ?? '';
      let clientSecret = form.get('client_secret') ?? '';
      const auth = String(req.headers.authorization ?? '');
      if (auth.startsWith('Basic ')) {
        const [id = '', secret = ''] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
        clientId = decodeURIComponent(id);
        clientSecret = decodeURIComponent(secret);
      }
      if (clientId !== opts.clientId || clientSecret !== opts.clientSecret) {
        return json(401, { error: 'invalid_client', error_description: 'Bad client credentials' });
      }
      if (form.get('grant_type') !== 'authorization_code') return json(400, { error: 'unsupported_grant_type' });
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!code || code.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
      const token = randomBytes(24).toString('hex');
      tokens.set(token, code.person);
      return json(200, { access_token: token, token_type: 'bearer', expires_in: 3599, scope: 'read' });
    }

    if (path === '/oauth2server/userinfo') {
      const auth = String(req.headers.authorization ?? '');
      const person = auth.startsWith('Bearer ') ? tokens.get(auth.slice(7)) : undefined;
      if (!person) return json(401, { error: 'invalid_token' });
      if (url.searchParams.get('format') !== 'xml')
        return json(400, { error: 'invalid_request', error_description: 'format=xml expected' });
      const attrs = (Object.keys(DEMO_PERSON) as (keyof TaxisnetPerson)[]).map((k) => `${k}="${xmlAttr(person[k])}"`).join(' ');
      return {
        status: 200,
        headers: { 'content-type': 'application/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root><userinfo ${attrs}/></root>`,
      };
    }

    return json(404, { error: 'not_found' });
  }

  return { handle, state };
}

/** The dev imitation's "TaxisNet login": pick who you are, then allow or refuse. */
function loginPage(url: URL) {
  const hidden = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state']
    .map((k) => `<input type="hidden" name="${k}" value="${html(url.searchParams.get(k) ?? '')}">`)
    .join('');
  const field = (name: keyof TaxisnetPerson, label: string) =>
    `<p><label>${label}<br><input name="${name}" value="${html(DEMO_PERSON[name])}"></label></p>`;
  return `<!doctype html><html lang="el"><head><meta charset="utf-8"><title>TaxisNet (απομίμηση)</title></head><body>
<main><h1>TaxisNet: απομίμηση για ανάπτυξη</h1><p>Δεν είναι η πραγματική υπηρεσία της ΓΓΠΣΔΔ.</p>
<form method="post">${hidden}
${field('taxid', 'ΑΦΜ')}${field('firstname', 'Όνομα')}${field('lastname', 'Επώνυμο')}${field('fathername', 'Πατρώνυμο')}${field('mothername', 'Μητρώνυμο')}${field('birthyear', 'Έτος γέννησης')}${field('userid', 'Όνομα χρήστη')}
<button name="decision" value="allow">Συνέχεια</button> <button name="decision" value="deny">Άρνηση</button></form></main></body></html>`;
}
