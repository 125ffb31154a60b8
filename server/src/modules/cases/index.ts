import './events.js';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { registerFileAccess } from '../../platform/files/index.js';
import type { ApiPart } from '../../platform/http/app.js';
import { deviceIdsOf } from '../../platform/identity/people.js';
import './messages.js';
import { OVERDUE_QUEUE, scanOverdue } from './overdue.job.js';
import { casesRoutes } from './routes.js';
import { caseEvents, cases } from './schema.js';
import { seedCasesDemo } from './seed.js';
import { assignExternalProtocol, PROTOCOL_QUEUE } from './submit.service.js';
import { canOnUnit, loadUnitTree } from './units.js';

/**
 * The case engine: case types and workflows as data, submission from every channel with
 * protocol numbers and SLA due dates, routing, handling, tracking, search. See README.md.
 */

export { type TIntakeCaseBody, ZCaseListQuery, ZCaseSummary, ZCitizenCase, ZLocalized } from './case.model.js';
export { addEvent, CLOSED_CATEGORIES, loadCase, loadContexts, stateName, type TCaseRow, todayAthens, toSummary } from './case.service.js';
export { LIFE_EVENTS, type TCaseTypeBody, type TCaseTypeSnapshot, type TWorkflowBody } from './case-type.model.js';
export { createCaseType, getCaseType, listCaseTypes, type TCaseTypeView, updateCaseType } from './case-type.service.js';
export { citizenReopen, ZCitizenReopenBody } from './citizen.service.js';
// For the help desk: its bulk actions go through the same verbs as single cases.
export { assignCase, caseForStaff, citizenAnswer, requestInfo, transitionCase, updateCaseMeta } from './handle.service.js';
export { importCases, type TCaseEventImport, type TCaseImport } from './import.service.js';
export { moveCaseToState, type TMoveCase } from './move.service.js';
// For street problems (reports): demo data is numbered like any case.
export { athensYear, formatProtocolNumber, nextInternalNumber } from './protocol.service.js';
// Read models: what other modules may read of cases (they never read the engine's tables).
export {
  caseContacts,
  caseCountsByRequester,
  caseForeignKeys,
  casePoints,
  caseTypeInfos,
  caseTypeVersionSnapshot,
  caseWithSnapshot,
  countCases,
  findCase,
  findCases,
  findCasesLike,
  followCase,
  followersOf,
  publicTimeline,
  type TCaseFilter,
  type TCaseTypeInfo,
  timelineEntries,
  unfollowCase,
  workflowDefinition,
} from './read-models.js';
export { caseFacts, caseRow, caseSummaries, requesterConfirm, type TCaseFact } from './requester.service.js';
export { routeCase } from './routing.js';
// For modules that file cases for their own users and keep their own lists (e.g. schools).
// For the Open311 API (read-only views of public case types and their cases).
// Not its tables: other modules read through the read models above and change cases through the verbs.
export { CASE_CHANNELS, STATE_CATEGORIES, type TStateCategory } from './schema.js';
export { newTrackingCode, registerSubmitCheck, submitCase, type TSubmitCheck, type TSubmitOptions } from './submit.service.js';
export { caseFollowersOf, citizenView, expectedCompletion } from './track.service.js';
export { canOnUnit, loadUnitTree, type UnitTree, visibleUnits } from './units.js';
// For modules with workflows of their own (reports, schools): the builders the default workflows use.
export { ensureDefaultWorkflows, ensureWorkflow, getWorkflow, workflowState, workflowTransition } from './workflow.service.js';
export { seedCasesDemo };

/** Participants of a case may read its attachments: staff of its units, and the citizen who filed or follows it. */
async function caseFileAccess(actor: Actor, fileId: string, tenantId: string, db: DbOrTx): Promise<boolean> {
  if (actor.kind === 'anonymous') return false;
  const withFile = await db
    .select({ id: cases.id, unitId: cases.unitId, citizenUserId: cases.citizenUserId, deviceId: cases.deviceId })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, tenantId),
        or(
          sql`${fileId}::uuid = any(${cases.fileIds})`,
          sql`exists (select 1 from ${caseEvents} e where e.case_id = ${cases.id} and e.data->'fileIds' ? ${fileId})`,
        ),
      ),
    )
    .limit(20);
  if (!withFile.length) return false;
  if (actor.kind === 'staff') {
    const tree = await loadUnitTree(db, tenantId);
    return withFile.some((c) => canOnUnit(actor, 'cases.read', c.unitId, tree));
  }
  const userId = 'userId' in actor ? actor.userId : undefined;
  const devices = await deviceIdsOf(db, tenantId, actor);
  return withFile.some((c) => (userId && c.citizenUserId === userId) || (c.deviceId && devices.includes(c.deviceId)));
}

export const casesApi: ApiPart = {
  name: 'cases',
  plugin: async (app, { platform }) => {
    await casesRoutes(app, platform);
  },
  async setup(platform: Platform) {
    platform.jobs.register(
      PROTOCOL_QUEUE,
      async (job) => {
        await assignExternalProtocol(platform, job.tenantId as string, String(job.payload.caseId));
      },
      { maxAttempts: 50, backoffMs: 30_000 },
    );
    platform.jobs.register(OVERDUE_QUEUE, async () => {
      await scanOverdue(platform);
    });
    await platform.jobs.schedule('cases.overdue-scan', '*/15 * * * *', OVERDUE_QUEUE);
    registerFileAccess(caseFileAccess, { name: 'cases' });
  },
  async seedDemo(platform: Platform, tenantId: string) {
    await seedCasesDemo(platform.db, tenantId);
  },
};
