import { createHmac, randomUUID } from 'node:crypto';
import { json, type ReceivedSms, startImitation } from './sms-common.js';

/**
 * Apifon imitation (greek-egov.md §7): POST /services/api/v1/sms/send with
 * `X-ApifonWS-Date` and `Authorization: ApifonWS token:base64(HMAC-SHA256(secret, "POST\n"+path+"\n"+body+"\n"+date))`,
 * body `{subscribers:[{number, custom_id?}, …], message:{text, sender_id ≤11 alnum, dc}}` (one or many
 * subscribers); answers `{request_id, results:{msisdn:[{message_id}]}, result_info:{status_code:200}}`.
 * Receipts are signed the same way when posted back.
 */
export async function startApifon(opts: { token: string; secret: string }) {
  const received: ReceivedSms[] = [];
  const rejected: string[] = [];
  /** Recipients per accepted request. */
  const requests: number[] = [];
  const state = { failWith: 0 };
  const sign = (path: string, body: string, date: string) =>
    createHmac('sha256', opts.secret).update(`POST\n${path}\n${body}\n${date}`).digest('base64');
  const srv = await startImitation((req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== '/services/api/v1/sms/send') return json(res, 404, { error: 'not found' });
    const date = String(req.headers['x-apifonws-date'] ?? '');
    const auth = String(req.headers.authorization ?? '');
    const parsedDate = Date.parse(date);
    if (!date.endsWith('GMT') || Number.isNaN(parsedDate) || Math.abs(Date.now() - parsedDate) > 5 * 60_000) {
      rejected.push('date');
      return json(res, 401, { result_info: { status_code: 401, description: 'bad date' } });
    }
    if (auth !== `ApifonWS ${opts.token}:${sign(path, body, date)}`) {
      rejected.push('signature');
      return json(res, 401, { result_info: { status_code: 401, description: 'bad signature' } });
    }
    if (state.failWith) return json(res, state.failWith, { result_info: { status_code: state.failWith } });
    const b = JSON.parse(body) as {
      subscribers?: { number?: string; custom_id?: string }[];
      message?: { text?: string; sender_id?: string; dc?: number };
    };
    const subs = b.subscribers ?? [];
    const m = b.message;
    if (
      !subs.length ||
      subs.some((sub) => !sub.number || !/^\d{10,15}$/.test(sub.number)) ||
      !m?.text ||
      !m.sender_id ||
      !/^[A-Za-z0-9]{1,11}$/.test(m.sender_id) ||
      ![0, 2].includes(m.dc ?? -1)
    ) {
      rejected.push('format');
      return json(res, 400, { result_info: { status_code: 400, description: 'bad request' } });
    }
    // Greek text must be sent as Unicode (dc 2).
    if (/[\u0370-\u03ff]/.test(m.text) && m.dc !== 2) {
      rejected.push('dc');
      return json(res, 400, { result_info: { status_code: 400, description: 'dc' } });
    }
    const results: Record<string, { message_id: string }[]> = {};
    for (const sub of subs) {
      const number = sub.number as string;
      const id = randomUUID();
      received.push({
        to: number,
        text: m.text,
        sender: m.sender_id,
        ref: sub.custom_id,
        callbackUrl: (b as { callback_url?: string }).callback_url,
        id,
        body: b,
      });
      results[number] = [...(results[number] ?? []), { message_id: id }];
    }
    requests.push(subs.length);
    json(res, 200, {
      request_id: randomUUID(),
      results,
      result_info: { status_code: 200, description: 'OK' },
    });
  });
  return {
    ...srv,
    received,
    rejected,
    requests,
    state,
    /** Posts a delivery receipt to the callback URL the platform gave, signed like a request. */
    async receipt(sms: ReceivedSms, status: 'DELIVERED' | 'FAILED', signWith = opts.secret) {
      const url = new URL(sms.callbackUrl as string);
      const body = JSON.stringify({
        message_id: sms.id,
        custom_id: sms.ref,
        status: { code: status === 'DELIVERED' ? 1 : 2, text: status },
      });
      const date = new Date().toUTCString();
      const sig = createHmac('sha256', signWith).update(`POST\n${url.pathname}\n${body}\n${date}`).digest('base64');
      return {
        url,
        body,
        headers: { 'content-type': 'application/json', 'x-apifonws-date': date, authorization: `ApifonWS ${opts.token}:${sig}` },
      };
    },
  };
}
