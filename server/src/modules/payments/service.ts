import { and, eq, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type Lang, t } from '../../platform/i18n/i18n.js';
import { tenants } from '../../platform/tenancy/tenancy.schema.js';
import { addEvent, caseWithSnapshot, type TCaseTypeSnapshot, type TSubmitCheck } from '../cases/index.js';
import { athensDate, formatEuros, lateFromOf, quoteFee, type TQuote } from './fee.js';
import { type EParavoloPort, EParavoloUnavailable, normalizeCode, type TAuditContext, type TParavoloInfo } from './port.js';
import { currentPort } from './port-registry.js';
import { payments } from './schema.js';

const FIELD = 'data.eParavolo';

/** A refusal on the form's e-παράβολο field, translated here so amounts read right in each language. */
function refuse(lang: Lang, code: string, params: Record<string, unknown> = {}): never {
  throw new AppError('validation.failed', 400, {}, [{ field: FIELD, code, params, message: t(lang, code, params) }]);
}

/** Is this code held by a case of the tenant (verified or bound)? */
export async function heldBy(db: DbOrTx, tenantId: string, code: string) {
  const [row] = await db
    .select({ caseId: payments.caseId, status: payments.status })
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.code, code), ne(payments.status, 'conflict')));
  return row ?? null;
}

/** What the paravolo must satisfy for `quote`; null when it does. */
export function mismatch(quote: TQuote, info: TParavoloInfo): { code: string; params: Record<string, unknown> } | null {
  if (info.status === 'not_found') return { code: 'payments.unknown_code', params: {} };
  if (info.status === 'unpaid') return { code: 'payments.unpaid', params: {} };
  if (info.status === 'cancelled') return { code: 'payments.cancelled', params: {} };
  if (info.status === 'bound') return { code: 'payments.used', params: {} };
  if (quote.eParavoloCode && info.typeCode !== quote.eParavoloCode) {
    return { code: 'payments.wrong_type', params: { typeCode: quote.eParavoloCode, paidTypeCode: info.typeCode ?? '—' } };
  }
  if ((info.cents ?? 0) < quote.cents) return { code: 'payments.amount_low', params: { cents: quote.cents, paidCents: info.cents ?? 0 } };
  return null;
}

function auditOf(req: FastifyRequest, protocol: string): TAuditContext {
  const a = req.actor;
  return { unit: req.tenant.slug, protocol, userId: 'userId' in a && a.userId ? a.userId : a.kind, userIp: req.ip };
}

/**
 * The submit check: a case type whose fee (or late fine) is owed needs `data.eParavolo`, a code the
 * port says is paid, of the type's paravolo type code, for at least the amount, bound to nobody and
 * not held by another case here. Refusals are 400 on `data.eParavolo`; nothing is written.
 */
export const eParavoloCheck: TSubmitCheck = async (db, req, input) => {
  const quote = quoteFee(input.snapshot.fee, lateFromOf(input.snapshot.fee, input.data), athensDate(new Date()));
  if (!quote.required) return;
  const lang = req.lang;
  const amount = formatEuros(quote.cents, lang);
  const raw = input.data.eParavolo;
  if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) {
    refuse(lang, 'payments.code_required', { amount, typeCode: quote.eParavoloCode ?? '—' });
  }
  const code = normalizeCode(raw);
  if (!code) refuse(lang, 'payments.code_invalid');
  if (await heldBy(db, req.tenant.id, code)) refuse(lang, 'payments.used');
  let info: TParavoloInfo;
  try {
    info = await currentPort().check(code, auditOf(req, `submit:${input.caseTypeKey}`));
  } catch (err) {
    if (!(err instanceof EParavoloUnavailable)) throw err;
    req.log.warn({ err: err.message }, 'e-paravolo unreachable; submission refused');
    refuse(lang, 'payments.unreachable');
  }
  const wrong = mismatch(quote, info);
  if (wrong) {
    const p = wrong.params;
    refuse(lang, wrong.code, {
      ...p,
      amount,
      paid: typeof p.paidCents === 'number' ? formatEuros(p.paidCents, lang) : undefined,
    });
  }
};

/** The fee a case owed when it was filed, from the type version it was filed under. */
async function caseWithFee(db: DbOrTx, tenantId: string, caseId: string) {
  const row = await caseWithSnapshot(db, tenantId, caseId);
  if (!row) return null;
  const fee = (row.snapshot as TCaseTypeSnapshot).fee ?? null;
  const quote = quoteFee(fee, lateFromOf(fee, row.case.data), athensDate(row.case.submittedAt));
  return { c: row.case, quote };
}

const body = (code: string, cents: number | null, typeCode: string | null, ref?: string | null) =>
  [
    `e-Παράβολο ${code}`,
    cents != null ? formatEuros(cents, 'el') : null,
    typeCode ? `κωδικός τύπου ${typeCode}` : null,
    ref ? `αναφορά πληρωμής ${ref}` : null,
  ]
    .filter(Boolean)
    .join(' · ');

export type TBindOutcome = 'none' | 'bound' | 'already' | 'conflict';

/**
 * After a case with an owed fee is written: records the code against the case (the partial unique
 * index on tenant + code lets one case hold it; a second case gets a `conflict` row and a note on
 * its timeline), binds it through the port with the case id as reference, and records the payment
 * reference with a timeline event. Runs again safely: a bound case is a no-op, and the port answers
 * a repeated binding with the same reference. Throws EParavoloUnavailable to be retried.
 */
export async function bindForCase(
  platform: Platform,
  tenantId: string,
  caseId: string,
  port: EParavoloPort = currentPort(),
): Promise<TBindOutcome> {
  const { db } = platform;
  const found = await caseWithFee(db, tenantId, caseId);
  if (!found?.quote.required) return 'none';
  const { c, quote } = found;
  const code = normalizeCode(c.data.eParavolo);
  if (!code) return 'none';

  let [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.caseId, caseId)));
  if (row?.status === 'bound') return 'already';
  if (row?.status === 'conflict') return 'conflict';

  if (!row) {
    row = await db.transaction(async (tx) => {
      const [mine] = await tx
        .insert(payments)
        .values({ tenantId, caseId, code, typeCode: quote.eParavoloCode, feeCents: quote.cents, reason: quote.reason, status: 'verified' })
        .onConflictDoNothing()
        .returning();
      if (mine) return mine;
      const [again] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), eq(payments.caseId, caseId)));
      if (again) return again;
      // another case of this municipality holds the code: only one may have it
      const holder = await heldBy(tx, tenantId, code);
      const [conflict] = await tx
        .insert(payments)
        .values({
          tenantId,
          caseId,
          code,
          typeCode: quote.eParavoloCode,
          feeCents: quote.cents,
          reason: quote.reason,
          status: 'conflict',
          conflictCaseId: holder?.caseId ?? null,
        })
        .onConflictDoNothing()
        .returning();
      if (conflict) {
        await addEvent(tx, c, {
          kind: 'payment_conflict',
          public: false,
          body: `${body(code, quote.cents, quote.eParavoloCode)} · ο κωδικός χρησιμοποιήθηκε ήδη σε άλλη αίτηση· ζητήστε νέο παράβολο.`,
          data: { code, conflictCaseId: holder?.caseId ?? null },
          authorKind: 'system',
        });
      }
      return conflict;
    });
  }
  if (row?.status !== 'verified') return row?.status === 'bound' ? 'already' : 'conflict';

  const [tenant] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
  const audit: TAuditContext = {
    unit: tenant?.slug ?? tenantId,
    protocol: c.protocolNumber ?? c.trackingCode,
    userId: 'system',
    userIp: '127.0.0.1',
  };
  // what was paid (type and amount) is what the service binds
  const info = await port.check(code, audit);
  const ours = info.status === 'bound' && info.boundReference === caseId;
  const result = await port.bind(
    { code, typeCode: info.typeCode ?? quote.eParavoloCode, cents: info.cents ?? quote.cents, reference: caseId },
    audit,
  );
  const current = row;
  return db.transaction(async (tx) => {
    if (result.outcome === 'bound') {
      const [done] = await tx
        .update(payments)
        .set({ status: 'bound', paymentRef: result.paymentRef, paidCents: info.cents, boundAt: new Date(), updatedAt: new Date() })
        .where(and(eq(payments.id, current.id), eq(payments.status, 'verified')))
        .returning();
      if (!done) return 'already';
      await addEvent(tx, c, {
        kind: 'payment_bound',
        public: false,
        body: body(code, info.cents ?? quote.cents, info.typeCode ?? quote.eParavoloCode, result.paymentRef),
        data: { code, cents: info.cents, typeCode: info.typeCode, paymentRef: result.paymentRef, reason: quote.reason, rebound: ours },
        authorKind: 'system',
      });
      return 'bound';
    }
    const [flagged] = await tx
      .update(payments)
      .set({ status: 'conflict', paidCents: info.cents, updatedAt: new Date() })
      .where(and(eq(payments.id, current.id), eq(payments.status, 'verified')))
      .returning();
    if (!flagged) return 'already';
    await addEvent(tx, c, {
      kind: 'payment_conflict',
      public: false,
      body: `${body(code, info.cents, info.typeCode)} · η δέσμευση απορρίφθηκε (${result.detail})· ζητήστε νέο παράβολο.`,
      data: { code, reason: result.reason, detail: result.detail },
      authorKind: 'system',
    });
    return 'conflict';
  });
}

export function auditForRequest(req: FastifyRequest, protocol: string) {
  return auditOf(req, protocol);
}
