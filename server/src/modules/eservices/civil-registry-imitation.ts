import { randomUUID } from 'node:crypto';

/**
 * A local imitation of the Μητρώο Πολιτών person service as accredited bodies reach it through
 * the ΚΕΔ (Κέντρο Διαλειτουργικότητας, GSIS), strict about the request format the adapter
 * (`civil-registry.ts`) sends, answering from fixtures. A plain request → response function so it
 * can sit behind node:http (tests, `server/test/imitations/civil-registry.ts`) or be called
 * in-process (development, where `/api/dev/civil-registry/*` also exposes it).
 *
 *   POST {base}/mitropolitwn/v1/person
 *     Authorization: Basic base64(username:password)    (ΚΕΔ «ειδικοί κωδικοί» of the body)
 *     X-Api-Key: <key>                                   (when the imitation is given one)
 *     Content-Type: application/json, Accept: application/json
 *     { "auditRecord": { auditUnit, auditTransactionId, auditProtocol, auditTransactionDate, auditUserId, auditUserIp },
 *       "getPersonDetailsInputRecord": { "afm": "123456789" } }
 *   → 200 { "getPersonDetailsOutputRecord": {…}, "callSequenceId": "…", "errorRecord": null }
 *   → 404 { "getPersonDetailsOutputRecord": null, "errorRecord": { errorCode: "NOT_FOUND", errorDescr } }
 *   → 400 / 401 { errorRecord } for a malformed request or bad credentials.
 */
export type TRegistryRecord = 'birth-act' | 'marriage-act' | 'death-act' | 'partnership-act' | 'family-record' | 'military-register';

export type TRegistryPersonWire = {
  afm: string;
  surname: string;
  name: string;
  fatherName: string;
  motherName: string;
  birthDate: string;
  birthPlace: string;
  municipality: string;
  familyRecordNumber: string;
  familyStatus: 'single' | 'married' | 'divorced' | 'widowed' | 'partnership';
  records: TRegistryRecord[];
};

/**
 * Who the imitation knows. `123456789` is the person the development TaxisNet imitation signs in
 * by default (`DEMO_PERSON`); the others have valid ΑΦΜ check digits for the forms' ΑΦΜ fields.
 */
export const REGISTRY_FIXTURES: TRegistryPersonWire[] = [
  {
    afm: '123456789',
    surname: 'ΠΑΠΑΔΟΠΟΥΛΟΥ',
    name: 'ΜΑΡΙΑ',
    fatherName: 'ΓΕΩΡΓΙΟΣ',
    motherName: 'ΕΛΕΝΗ',
    birthDate: '1985-04-12',
    birthPlace: 'ΑΘΗΝΑ',
    municipality: 'ΝΕΑΣ ΑΡΚΑΔΙΑΣ',
    familyRecordNumber: '1432',
    familyStatus: 'married',
    records: ['birth-act', 'marriage-act', 'family-record'],
  },
  {
    afm: '090000045',
    surname: 'ΝΙΚΟΛΑΟΥ',
    name: 'ΕΛΕΝΗ',
    fatherName: 'ΠΕΤΡΟΣ',
    motherName: 'ΑΝΝΑ',
    birthDate: '1990-09-03',
    birthPlace: 'ΠΑΤΡΑ',
    municipality: 'ΝΕΑΣ ΑΡΚΑΔΙΑΣ',
    familyRecordNumber: '877',
    familyStatus: 'single',
    records: ['birth-act', 'family-record'],
  },
  {
    afm: '135792468',
    surname: 'ΓΕΩΡΓΙΟΥ',
    name: 'ΝΙΚΟΛΑΟΣ',
    fatherName: 'ΙΩΑΝΝΗΣ',
    motherName: 'ΣΟΦΙΑ',
    birthDate: '2008-01-20',
    birthPlace: 'ΝΕΑ ΑΡΚΑΔΙΑ',
    municipality: 'ΝΕΑΣ ΑΡΚΑΔΙΑΣ',
    familyRecordNumber: '2210',
    familyStatus: 'single',
    records: ['birth-act', 'family-record', 'military-register'],
  },
];

export type CivilRegistryImitationOptions = {
  username: string;
  password: string;
  /** When set, the `X-Api-Key` header must carry it. */
  apiKey?: string;
  people?: TRegistryPersonWire[];
};

export type ImitationRequest = { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string };
export type ImitationResponse = { status: number; headers: Record<string, string>; body: string };

export const REGISTRY_PERSON_PATH = '/mitropolitwn/v1/person';
const AUDIT_FIELDS = ['auditUnit', 'auditTransactionId', 'auditProtocol', 'auditTransactionDate', 'auditUserId', 'auditUserIp'] as const;

export function createCivilRegistryImitation(opts: CivilRegistryImitationOptions) {
  const state = {
    people: [...(opts.people ?? REGISTRY_FIXTURES)],
    /** Answer 503 to everything (the ΚΕΔ being down). */
    down: false,
    /** Every request seen, with its parsed body, for assertions. */
    requests: [] as { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: unknown }[],
  };

  const json = (status: number, body: unknown): ImitationResponse => ({
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: JSON.stringify(body),
  });
  const refuse = (status: number, errorCode: string, errorDescr: string) =>
    json(status, { getPersonDetailsOutputRecord: null, callSequenceId: null, errorRecord: { errorCode, errorDescr } });

  async function handle(req: ImitationRequest): Promise<ImitationResponse> {
    const url = new URL(req.url, 'http://imitation.local');
    const path = url.pathname.replace(/^.*(\/mitropolitwn\/)/, '$1');
    let parsed: unknown = null;
    try {
      parsed = req.body ? JSON.parse(req.body) : null;
    } catch {
      parsed = undefined;
    }
    state.requests.push({ method: req.method, path, headers: req.headers, body: parsed });
    if (state.down) return refuse(503, 'SERVICE_UNAVAILABLE', 'Η υπηρεσία δεν είναι διαθέσιμη');
    if (path !== REGISTRY_PERSON_PATH) return refuse(404, 'NO_SUCH_SERVICE', 'Unknown service');
    if (req.method !== 'POST') return refuse(405, 'METHOD_NOT_ALLOWED', 'POST expected');

    const auth = String(req.headers.authorization ?? '');
    const [user = '', pass = ''] = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':') : [];
    if (user !== opts.username || pass !== opts.password) return refuse(401, 'AUTHENTICATION_FAILED', 'Bad credentials');
    if (opts.apiKey && req.headers['x-api-key'] !== opts.apiKey) return refuse(401, 'AUTHENTICATION_FAILED', 'Bad API key');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(400, 'INVALID_REQUEST', 'Content-Type application/json expected');
    }
    if (!String(req.headers.accept ?? '').includes('application/json'))
      return refuse(400, 'INVALID_REQUEST', 'Accept application/json expected');
    if (!parsed || typeof parsed !== 'object') return refuse(400, 'INVALID_REQUEST', 'JSON body expected');

    const body = parsed as Record<string, unknown>;
    const audit = body.auditRecord as Record<string, unknown> | undefined;
    if (!audit || typeof audit !== 'object') return refuse(400, 'INVALID_AUDIT', 'auditRecord missing');
    for (const f of AUDIT_FIELDS) {
      if (typeof audit[f] !== 'string' || !(audit[f] as string).trim()) return refuse(400, 'INVALID_AUDIT', `auditRecord.${f} missing`);
    }
    if (Number.isNaN(Date.parse(audit.auditTransactionDate as string))) {
      return refuse(400, 'INVALID_AUDIT', 'auditRecord.auditTransactionDate is not a date');
    }
    const input = body.getPersonDetailsInputRecord as Record<string, unknown> | undefined;
    const afm = input && typeof input === 'object' ? input.afm : undefined;
    if (typeof afm !== 'string' || !/^\d{9}$/.test(afm)) return refuse(400, 'INVALID_INPUT', 'getPersonDetailsInputRecord.afm: 9 digits');
    const extra = Object.keys(body).filter((k) => k !== 'auditRecord' && k !== 'getPersonDetailsInputRecord');
    if (extra.length) return refuse(400, 'INVALID_REQUEST', `unknown members: ${extra.join(', ')}`);

    const person = state.people.find((p) => p.afm === afm);
    if (!person) return refuse(404, 'NOT_FOUND', 'Δεν βρέθηκε εγγραφή');
    return json(200, { getPersonDetailsOutputRecord: person, callSequenceId: randomUUID(), errorRecord: null });
  }

  return { handle, state };
}
