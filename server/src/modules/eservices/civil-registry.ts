import { randomUUID } from 'node:crypto';
import type { TConfig } from '../../platform/config/config.js';
import {
  createCivilRegistryImitation,
  type ImitationRequest,
  type ImitationResponse,
  REGISTRY_PERSON_PATH,
  type TRegistryPersonWire,
  type TRegistryRecord,
} from './civil-registry-imitation.js';

/**
 * The once-only port: what the state already holds about a person (Μητρώο Πολιτών), looked up
 * by ΑΦΜ, so the citizen is not asked for papers the municipality can fetch αυτεπάγγελτα.
 */
export type TRegistryPerson = {
  afm: string;
  surname: string;
  name: string;
  fatherName: string;
  motherName: string;
  birthDate: string | null;
  birthPlace: string | null;
  /** The municipality the person is registered in (δημοτολόγιο). */
  municipality: string | null;
  familyRecordNumber: string | null;
  familyStatus: string | null;
  /** Which records the registry holds for the person: 'birth-act', 'marriage-act', 'family-record', … */
  records: TRegistryRecord[];
};

/** Who asks and why: the ΚΕΔ services log it with every call (the official's user id, the case's protocol). */
export type TRegistryAudit = {
  /** The municipality's unit or service (e.g. the tenant slug). */
  unit: string;
  /** The official's (or the signed-in citizen's) user id in our system. */
  userId: string;
  /** The protocol number of the case the lookup serves, or a transaction reference. */
  protocol: string;
  ip?: string;
};

export type TRegistryAnswer = { answered: true; person: TRegistryPerson } | { answered: false; reason: 'not_found' | 'unavailable' };

export interface CivilRegistryPort {
  lookupByAfm(afm: string, audit: TRegistryAudit): Promise<TRegistryAnswer>;
}

/** How the adapter reaches the service: `fetch` in production, the imitation's handler in development. */
export type TTransport = (req: ImitationRequest, timeoutMs: number) => Promise<ImitationResponse>;

export const fetchTransport: TTransport = async (req, timeoutMs) => {
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: req.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
};

export type TRegistryEndpoint = { url: string; username: string; password: string; apiKey?: string; timeoutMs: number };

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * The ΚΕΔ adapter: HTTPS POST with JSON, the body's «ειδικοί κωδικοί» as HTTP Basic, an API key
 * header when issued, and the `auditRecord` every ΚΕΔ service asks for. Any failure (timeout,
 * refused connection, 5xx, an answer that does not parse) is `unavailable`: the citizen then
 * uploads the papers instead, and nothing waits on the registry.
 */
export class KedCivilRegistry implements CivilRegistryPort {
  constructor(
    private readonly ep: TRegistryEndpoint,
    private readonly transport: TTransport = fetchTransport,
  ) {}

  async lookupByAfm(afm: string, audit: TRegistryAudit): Promise<TRegistryAnswer> {
    const auth = Buffer.from(`${this.ep.username}:${this.ep.password}`, 'utf8').toString('base64');
    const headers: Record<string, string> = {
      authorization: `Basic ${auth}`,
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.ep.apiKey) headers['x-api-key'] = this.ep.apiKey;
    const body = JSON.stringify({
      auditRecord: {
        auditUnit: audit.unit,
        auditTransactionId: randomUUID(),
        auditProtocol: audit.protocol,
        auditTransactionDate: new Date().toISOString(),
        auditUserId: audit.userId,
        auditUserIp: audit.ip ?? '127.0.0.1',
      },
      getPersonDetailsInputRecord: { afm },
    });
    let res: ImitationResponse;
    try {
      res = await this.transport(
        { method: 'POST', url: `${this.ep.url.replace(/\/+$/, '')}${REGISTRY_PERSON_PATH}`, headers, body },
        this.ep.timeoutMs,
      );
    } catch {
      return { answered: false, reason: 'unavailable' };
    }
    if (res.status === 404) return { answered: false, reason: 'not_found' };
    if (res.status !== 200) return { answered: false, reason: 'unavailable' };
    let out: TRegistryPersonWire | null = null;
    try {
      out = (JSON.parse(res.body) as { getPersonDetailsOutputRecord?: TRegistryPersonWire | null }).getPersonDetailsOutputRecord ?? null;
    } catch {
      return { answered: false, reason: 'unavailable' };
    }
    if (!out || typeof out !== 'object' || out.afm !== afm) return { answered: false, reason: 'unavailable' };
    return {
      answered: true,
      person: {
        afm,
        surname: str(out.surname) ?? '',
        name: str(out.name) ?? '',
        fatherName: str(out.fatherName) ?? '',
        motherName: str(out.motherName) ?? '',
        birthDate: str(out.birthDate),
        birthPlace: str(out.birthPlace),
        municipality: str(out.municipality),
        familyRecordNumber: str(out.familyRecordNumber),
        familyStatus: str(out.familyStatus),
        records: Array.isArray(out.records) ? (out.records.filter((r) => typeof r === 'string') as TRegistryRecord[]) : [],
      },
    };
  }
}

/** The development imitation's credentials and mount point (never used in production). */
export const DEV_REGISTRY = { username: 'dimos-dev', password: 'dimos-dev-secret', prefix: '/api/dev/civil-registry' };

export function civilRegistryConfigured(cfg: TConfig) {
  return Boolean(cfg.CIVIL_REGISTRY_URL && cfg.CIVIL_REGISTRY_USERNAME && cfg.CIVIL_REGISTRY_PASSWORD);
}

/** In development with no CIVIL_REGISTRY_* set, the in-process imitation stands in. */
export function devRegistryEnabled(cfg: TConfig) {
  return cfg.NODE_ENV === 'development' && !civilRegistryConfigured(cfg);
}

let devImitation: ReturnType<typeof createCivilRegistryImitation> | undefined;
export function devRegistryImitation() {
  devImitation ??= createCivilRegistryImitation({ username: DEV_REGISTRY.username, password: DEV_REGISTRY.password });
  return devImitation;
}

/** No registry configured (production without CIVIL_REGISTRY_*, or tests): nothing is ever answered. */
const absent: CivilRegistryPort = { lookupByAfm: async () => ({ answered: false, reason: 'unavailable' }) };

/**
 * The port for this configuration: the ΚΕΔ adapter when CIVIL_REGISTRY_* are set; in development
 * the same adapter talking to the imitation in-process (same request format, no socket); else none.
 */
export function civilRegistryFor(cfg: TConfig): CivilRegistryPort {
  if (civilRegistryConfigured(cfg)) {
    return new KedCivilRegistry({
      url: cfg.CIVIL_REGISTRY_URL as string,
      username: cfg.CIVIL_REGISTRY_USERNAME as string,
      password: cfg.CIVIL_REGISTRY_PASSWORD as string,
      apiKey: cfg.CIVIL_REGISTRY_API_KEY,
      timeoutMs: cfg.CIVIL_REGISTRY_TIMEOUT_MS,
    });
  }
  if (devRegistryEnabled(cfg)) {
    const imitation = devRegistryImitation();
    return new KedCivilRegistry(
      { url: `http://localhost${DEV_REGISTRY.prefix}`, username: DEV_REGISTRY.username, password: DEV_REGISTRY.password, timeoutMs: 1000 },
      (req) => imitation.handle(req),
    );
  }
  return absent;
}
