import { createHmac } from 'node:crypto';

/**
 * The SMS port and its adapters for the request formats of Apifon, Yuboto OMNI and Routee
 * (see /work/shared/domain/greek-egov.md §7), plus segment counting and cost.
 */

export type SmsProviderName = 'apifon' | 'yuboto' | 'routee' | 'outbox';
export type SmsProviderConfig = {
  baseUrl?: string;
  /** Apifon: token and secret of the HMAC signature. */
  token?: string;
  secret?: string;
  /** Yuboto: API key (sent as Basic base64(apiKey)). */
  apiKey?: string;
  /** Routee: application id and secret for OAuth2 client credentials. */
  appId?: string;
  appSecret?: string;
  authUrl?: string;
  /** Price of one segment, in euros. */
  pricePerSegment?: number;
  /** Messages per second this process may hand to the provider. */
  ratePerSecond?: number;
  /** Secret that signs the delivery-receipt callback URLs we give the provider. */
  webhookSecret?: string;
};
export type SmsSend = {
  /** E.164 with the plus sign: +3069... */
  to: string;
  text: string;
  senderId: string;
  unicode: boolean;
  /** Our reference (the delivery id): given to the provider where the format has room for it. */
  clientRef: string;
  callbackUrl?: string;
};
export type SmsResult = { providerMessageId: string; status: string };

export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface SmsProvider {
  name: SmsProviderName;
  send(msg: SmsSend): Promise<SmsResult>;
  /**
   * One request for many numbers with the same text, where the provider's format carries our
   * reference per recipient (so receipts still match one delivery). Results by client reference;
   * a number the provider did not take gets an error. The whole call throwing means nobody got it.
   */
  sendMany?(msgs: SmsSend[]): Promise<Map<string, SmsResult | SmsProviderError>>;
  /** How many recipients one `sendMany` request may carry. */
  maxRecipients?: number;
}

// GSM 03.38 default alphabet and its extension table (extension characters take two septets).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXT = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const ext = new Set(GSM_EXT);

export type TSegments = { encoding: 'gsm7' | 'ucs2'; units: number; segments: number };

/**
 * Counts SMS segments: GSM-7 160 a message, 153 a segment when concatenated; anything outside
 * GSM-7 (lower-case Greek, accents, emoji) forces UCS-2: 70, or 67 a segment (UTF-16 units).
 */
export function countSegments(text: string): TSegments {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (ext.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'gsm7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length; // UTF-16 code units: an emoji counts two, as on the air
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

export function smsCost(text: string, pricePerSegment = 0) {
  const s = countSegments(text);
  return { ...s, cost: Math.round(s.segments * pricePerSegment * 10_000) / 10_000 };
}

/** Token bucket per provider per process: smooths bursts to the provider's allowed rate. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private ratePerSecond: number,
    private burst = Math.max(1, ratePerSecond),
  ) {
    this.tokens = this.burst;
  }
  async take() {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)));
    }
  }
}

const digits = (e164: string) => e164.replace(/^\+/, '');

async function postJson(url: string, body: string, headers: Record<string, string>) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new SmsProviderError(`network: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (res.status >= 500 || res.status === 429) throw new SmsProviderError(`HTTP ${res.status}`);
  if (res.status >= 400) throw new SmsProviderError(`HTTP ${res.status}: ${text.slice(0, 200)}`, res.status !== 401 && res.status !== 403);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SmsProviderError('invalid JSON answer');
  }
}

/** The Apifon signature: base64(HMAC-SHA256(secret, METHOD\npath\nbody\ndate)). */
export function apifonSignature(secret: string, method: string, path: string, body: string, date: string) {
  return createHmac('sha256', secret).update(`${method}\n${path}\n${body}\n${date}`).digest('base64');
}

export class ApifonProvider implements SmsProvider {
  readonly name = 'apifon' as const;
  readonly maxRecipients = 500;
  constructor(private cfg: SmsProviderConfig) {}
  async send(msg: SmsSend): Promise<SmsResult> {
    const r = (await this.sendMany([msg])).get(msg.clientRef);
    if (!r || r instanceof Error) throw r ?? new SmsProviderError('apifon: no message_id');
    return r;
  }
  /** Apifon takes a list of subscribers, each with our `custom_id`, which its receipts carry back. */
  async sendMany(msgs: SmsSend[]): Promise<Map<string, SmsResult | SmsProviderError>> {
    const [first] = msgs;
    if (!first) return new Map();
    const base = this.cfg.baseUrl ?? 'https://ars.apifon.com';
    const path = '/services/api/v1/sms/send';
    const body = JSON.stringify({
      subscribers: msgs.map((m) => ({ number: digits(m.to), custom_id: m.clientRef })),
      message: { text: first.text, sender_id: first.senderId, dc: first.unicode ? 2 : 0 },
      ...(msgs.length === 1 ? { reference_id: first.clientRef } : {}),
      ...(first.callbackUrl ? { callback_url: first.callbackUrl } : {}),
    });
    const date = new Date().toUTCString();
    const sig = apifonSignature(this.cfg.secret ?? '', 'POST', path, body, date);
    const res = await postJson(`${base}${path}`, body, { 'X-ApifonWS-Date': date, Authorization: `ApifonWS ${this.cfg.token}:${sig}` });
    const info = res.result_info as { status_code?: number; description?: string } | undefined;
    if (info && info.status_code !== 200) throw new SmsProviderError(`apifon status ${info.status_code}`);
    const results = (res.results ?? {}) as Record<string, { message_id?: string }[]>;
    // Results are grouped by number, in the order the subscribers were given.
    const seen = new Map<string, number>();
    const out = new Map<string, SmsResult | SmsProviderError>();
    for (const m of msgs) {
      const n = digits(m.to);
      const i = seen.get(n) ?? 0;
      seen.set(n, i + 1);
      const id = results[n]?.[i]?.message_id;
      out.set(m.clientRef, id ? { providerMessageId: id, status: 'sent' } : new SmsProviderError('apifon: no message_id'));
    }
    return out;
  }
}

export class YubotoProvider implements SmsProvider {
  readonly name = 'yuboto' as const;
  constructor(private cfg: SmsProviderConfig) {}
  async send(msg: SmsSend): Promise<SmsResult> {
    const base = this.cfg.baseUrl ?? 'https://services.yuboto.com';
    const body = JSON.stringify({
      phonenumbers: [digits(msg.to)],
      sms: { sender: msg.senderId, text: msg.text, typesms: 'sms', longsms: true, validity: 240 },
      ...(msg.callbackUrl ? { callbackUrl: msg.callbackUrl } : {}),
      option1: msg.clientRef,
    });
    const auth = Buffer.from(this.cfg.apiKey ?? '').toString('base64');
    const res = await postJson(`${base}/omni/v1/Send`, body, { Authorization: `Basic ${auth}` });
    if (res.ErrorCode && res.ErrorCode !== 0) throw new SmsProviderError(`yuboto error ${res.ErrorCode}`);
    const id = (res.Message as { id?: string }[] | undefined)?.[0]?.id;
    if (!id) throw new SmsProviderError('yuboto: no message id');
    return { providerMessageId: id, status: 'sent' };
  }
}

export class RouteeProvider implements SmsProvider {
  readonly name = 'routee' as const;
  private token: { value: string; until: number } | undefined;
  constructor(private cfg: SmsProviderConfig) {}
  private async accessToken() {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const authUrl = this.cfg.authUrl ?? 'https://auth.routee.net/oauth/token';
    const basic = Buffer.from(`${this.cfg.appId}:${this.cfg.appSecret}`).toString('base64');
    let res: Response;
    try {
      res = await fetch(authUrl, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new SmsProviderError(`network: ${(err as Error).message}`);
    }
    if (!res.ok) throw new SmsProviderError(`routee token HTTP ${res.status}`);
    const j = (await res.json()) as { access_token: string; expires_in?: number };
    this.token = { value: j.access_token, until: Date.now() + Math.max(60, (j.expires_in ?? 3600) - 60) * 1000 };
    return j.access_token;
  }
  async send(msg: SmsSend): Promise<SmsResult> {
    const base = this.cfg.baseUrl ?? 'https://connect.routee.net';
    const token = await this.accessToken();
    const body = JSON.stringify({
      body: msg.text,
      from: msg.senderId,
      to: msg.to,
      ...(msg.callbackUrl ? { callback: { url: msg.callbackUrl, strategy: 'OnChange' } } : {}),
    });
    try {
      const res = await postJson(`${base}/sms`, body, { Authorization: `Bearer ${token}` });
      if (!res.trackingId) throw new SmsProviderError('routee: no trackingId');
      return { providerMessageId: String(res.trackingId), status: 'sent' };
    } catch (err) {
      if (err instanceof SmsProviderError && /HTTP 401/.test(err.message)) this.token = undefined;
      throw err;
    }
  }
}

export function makeSmsProvider(name: SmsProviderName, cfg: SmsProviderConfig): SmsProvider | null {
  switch (name) {
    case 'apifon':
      return new ApifonProvider(cfg);
    case 'yuboto':
      return new YubotoProvider(cfg);
    case 'routee':
      return new RouteeProvider(cfg);
    default:
      return null;
  }
}
