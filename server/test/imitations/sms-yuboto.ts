import { randomUUID } from 'node:crypto';
import { json, type ReceivedSms, startImitation } from './sms-common.js';

/**
 * Yuboto OMNI v1 imitation (greek-egov.md §7): POST /omni/v1/Send with
 * `Authorization: Basic base64(apiKey)`, body `{phonenumbers:[...], sms:{sender, text, typesms:"sms", longsms, validity}}`.
 */
export async function startYuboto(opts: { apiKey: string }) {
  const received: ReceivedSms[] = [];
  const rejected: string[] = [];
  const state = { failWith: 0 };
  const srv = await startImitation((req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== '/omni/v1/Send') return json(res, 404, { ErrorCode: 404 });
    if (req.headers.authorization !== `Basic ${Buffer.from(opts.apiKey).toString('base64')}`) {
      rejected.push('auth');
      return json(res, 401, { ErrorCode: 401, ErrorMessage: 'Unauthorized' });
    }
    if (state.failWith) return json(res, state.failWith, { ErrorCode: state.failWith });
    const b = JSON.parse(body) as {
      phonenumbers?: string[];
      sms?: { sender?: string; text?: string; typesms?: string; longsms?: boolean; validity?: number };
      option1?: string;
      callbackUrl?: string;
    };
    const s = b.sms;
    if (
      !Array.isArray(b.phonenumbers) ||
      b.phonenumbers.length < 1 ||
      b.phonenumbers.length > 1000 ||
      !s?.sender ||
      !s.text ||
      s.typesms !== 'sms' ||
      typeof s.longsms !== 'boolean' ||
      typeof s.validity !== 'number'
    ) {
      rejected.push('format');
      return json(res, 400, { ErrorCode: 1, ErrorMessage: 'bad request' });
    }
    const out = b.phonenumbers.map((p) => {
      const id = randomUUID();
      received.push({ to: p, text: s.text as string, sender: s.sender as string, ref: b.option1, callbackUrl: b.callbackUrl, id, body: b });
      return { id, channel: 'SMS', phonenumber: p, status: 'Pending' };
    });
    json(res, 200, { ErrorCode: 0, ErrorMessage: '', Message: out });
  });
  return {
    ...srv,
    received,
    rejected,
    state,
    receipt(sms: ReceivedSms, status: 'Delivered' | 'Failed') {
      return {
        url: new URL(sms.callbackUrl as string),
        body: JSON.stringify({ id: sms.id, phonenumber: sms.to, status, option1: sms.ref }),
        headers: { 'content-type': 'application/json' },
      };
    },
  };
}
