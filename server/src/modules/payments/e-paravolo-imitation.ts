import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

/**
 * A local imitation of the e-Παράβολο SOAP service, strict about the request format the adapter
 * must send (see README.md): POST, `text/xml`, a SOAPAction naming the operation, WS-Security
 * UsernameToken with the configured credentials, a complete `auditRecord`, and well-formed input
 * (20-digit paravolo code; for binding a numeric type id, an amount with two decimals and a reference).
 * A malformed request gets a SOAP Fault (HTTP 500). It answers from fixtures and, with `demoCodes`,
 * from demo codes that describe themselves (see DEMO_CODES). A plain request → response function,
 * so it can run in-process (development) or behind node:http on 127.0.0.1 (tests).
 */

export type TImitationParavolo = {
  typeId: string;
  /** Euro cents. */
  cents: number;
  status: 'PAID' | 'UNPAID' | 'BOUND' | 'CANCELLED';
  paymentDate?: string;
  bindReference?: string;
  paymentReference?: string;
};

export type TEParavoloImitationOptions = {
  username: string;
  password: string;
  fixtures?: Record<string, TImitationParavolo>;
  /** Answer the self-describing demo codes (development and e2e). */
  demoCodes?: boolean;
};

export type TImitationRequest = { method: string; headers: Record<string, string | string[] | undefined>; body: string };
export type TImitationResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * Demo codes: 20 digits = status digit + 4-digit type id + 8-digit amount in cents + 7-digit serial.
 * Status digit 9 = paid, 8 = issued but unpaid, 7 = cancelled, 6 = already bound by another body.
 * E.g. 93828000030000000001 is a paid 30,00 € paravolo of type 3828; change the serial for another one.
 */
export const DEMO_CODES = {
  paid: (typeId: string, cents: number, serial = 1) =>
    `9${typeId.padStart(4, '0')}${String(cents).padStart(8, '0')}${String(serial).padStart(7, '0')}`,
  unpaid: (typeId: string, cents: number, serial = 1) =>
    `8${typeId.padStart(4, '0')}${String(cents).padStart(8, '0')}${String(serial).padStart(7, '0')}`,
  cancelled: (typeId: string, cents: number, serial = 1) =>
    `7${typeId.padStart(4, '0')}${String(cents).padStart(8, '0')}${String(serial).padStart(7, '0')}`,
  usedElsewhere: (typeId: string, cents: number, serial = 1) =>
    `6${typeId.padStart(4, '0')}${String(cents).padStart(8, '0')}${String(serial).padStart(7, '0')}`,
};

const DEMO_STATUS: Record<string, TImitationParavolo['status']> = { '9': 'PAID', '8': 'UNPAID', '7': 'CANCELLED', '6': 'BOUND' };

function demoParavolo(code: string): TImitationParavolo | null {
  const status = DEMO_STATUS[code[0] as string];
  if (!status) return null;
  const p: TImitationParavolo = { typeId: code.slice(1, 5).replace(/^0+(?=\d)/, ''), cents: Number(code.slice(5, 13)), status };
  if (status !== 'UNPAID') p.paymentDate = '2026-01-15T10:00:00Z';
  if (status === 'BOUND') {
    p.bindReference = 'ΑΛΛΟΣ-ΦΟΡΕΑΣ';
    p.paymentReference = `EP-${code.slice(-7)}`;
  }
  return p;
}

const OPERATIONS = ['getParavoloStatus', 'bindParavolo'] as const;
const NS = 'http://gsis.gr/eparavolo/ws';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const AUDIT_FIELDS = ['auditTransactionId', 'auditTransactionDate', 'auditUnit', 'auditProtocol', 'auditUserId', 'auditUserIp'];

const parser = new XMLParser({
  removeNSPrefix: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
});
type Node = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Node)['#text']) : '');
const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The child of `node` with local name `name` in namespace `ns` (prefixes resolved from `xmlns` in scope). */
function child(
  node: Node,
  name: string,
  ns: string,
  scope: Record<string, string>,
): { node: unknown; scope: Record<string, string> } | null {
  const inner = { ...scope };
  for (const [k, v] of Object.entries(node)) {
    if (k === '@xmlns') inner[''] = String(v);
    else if (k.startsWith('@xmlns:')) inner[k.slice(7)] = String(v);
  }
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('@') || k === '#text') continue;
    const [prefix, local] = k.includes(':') ? (k.split(':') as [string, string]) : ['', k];
    if (local !== name) continue;
    const vNode = v && typeof v === 'object' ? (v as Node) : {};
    const own = { ...inner };
    for (const [ak, av] of Object.entries(vNode)) {
      if (ak === '@xmlns') own[''] = String(av);
      else if (ak.startsWith('@xmlns:')) own[ak.slice(7)] = String(av);
    }
    if (own[prefix] === ns) return { node: v, scope: own };
  }
  return null;
}

export function createEParavoloImitation(opts: TEParavoloImitationOptions) {
  const paravola = new Map<string, TImitationParavolo>(Object.entries(opts.fixtures ?? {}).map(([k, v]) => [k, { ...v }]));
  const state = {
    /** Every well-formed call, for assertions. */
    calls: [] as { operation: string; input: Record<string, string>; audit: Record<string, string> }[],
    /** Every refused (malformed) request, with the reason. */
    faults: [] as string[],
    /** Answer every request with HTTP 503 (the service is down). */
    down: false,
  };

  const envelope = (status: number, inner: string): TImitationResponse => ({
    status,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${SOAP}"><env:Body>${inner}</env:Body></env:Envelope>`,
  });
  const fault = (reason: string, code = 'env:Client') => {
    state.faults.push(reason);
    return envelope(500, `<env:Fault><faultcode>${code}</faultcode><faultstring>${esc(reason)}</faultstring></env:Fault>`);
  };
  const answer = (operation: string, output: Record<string, string> | null, error?: { code: string; descr: string }) => {
    const out = output
      ? `<ns:${operation}OutputRecord>${Object.entries(output)
          .map(([k, v]) => `<ns:${k}>${esc(v)}</ns:${k}>`)
          .join('')}</ns:${operation}OutputRecord>`
      : '';
    const err = error
      ? `<ns:errorRecord><ns:errorCode>${error.code}</ns:errorCode><ns:errorDescr>${esc(error.descr)}</ns:errorDescr></ns:errorRecord>`
      : '';
    return envelope(
      200,
      `<ns:${operation}Response xmlns:ns="${NS}"><ns:callSequenceId>${Date.now()}</ns:callSequenceId>${out}${err}</ns:${operation}Response>`,
    );
  };

  function find(code: string): TImitationParavolo | null {
    const known = paravola.get(code);
    if (known) return known;
    if (!opts.demoCodes) return null;
    const demo = demoParavolo(code);
    if (demo) paravola.set(code, demo);
    return demo;
  }

  const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

  async function handle(req: TImitationRequest): Promise<TImitationResponse> {
    if (state.down) return { status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body>Service Unavailable</body></html>' };
    if (req.method !== 'POST') return fault('method must be POST');
    const ct = String(req.headers['content-type'] ?? '');
    if (!/^text\/xml\b/i.test(ct)) return fault(`content-type must be text/xml, got "${ct}"`);
    let doc: Node;
    try {
      doc = parser.parse(req.body, true) as Node;
    } catch (err) {
      return fault(`not XML: ${(err as Error).message}`);
    }
    const env = child(doc, 'Envelope', SOAP, {});
    if (!env) return fault('no SOAP 1.1 Envelope');
    const envNode = env.node as Node;
    const header = child(envNode, 'Header', SOAP, env.scope);
    const sec =
      header &&
      child(
        header.node as Node,
        'Security',
        'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
        header.scope,
      );
    const tok =
      sec &&
      child(
        sec.node as Node,
        'UsernameToken',
        'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
        sec.scope,
      );
    if (!tok) return fault('no WS-Security UsernameToken');
    const tokNode = tok.node as Node;
    const wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
    const user = child(tokNode, 'Username', wsse, tok.scope);
    const pass = child(tokNode, 'Password', wsse, tok.scope);
    const passType = pass && typeof pass.node === 'object' ? String((pass.node as Node)['@Type'] ?? '') : '';
    if (!passType.endsWith('#PasswordText')) return fault('Password Type must be PasswordText');
    if (text(user?.node) !== opts.username || text(pass?.node) !== opts.password) {
      return fault('Authentication failed', 'env:Server');
    }
    const body = child(envNode, 'Body', SOAP, env.scope);
    if (!body) return fault('no SOAP Body');
    const found = OPERATIONS.map((op) => ({ op, hit: child(body.node as Node, op, NS, body.scope) })).filter((x) => x.hit);
    if (found.length !== 1 || !found[0]?.hit) return fault(`the Body must hold one of ${OPERATIONS.join(', ')} in ${NS}`);
    const { op, hit } = found[0];
    const action = String(req.headers.soapaction ?? '').replace(/"/g, '');
    if (action !== op) return fault(`SOAPAction must be "${op}", got "${action}"`);
    const opNode = hit.node as Node;
    const auditRec = child(opNode, 'auditRecord', NS, hit.scope);
    if (!auditRec) return fault('no auditRecord');
    const audit: Record<string, string> = {};
    for (const f of AUDIT_FIELDS) {
      const v = child(auditRec.node as Node, f, NS, auditRec.scope);
      if (!v) return fault(`auditRecord.${f} missing`);
      audit[f] = text(v.node);
    }
    if (!audit.auditTransactionId) return fault('auditTransactionId empty');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(audit.auditTransactionDate ?? ''))
      return fault('auditTransactionDate must be yyyy-MM-ddTHH:mm:ssZ');
    const rec = child(opNode, `${op}InputRecord`, NS, hit.scope);
    if (!rec) return fault(`no ${op}InputRecord`);
    const field = (name: string) => {
      const v = child(rec.node as Node, name, NS, rec.scope);
      return v ? text(v.node) : null;
    };
    const code = field('paravoloCode');
    if (!code || !/^\d{20}$/.test(code)) return fault('paravoloCode must be 20 digits');

    if (op === 'getParavoloStatus') {
      state.calls.push({ operation: op, input: { paravoloCode: code }, audit });
      const p = find(code);
      if (!p) return answer(op, null, { code: 'PARAVOLO_NOT_FOUND', descr: 'Δεν βρέθηκε παράβολο με αυτόν τον κωδικό' });
      return answer(op, {
        paravoloCode: code,
        typeId: p.typeId,
        amount: euros(p.cents),
        status: p.status,
        paymentDate: p.paymentDate ?? '',
        bindReference: p.bindReference ?? '',
      });
    }

    const typeId = field('typeId');
    const amount = field('amount');
    const reference = field('bindReference');
    if (!typeId || !/^\d{1,6}$/.test(typeId)) return fault('typeId must be digits');
    if (!amount || !/^\d+\.\d{2}$/.test(amount)) return fault('amount must be euros with two decimals, e.g. 30.00');
    if (!reference || reference.length > 100) return fault('bindReference must be 1-100 characters');
    state.calls.push({ operation: op, input: { paravoloCode: code, typeId, amount, bindReference: reference }, audit });
    const p = find(code);
    if (!p) return answer(op, null, { code: 'PARAVOLO_NOT_FOUND', descr: 'Δεν βρέθηκε παράβολο' });
    if (p.status === 'BOUND') {
      if (p.bindReference === reference && p.paymentReference) {
        return answer(op, { paravoloCode: code, status: 'BOUND', bindDate: p.paymentDate ?? '', paymentReference: p.paymentReference });
      }
      return answer(op, null, { code: 'PARAVOLO_ALREADY_BOUND', descr: 'Το παράβολο έχει ήδη δεσμευτεί' });
    }
    if (p.status === 'UNPAID') return answer(op, null, { code: 'PARAVOLO_NOT_PAID', descr: 'Το παράβολο δεν έχει πληρωθεί' });
    if (p.status === 'CANCELLED') return answer(op, null, { code: 'PARAVOLO_CANCELLED', descr: 'Το παράβολο έχει ακυρωθεί' });
    if (p.typeId !== typeId) return answer(op, null, { code: 'PARAVOLO_TYPE_MISMATCH', descr: 'Άλλος τύπος παραβόλου' });
    if (euros(p.cents) !== amount) return answer(op, null, { code: 'PARAVOLO_AMOUNT_MISMATCH', descr: 'Άλλο ποσό' });
    p.status = 'BOUND';
    p.bindReference = reference;
    p.paymentReference = `EP-${createHash('sha256').update(code).digest('hex').slice(0, 12).toUpperCase()}`;
    const bindDate = `${new Date().toISOString().slice(0, 19)}Z`;
    return answer(op, { paravoloCode: code, status: 'BOUND', bindDate, paymentReference: p.paymentReference });
  }

  return { handle, state, paravola };
}

export type EParavoloImitation = ReturnType<typeof createEParavoloImitation>;
