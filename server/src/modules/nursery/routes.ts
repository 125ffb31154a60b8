import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';
import { requestContext } from '../../platform/service-context.js';
import { assertManager } from './access.js';
import { listApplications, myApplications } from './applications.service.js';
import { apply, ZApplyBody } from './apply.service.js';
import {
  callRow,
  callView,
  createCall,
  currentCall,
  listCalls,
  setCallStatus,
  updateCall,
  ZCallBody,
  ZCallPatch,
} from './calls.service.js';
import { ZCriterion } from './criteria.js';
import { decide, fillStation, ZFreeBody } from './places.service.js';
import { publishCall, rankCall } from './rank.service.js';
import { publicRanking, rankingCsv } from './ranking-list.service.js';
import { AGE_GROUPS, APPLICATION_STATUSES, CALL_STATUSES } from './schema.js';
import { setUpNursery } from './setup.service.js';
import { createStation, listStations, stationView, updateStation, ZStationBody, ZStationPatch } from './stations.service.js';
import { verifyApplication, ZVerifyBody } from './verify.service.js';

const tags = ['nursery'];
const ZId = z.object({ id: z.uuid() });
const ZError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
const ZLocalized = z.object({ el: z.string(), en: z.string() });

const ZStation = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  capacityInfant: z.number().int(),
  capacityToddler: z.number().int(),
  active: z.boolean(),
});
const ZPlaces = z.object({ infant: z.number().int(), toddler: z.number().int() });
const ZCall = z.object({
  id: z.uuid(),
  schoolYear: z.string(),
  title: ZLocalized,
  opensAt: z.date(),
  closesAt: z.date(),
  referenceDate: z.string(),
  ageRules: z.object({ infantFromMonths: z.number(), toddlerFromMonths: z.number(), toddlerUntilMonths: z.number() }),
  criteria: z.array(ZCriterion),
  capacity: z.record(z.string(), ZPlaces),
  status: z.enum(CALL_STATUSES),
  acceptingApplications: z.boolean(),
  rankedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  documents: z.array(z.object({ key: z.string(), el: z.string(), en: z.string(), optional: z.boolean() })),
});
const ZPosition = z.object({ stationId: z.uuid(), position: z.number().int() });
const ZApplication = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  caseId: z.uuid(),
  protocolNumber: z.string().nullable(),
  publicCode: z.string(),
  child: z.object({ givenName: z.string(), familyName: z.string(), birthDate: z.string() }),
  ageGroup: z.enum(AGE_GROUPS),
  preferences: z.array(z.uuid()),
  answers: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])),
  points: z.number().int(),
  pointLines: z.array(z.object({ key: z.string(), points: z.number() })),
  verified: z.boolean(),
  status: z.enum(APPLICATION_STATUSES),
  stationId: z.uuid().nullable(),
  rank: z.number().int().nullable(),
  positions: z.array(ZPosition),
  offeredAt: z.date().nullable(),
  submittedAt: z.date(),
});
const ZStaffApplication = ZApplication.extend({
  familyAnswers: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])),
  verifiedAt: z.date().nullable(),
});
const ZRanking = z.object({
  call: ZCall,
  stations: z.array(z.object({ id: z.uuid(), name: z.string(), capacity: ZPlaces })),
  items: z.array(
    z.object({
      code: z.string(),
      rank: z.number().int(),
      points: z.number().int(),
      ageGroup: z.enum(AGE_GROUPS),
      result: z.enum(['admitted', 'waiting', 'withdrawn']),
      stationId: z.uuid().nullable(),
      positions: z.array(ZPosition),
    }),
  ),
});
const ZDecision = z.object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES), offered: z.array(z.uuid()) });

export async function nurseryRoutes(app: App, platform: Platform) {
  const { db } = platform;
  const manager = (perm = 'perm:nursery.manage' as const) => ({ access: perm });

  // ---- public ---------------------------------------------------------------------------------
  app.get(
    '/api/nursery/stations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The municipal nurseries that take part in calls',
        response: { 200: z.object({ items: z.array(ZStation) }) },
      },
    },
    async (req) => ({ items: (await listStations(db, req.tenant.id, true)).map(stationView) }),
  );
  app.get(
    '/api/nursery/calls',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Calls for enrolment (not drafts), newest first, and the current one (the open call, else the latest)',
        response: { 200: z.object({ current: ZCall.nullable(), items: z.array(ZCall) }) },
      },
    },
    async (req) => {
      const cur = await currentCall(db, req.tenant.id);
      return { current: cur ? callView(cur) : null, items: (await listCalls(db, req.tenant.id, true)).map(callView) };
    },
  );
  app.get(
    '/api/nursery/calls/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One call with its published criteria and places', params: ZId, response: { 200: ZCall, 404: ZError } },
    },
    async (req) => callView(await callRow(db, req.tenant.id, req.params.id, { publicOnly: true })),
  );
  app.get(
    '/api/nursery/calls/:id/ranking',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The published ranking with anonymised codes only (no names, tax numbers or birth dates)',
        params: ZId,
        response: { 200: ZRanking, 404: ZError, 409: ZError },
      },
    },
    async (req) => publicRanking(db, req.tenant.id, req.params.id),
  );
  app.get(
    '/api/nursery/calls/:id/ranking.csv',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The published ranking as CSV (UTF-8, ;)',
        params: ZId,
        response: { 200: z.string(), 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      const r = await publicRanking(db, req.tenant.id, req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="nursery-ranking-${r.call.schoolYear}.csv"`)
        .send(rankingCsv(r, req.lang));
    },
  );

  // ---- citizens -------------------------------------------------------------------------------
  app.post(
    '/api/nursery/applications',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Apply in an open call (TaxisNet): child, preferred nurseries in order, criteria answers, documents',
        body: ZApplyBody,
        response: { 201: ZApplication, 400: ZError, 403: ZError, 404: ZError, 409: ZError },
      },
    },
    async (req, reply) => {
      const a = await apply(platform, req, req.body);
      const mine = (await myApplications(db, req.tenant.id, a.citizenUserId as string)).find((x) => x.id === a.id);
      if (!mine) throw new Error('application just filed is missing');
      return reply.status(201).send(mine);
    },
  );
  app.get(
    '/api/nursery/my',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'My applications with status, nursery and waiting-list positions (once the ranking is published)',
        response: { 200: z.object({ items: z.array(ZApplication) }) },
      },
    },
    async (req) => ({ items: await myApplications(db, req.tenant.id, (req.actor as { userId: string }).userId) }),
  );
  for (const decision of ['accept', 'decline', 'withdraw'] as const) {
    app.post(
      `/api/nursery/applications/:id/${decision}`,
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary:
            decision === 'accept'
              ? 'Accept the offered place'
              : decision === 'decline'
                ? 'Decline the place (it is offered to the next on the waiting list)'
                : 'Withdraw an application not yet given a place',
          params: ZId,
          response: { 200: ZDecision, 404: ZError, 409: ZError },
        },
      },
      async (req) => decide(platform, requestContext(req), req.params.id, decision),
    );
  }

  // ---- staff ----------------------------------------------------------------------------------
  app.put(
    '/api/nursery/setup',
    {
      config: { access: 'perm:casetypes.manage' },
      schema: {
        tags,
        summary: 'Create the nursery-enrolment workflow and case type for a unit (when missing)',
        body: z.object({ unitId: z.uuid() }).strict(),
        response: { 200: z.object({ caseTypeId: z.uuid(), unitId: z.uuid().nullable() }) },
      },
    },
    async (req) => {
      const t = await setUpNursery(db, requestContext(req), req.body.unitId);
      return { caseTypeId: t.id, unitId: t.snapshot.defaultUnitId };
    },
  );
  app.get(
    '/api/nursery/admin/stations',
    {
      config: manager(),
      schema: { tags, summary: 'All nurseries, inactive ones too', response: { 200: z.object({ items: z.array(ZStation) }) } },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return { items: (await listStations(db, req.tenant.id, false)).map(stationView) };
    },
  );
  app.post(
    '/api/nursery/admin/stations',
    {
      config: manager(),
      schema: { tags, summary: 'Add a nursery (audited)', body: ZStationBody, response: { 201: ZStation } },
    },
    async (req, reply) => {
      await assertManager(db, requestContext(req));
      return reply.status(201).send(await createStation(db, requestContext(req), req.body));
    },
  );
  app.patch(
    '/api/nursery/admin/stations/:id',
    {
      config: manager(),
      schema: { tags, summary: 'Edit a nursery (audited)', params: ZId, body: ZStationPatch, response: { 200: ZStation, 404: ZError } },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return updateStation(db, requestContext(req), req.params.id, req.body);
    },
  );
  app.get(
    '/api/nursery/admin/calls',
    {
      config: manager(),
      schema: { tags, summary: 'Every call, drafts too', response: { 200: z.object({ items: z.array(ZCall) }) } },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return { items: (await listCalls(db, req.tenant.id, false)).map(callView) };
    },
  );
  app.post(
    '/api/nursery/admin/calls',
    {
      config: manager(),
      schema: {
        tags,
        summary: 'Create a call as a draft (criteria default to the usual ones)',
        body: ZCallBody,
        response: { 201: ZCall, 400: ZError },
      },
    },
    async (req, reply) => {
      await assertManager(db, requestContext(req));
      return reply.status(201).send(callView(await createCall(db, requestContext(req), req.body)));
    },
  );
  app.get(
    '/api/nursery/admin/calls/:id',
    {
      config: manager(),
      schema: { tags, summary: 'One call, drafts too', params: ZId, response: { 200: ZCall, 404: ZError } },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return callView(await callRow(db, req.tenant.id, req.params.id));
    },
  );
  app.patch(
    '/api/nursery/admin/calls/:id',
    {
      config: manager(),
      schema: {
        tags,
        summary: 'Edit a draft call; while open only its titles and dates',
        params: ZId,
        body: ZCallPatch,
        response: { 200: ZCall, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return callView(await updateCall(db, requestContext(req), req.params.id, req.body));
    },
  );
  for (const to of ['open', 'close', 'rank', 'publish'] as const) {
    app.post(
      `/api/nursery/admin/calls/:id/${to}`,
      {
        config: manager(),
        schema: {
          tags,
          summary: {
            open: 'Open a draft call (the nurseries’ places are copied onto it)',
            close: 'Close an open call',
            rank: 'Rank a closed call: points, tie-breakers, places by preference and age group, waiting lists',
            publish: 'Publish the ranking and tell every family its result',
          }[to],
          params: ZId,
          response: { 200: ZCall, 404: ZError, 409: ZError },
        },
      },
      async (req) => {
        await assertManager(db, requestContext(req));
        const id = req.params.id;
        if (to === 'open') return callView(await setCallStatus(db, requestContext(req), id, 'open'));
        if (to === 'close') return callView(await setCallStatus(db, requestContext(req), id, 'closed'));
        if (to === 'rank') return callView((await rankCall(db, requestContext(req), id)).call);
        return callView(await publishCall(platform, requestContext(req), id));
      },
    );
  }
  app.get(
    '/api/nursery/admin/calls/:id/applications',
    {
      config: manager(),
      schema: {
        tags,
        summary: 'A call’s applications with names, answers (as verified), points, rank, nursery and positions',
        params: ZId,
        response: { 200: z.object({ items: z.array(ZStaffApplication) }), 404: ZError },
      },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return { items: await listApplications(db, req.tenant.id, req.params.id) };
    },
  );
  app.post(
    '/api/nursery/admin/calls/:id/fill',
    {
      config: manager(),
      schema: {
        tags,
        summary: 'Offer the free places of a nursery and age group to its waiting list (optionally with new capacity)',
        params: ZId,
        body: ZFreeBody,
        response: { 200: z.object({ offered: z.array(z.uuid()) }), 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return fillStation(platform, requestContext(req), req.params.id, req.body);
    },
  );
  app.post(
    '/api/nursery/admin/applications/:id/verify',
    {
      config: manager(),
      schema: {
        tags,
        summary: 'Correct the criteria answers after checking the documents (points recomputed; audited)',
        params: ZId,
        body: ZVerifyBody,
        response: { 200: z.object({ id: z.uuid(), points: z.number().int(), pointsBefore: z.number().int() }), 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return verifyApplication(db, requestContext(req), req.params.id, req.body);
    },
  );
  app.post(
    '/api/nursery/admin/applications/:id/remove',
    {
      config: manager(),
      schema: {
        tags,
        summary: 'Remove an application; a place it held is offered to the next on the waiting list (audited)',
        params: ZId,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
        response: { 200: ZDecision, 404: ZError, 409: ZError },
      },
    },
    async (req) => {
      await assertManager(db, requestContext(req));
      return decide(platform, requestContext(req), req.params.id, 'remove', req.body.reason);
    },
  );
}
