import { randomUUID } from 'node:crypto';
import { json, type ReceivedSms, startImitation } from './sms-common.js';

/**
 * Routee imitation (greek-egov.md §7): OAuth2 client credentials at POST /oauth/token
 * (`Authorization: Basic base64(appId:appSecret)`, `grant_type=client_credentials`), then
 * POST /sms with the Bearer token and JSON `{body, from, to:"+30…", callback}`; answers
 * `{trackingId, status:"Queued", createdAt, from, to}`.
 */
export async function startRoutee(opts: { appId: string; appSecret: string }) {
  const received: ReceivedSms[] = [];
  const rejected: string[] = [];
  const tokens = new Set<string>();
  const state = { failWith: 0, tokenRequests: 0 };
  const srv = await startImitation((req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path === '/oauth/token') {
      state.tokenRequests++;
      const basic = `Basic ${Buffer.from(`${opts.appId}:${opts.appSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic || new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
        rejected.push('token');
        return json(res, 401, { error: 'invalid_client' });
      }
      const t = randomUUID();
      tokens.add(t);
      return json(res, 200, { access_token: t, token_type: 'bearer', expires_in: 3600, scope: 'sms' });
    }
    if (req.method !== 'POST' || path !== '/sms') return json(res, 404, {});
    const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(bearer)) {
      rejected.push('bearer');
      return json(res, 401, { code: '401000000', developerMessage: 'Unauthorized' });
    }
    if (state.failWith) return json(res, state.failWith, {});
    const b = JSON.parse(body) as { body?: string; from?: string; to?: string; callback?: { url?: string; strategy?: string } };
    if (!b.body || !b.from || !b.to || !/^\+\d{10,15}$/.test(b.to)) {
      rejected.push('format');
      return json(res, 400, { code: '400000000', developerMessage: 'bad request' });
    }
    const id = randomUUID();
    received.push({ to: b.to, text: b.body, sender: b.from, callbackUrl: b.callback?.url, id, body: b });
    json(res, 200, {
      trackingId: id,
      status: 'Queued',
      createdAt: new Date().toISOString(),
      from: b.from,
      to: b.to,
      body: b.body,
      bodyAnalysis: {},
    });
  });
  return {
    ...srv,
    received,
    rejected,
    state,
    receipt(sms: ReceivedSms, status: 'Delivered' | 'Failed') {
      return {
        url: new URL(sms.callbackUrl as string),
        body: JSON.stringify({ messageId: sms.id, to: sms.to, status: { name: status, date: new Date().toISOString() } }),
        headers: { 'content-type': 'application/json' },
      };
    },
  };
}
