import { and, asc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { canOnUnit, findCase, getCaseType, loadUnitTree } from '../cases/index.js';
import { athensDate, dayNumber, quoteFee, type TQuote } from './fee.js';
import { EParavoloUnavailable, normalizeCode } from './port.js';
import { currentPort } from './port-registry.js';
import { payments } from './schema.js';
import { auditForRequest, heldBy, mismatch } from './service.js';

const TAG = ['payments'];
const ZError = z.object({ code: z.string(), message: z.string(), fields: z.array(z.any()).optional() });
const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => dayNumber(d) !== null, { message: 'validation.invalid' });

const ZQuote = z.object({
  required: z.boolean(),
  cents: z.number().int(),
  eParavoloCode: z.string().nullable().describe('κωδικός τύπου παραβόλου to pay, when the case type names one'),
  reason: z.enum(['fee', 'late']),
  afterDays: z.number().int().optional().describe('for a late fine: it applies after this many days'),
  lateDays: z.number().int().optional().describe('for a late fine: days between lateFrom and today (Athens)'),
});

const ZPayment = z.object({
  id: z.uuid(),
  code: z.string(),
  typeCode: z.string().nullable(),
  feeCents: z.number().int(),
  paidCents: z.number().int().nullable(),
  reason: z.enum(['fee', 'late']),
  status: z.enum(['verified', 'bound', 'conflict']),
  paymentRef: z.string().nullable(),
  conflictCaseId: z.uuid().nullable(),
  verifiedAt: z.date(),
  boundAt: z.date().nullable(),
});

/** Per person (or device), so one caller cannot use up the service's patience for others. */
function rateKey(req: FastifyRequest) {
  const a = req.actor;
  if (a && 'userId' in a && a.userId) return `u:${a.userId}`;
  if (a && 'deviceId' in a && a.deviceId) return `d:${a.deviceId}`;
  return `ip:${req.ip}`;
}

/** A case type citizens may see (active and public), or 404. */
async function publicType(platform: Platform, tenantId: string, key: string) {
  const type = await getCaseType(platform.db, tenantId, key);
  if (!type.active || !type.snapshot.public) throw new AppError('case_type.not_found', 404);
  return type;
}

export async function paymentsRoutes(app: App, platform: Platform) {
  const { db } = platform;

  app.get(
    '/api/payments/quote',
    {
      config: { access: 'public' },
      schema: {
        tags: TAG,
        summary: 'What a case type costs today: its fee, or the late fine when lateFrom lies far enough back',
        querystring: z.object({
          caseType: z.string().min(1).max(100).describe('case type key'),
          lateFrom: ZDate.optional().describe('YYYY-MM-DD the legal deadline runs from (the type’s lateFrom field)'),
        }),
        response: { 200: ZQuote, 400: ZError, 404: ZError },
      },
    },
    async (req): Promise<TQuote> => {
      const type = await publicType(platform, req.tenant.id, req.query.caseType);
      return quoteFee(type.snapshot.fee, req.query.lateFrom ?? null, athensDate(new Date()));
    },
  );

  app.get(
    '/api/payments/e-paravolo/:code',
    {
      config: { access: 'citizen', rateLimit: { max: 20, timeWindow: 60_000, keyGenerator: rateKey } },
      schema: {
        tags: TAG,
        summary: 'Check an e-παράβολο code before submitting: paid, unpaid, already used, or unknown',
        params: z.object({ code: z.string().min(1).max(40) }),
        querystring: z.object({
          caseType: z.string().min(1).max(100).optional().describe('when given, `fits` says whether the code satisfies its fee'),
          lateFrom: ZDate.optional(),
        }),
        response: {
          200: z.object({
            status: z.enum(['paid', 'unpaid', 'used', 'unknown']),
            cents: z.number().int().optional(),
            eParavoloCode: z.string().optional().describe('the paravolo’s type code'),
            fits: z.boolean().optional(),
          }),
          400: ZError,
          404: ZError,
          503: ZError,
        },
      },
    },
    async (req) => {
      const code = normalizeCode(req.params.code);
      if (!code) throw new AppError('validation.failed', 400, {}, [{ field: 'code', code: 'payments.code_invalid' }]);
      const type = req.query.caseType ? await publicType(platform, req.tenant.id, req.query.caseType) : null;
      if (await heldBy(db, req.tenant.id, code)) return { status: 'used' as const, ...(type ? { fits: false } : {}) };
      let info: Awaited<ReturnType<ReturnType<typeof currentPort>['check']>>;
      try {
        info = await currentPort().check(code, auditForRequest(req, 'lookup'));
      } catch (err) {
        if (!(err instanceof EParavoloUnavailable)) throw err;
        req.log.warn({ err: err.message }, 'e-paravolo unreachable');
        throw new AppError('payments.unreachable', 503);
      }
      const status = info.status === 'paid' ? 'paid' : info.status === 'unpaid' ? 'unpaid' : info.status === 'bound' ? 'used' : 'unknown';
      const fits = type
        ? mismatch(quoteFee(type.snapshot.fee, req.query.lateFrom ?? null, athensDate(new Date())), info) === null
        : undefined;
      return {
        status: status as 'paid' | 'unpaid' | 'used' | 'unknown',
        ...(info.cents != null && status !== 'unknown' ? { cents: info.cents } : {}),
        ...(info.typeCode && status !== 'unknown' ? { eParavoloCode: info.typeCode } : {}),
        ...(fits === undefined ? {} : { fits }),
      };
    },
  );

  app.get(
    '/api/payments/cases/:caseId',
    {
      config: { access: 'staff' },
      schema: {
        tags: TAG,
        summary: 'The e-παράβολο payments of a case (staff with cases.read on its unit)',
        params: z.object({ caseId: z.uuid() }),
        response: { 200: z.object({ items: z.array(ZPayment) }), 404: ZError },
      },
    },
    async (req) => {
      const tenantId = req.tenant.id;
      const c = await findCase(db, tenantId, req.params.caseId);
      if (!c || !canOnUnit(req.actor, 'cases.read', c.unitId, await loadUnitTree(db, tenantId))) throw new AppError('case.not_found', 404);
      const items = await db
        .select({
          id: payments.id,
          code: payments.code,
          typeCode: payments.typeCode,
          feeCents: payments.feeCents,
          paidCents: payments.paidCents,
          reason: payments.reason,
          status: payments.status,
          paymentRef: payments.paymentRef,
          conflictCaseId: payments.conflictCaseId,
          verifiedAt: payments.verifiedAt,
          boundAt: payments.boundAt,
        })
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), eq(payments.caseId, c.id)))
        .orderBy(asc(payments.createdAt));
      return { items };
    },
  );
}
