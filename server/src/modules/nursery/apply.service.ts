import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, notInArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import { users } from '../../platform/identity/identity.schema.js';
import { submitCase, todayAthens } from '../cases/index.js';
import { isRealDate } from '../forms/index.js';
import { appRow } from './applications.service.js';
import { callRow } from './calls.service.js';
import { CASE_TYPE_KEY, DOCUMENT_KEYS, DOCUMENTS, REQUIRED_DOCUMENTS } from './case-type.js';
import { ageGroupAt, checkAnswers, documentsNeeded, scoreAnswers } from './criteria.js';
import { nurseryApplications, type TAgeGroup } from './schema.js';
import { athensTime, invalid } from './shared.js';
import { listStations } from './stations.service.js';

export const ZApplyBody = z
  .object({
    callId: z.uuid(),
    child: z
      .object({
        givenName: z.string().trim().min(1).max(100),
        familyName: z.string().trim().min(1).max(100),
        birthDate: z.string().max(10),
      })
      .strict(),
    preferences: z.array(z.uuid()).min(1).max(5),
    answers: z.record(z.string(), z.unknown()).default({}),
    documents: z.record(z.string(), z.array(z.uuid()).max(10)).default({}),
  })
  .strict();
export type TApplyBody = z.infer<typeof ZApplyBody>;

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newPublicCode = () => `Ν-${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;

/**
 * A TaxisNet citizen applies while the call is open: the child's age group at the reference date,
 * preferred stations with places for that group, answers to the published criteria and the
 * supporting documents are checked (every error at once, naming its field), the points computed
 * here, and the case filed with the application row in the same transaction.
 */
export async function apply(platform: Platform, req: FastifyRequest, body: TApplyBody) {
  const { db } = platform;
  const tenantId = req.tenant.id;
  const actor = req.actor;
  if (actor.kind !== 'citizen') throw new AppError('auth.forbidden', 403);
  if (!actor.taxisnet) throw new AppError('case.taxisnet_required', 403);
  const call = await callRow(db, tenantId, body.callId, { publicOnly: true });
  const now = Date.now();
  if (call.status !== 'open' || now < call.opensAt.getTime() || now > call.closesAt.getTime()) {
    throw new AppError('nursery.call_not_open', 409, { opensAt: athensTime(call.opensAt), closesAt: athensTime(call.closesAt) });
  }
  const lang = req.lang;
  const errors: FieldError[] = [];
  const fieldMsg = (field: string, code: string, params: Record<string, unknown> = {}) =>
    errors.push({ field, code, params, message: t(lang, code, { ...params, field: t(lang, `field.${field}`) }) });

  // the child and the age group
  let group: TAgeGroup | null = null;
  const birth = body.child.birthDate;
  if (!isRealDate(birth) || birth > todayAthens()) fieldMsg('child.birthDate', 'validation.invalid');
  else {
    const g = ageGroupAt(birth, call.referenceDate, call.ageRules);
    if ('error' in g) {
      fieldMsg('child.birthDate', g.error, {
        months: g.months,
        date: call.referenceDate.split('-').reverse().join('/'),
        min: call.ageRules.infantFromMonths,
        max: call.ageRules.toddlerUntilMonths,
      });
    } else group = g.group;
  }
  // stations: part of the call, with places for the group, each once
  const seen = new Set<string>();
  body.preferences.forEach((s, i) => {
    const field = `preferences.${i}`;
    const label = `${t(lang, 'field.preferences')} ${i + 1}`;
    if (seen.has(s)) {
      errors.push({ field, code: 'nursery.station_repeated', message: t(lang, 'nursery.station_repeated', { field: label }) });
      return;
    }
    seen.add(s);
    const cap = call.capacity[s];
    if (!cap || (group && cap[group] <= 0)) {
      errors.push({ field, code: 'nursery.station_unknown', message: t(lang, 'nursery.station_unknown', { field: label }) });
    }
  });
  // criteria answers
  const checked = checkAnswers(call.criteria, body.answers, lang);
  errors.push(...checked.errors);
  // documents: the always-required ones and those the claimed criteria need
  const needed = new Set([...REQUIRED_DOCUMENTS, ...(checked.errors.length ? [] : documentsNeeded(call.criteria, checked.value))]);
  for (const key of Object.keys(body.documents)) {
    if (!DOCUMENT_KEYS.includes(key)) {
      errors.push({
        field: `documents.${key}`,
        code: 'validation.unknown_field',
        message: t(lang, 'validation.unknown_field', { field: key }),
      });
    }
  }
  for (const d of DOCUMENTS) {
    if (needed.has(d.key) && !(body.documents[d.key]?.length ?? 0)) {
      errors.push({
        field: `documents.${d.key}`,
        code: 'nursery.document_required',
        message: t(lang, 'nursery.document_required', { field: d[lang] }),
      });
    }
  }
  if (errors.length || !group) throw invalid(errors);

  const userId = actor.userId;
  const [dup] = await db
    .select({ id: nurseryApplications.id })
    .from(nurseryApplications)
    .where(
      and(
        eq(nurseryApplications.tenantId, tenantId),
        eq(nurseryApplications.callId, call.id),
        eq(nurseryApplications.citizenUserId, userId),
        eq(nurseryApplications.childBirthDate, birth),
        eq(nurseryApplications.childGivenName, body.child.givenName),
        notInArray(nurseryApplications.status, ['withdrawn', 'removed']),
      ),
    );
  if (dup) throw new AppError('nursery.duplicate', 409);

  const score = scoreAnswers(call.criteria, checked.value);
  const stations = await listStations(db, tenantId, false);
  const nameOf = new Map(stations.map((s) => [s.id, s.name]));
  const [me] = await db
    .select({ givenName: users.givenName, familyName: users.familyName, afm: users.afm })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  const applicant =
    me?.givenName && me.familyName ? { name: me.givenName, surname: me.familyName, ...(me.afm ? { afm: me.afm } : {}) } : undefined;
  const id = randomUUID();
  let publicCode = newPublicCode();
  for (let i = 0; i < 5; i++) {
    const [taken] = await db
      .select({ id: nurseryApplications.id })
      .from(nurseryApplications)
      .where(
        and(
          eq(nurseryApplications.tenantId, tenantId),
          eq(nurseryApplications.callId, call.id),
          eq(nurseryApplications.publicCode, publicCode),
        ),
      );
    if (!taken) break;
    publicCode = newPublicCode();
  }
  const data: Record<string, unknown> = {
    ...(applicant ? { applicant } : {}),
    childName: `${body.child.givenName} ${body.child.familyName}`,
    childBirthDate: birth,
    ageGroup: group,
    preferences: body.preferences.map((s, i) => `${i + 1}. ${nameOf.get(s) ?? s}`).join('\n'),
    points: score.total,
    publicCode,
  };
  for (const d of DOCUMENTS) if (body.documents[d.key]?.length) data[d.key] = body.documents[d.key];
  const ageGroup = group;
  await submitCase(
    platform,
    req,
    { caseType: CASE_TYPE_KEY, channel: 'web', data, fileIds: [], title: `${call.titleEl}: ${publicCode}` },
    {
      intake: false,
      within: async (tx, caseId) => {
        await tx.insert(nurseryApplications).values({
          id,
          tenantId,
          callId: call.id,
          caseId,
          citizenUserId: userId,
          publicCode,
          childGivenName: body.child.givenName,
          childFamilyName: body.child.familyName,
          childBirthDate: birth,
          ageGroup,
          preferences: body.preferences,
          answers: checked.value,
          points: score.total,
          status: 'submitted',
        });
      },
    },
  );
  return appRow(db, tenantId, id);
}
