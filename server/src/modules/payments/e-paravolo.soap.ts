import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import {
  type EParavoloPort,
  EParavoloUnavailable,
  type TAuditContext,
  type TBindResult,
  type TParavoloInfo,
  type TParavoloStatus,
} from './port.js';

/**
 * The e-Παράβολο adapter: SOAP 1.1 over HTTPS to the ΓΓΠΣ service bus (ΚΕΔ), as the service's
 * published clients do it (see README.md, "What is sourced and what is assumed"):
 * - WS-Security UsernameToken (PasswordText) with the body's credentials in the SOAP header;
 * - every call carries an `auditRecord` (auditTransactionId, auditTransactionDate, auditUnit,
 *   auditProtocol, auditUserId, auditUserIp) and an `<operation>InputRecord`;
 * - answers carry an `<operation>OutputRecord`, or an `errorRecord` (errorCode, errorDescr).
 * Operations: `getParavoloStatus` (check) and `bindParavolo` (δέσμευση).
 */

export const EP_NS = 'http://gsis.gr/eparavolo/ws';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

/** How the adapter sends a request: fetch in production, the in-process imitation in development. */
export type TTransport = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<{ status: number; body: string }>;

export const fetchTransport: TTransport = async (url, init) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  return { status: res.status, body: await res.text() };
};

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, value: string) => `<ep:${name}>${esc(value)}</ep:${name}>`;

/** Euros with two decimals and a dot, as the service writes amounts: 3000 → "30.00". */
export const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
/** "30.00", "30", "30.5" → 3000, 3000, 3050; null when it is not an amount. */
export function toCents(v: unknown): number | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });
type Node = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

const STATUS: Record<string, TParavoloStatus> = { PAID: 'paid', UNPAID: 'unpaid', BOUND: 'bound', CANCELLED: 'cancelled' };

export type TSoapOptions = { url: string; username: string; password: string; timeoutMs: number; transport?: TTransport };

export class SoapEParavolo implements EParavoloPort {
  private transport: TTransport;
  constructor(private opts: TSoapOptions) {
    this.transport = opts.transport ?? fetchTransport;
  }

  /** The whole envelope of one call; exported through `envelope` for tests of the format. */
  envelope(operation: string, input: Record<string, string>, audit: TAuditContext, now = new Date()) {
    const auditRecord = [
      el('auditTransactionId', randomUUID()),
      el('auditTransactionDate', `${now.toISOString().slice(0, 19)}Z`),
      el('auditUnit', audit.unit),
      el('auditProtocol', audit.protocol),
      el('auditUserId', audit.userId),
      el('auditUserIp', audit.userIp),
    ].join('');
    const record = Object.entries(input)
      .map(([k, v]) => el(k, v))
      .join('');
    return (
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}" xmlns:ep="${EP_NS}">` +
      `<soapenv:Header><wsse:Security xmlns:wsse="${WSSE_NS}" soapenv:mustUnderstand="1"><wsse:UsernameToken>` +
      `<wsse:Username>${esc(this.opts.username)}</wsse:Username>` +
      `<wsse:Password Type="${PASSWORD_TEXT}">${esc(this.opts.password)}</wsse:Password>` +
      `</wsse:UsernameToken></wsse:Security></soapenv:Header>` +
      `<soapenv:Body><ep:${operation}><ep:auditRecord>${auditRecord}</ep:auditRecord>` +
      `<ep:${operation}InputRecord>${record}</ep:${operation}InputRecord></ep:${operation}></soapenv:Body></soapenv:Envelope>`
    );
  }

  private async call(operation: string, input: Record<string, string>, audit: TAuditContext) {
    let res: { status: number; body: string };
    try {
      res = await this.transport(this.opts.url, {
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${operation}"`, accept: 'text/xml' },
        body: this.envelope(operation, input, audit),
        timeoutMs: this.opts.timeoutMs,
      });
    } catch (err) {
      throw new EParavoloUnavailable(`e-paravolo ${operation}: ${(err as Error).message}`);
    }
    let doc: Node;
    try {
      doc = parser.parse(res.body) as Node;
    } catch {
      throw new EParavoloUnavailable(`e-paravolo ${operation}: HTTP ${res.status}, unreadable answer`);
    }
    const body = ((doc.Envelope as Node | undefined)?.Body ?? {}) as Node;
    if (body.Fault) {
      const f = body.Fault as Node;
      throw new EParavoloUnavailable(`e-paravolo ${operation}: fault ${str(f.faultcode)} ${str(f.faultstring)}`);
    }
    if (res.status !== 200) throw new EParavoloUnavailable(`e-paravolo ${operation}: HTTP ${res.status}`);
    const answer = body[`${operation}Response`] as Node | undefined;
    if (!answer) throw new EParavoloUnavailable(`e-paravolo ${operation}: no ${operation}Response`);
    const error = answer.errorRecord as Node | undefined;
    return {
      output: (answer[`${operation}OutputRecord`] as Node | undefined) ?? null,
      error: error && str(error.errorCode) ? { code: str(error.errorCode), descr: str(error.errorDescr) } : null,
    };
  }

  async check(code: string, audit: TAuditContext): Promise<TParavoloInfo> {
    const { output, error } = await this.call('getParavoloStatus', { paravoloCode: code }, audit);
    if (error?.code === 'PARAVOLO_NOT_FOUND') {
      return { code, status: 'not_found', typeCode: null, cents: null, paidAt: null, boundReference: null };
    }
    if (error || !output) throw new EParavoloUnavailable(`e-paravolo check: ${error?.code ?? 'empty answer'} ${error?.descr ?? ''}`);
    const status = STATUS[str(output.status).toUpperCase()];
    if (!status) throw new EParavoloUnavailable(`e-paravolo check: unknown status ${str(output.status)}`);
    return {
      code,
      status,
      typeCode: str(output.typeId) || null,
      cents: toCents(output.amount),
      paidAt: str(output.paymentDate) || null,
      boundReference: str(output.bindReference) || null,
    };
  }

  async bind(
    input: { code: string; typeCode: string | null; cents: number; reference: string },
    audit: TAuditContext,
  ): Promise<TBindResult> {
    const { output, error } = await this.call(
      'bindParavolo',
      { paravoloCode: input.code, typeId: input.typeCode ?? '', amount: euros(input.cents), bindReference: input.reference },
      audit,
    );
    if (error) {
      const reason = (
        {
          PARAVOLO_ALREADY_BOUND: 'bound',
          PARAVOLO_NOT_PAID: 'unpaid',
          PARAVOLO_CANCELLED: 'cancelled',
          PARAVOLO_NOT_FOUND: 'not_found',
          PARAVOLO_TYPE_MISMATCH: 'mismatch',
          PARAVOLO_AMOUNT_MISMATCH: 'mismatch',
        } as const
      )[error.code];
      if (!reason) throw new EParavoloUnavailable(`e-paravolo bind: ${error.code} ${error.descr}`);
      return { outcome: 'refused', reason, detail: `${error.code}: ${error.descr}` };
    }
    if (!output || !str(output.paymentReference)) throw new EParavoloUnavailable('e-paravolo bind: empty answer');
    return { outcome: 'bound', paymentRef: str(output.paymentReference), boundAt: str(output.bindDate) || new Date().toISOString() };
  }
}
