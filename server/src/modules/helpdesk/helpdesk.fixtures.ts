import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../test/app.js';
import { makeStaff, makeUnit, sessionCookie } from '../../../test/factories.js';
import type { TStaffRole } from '../../platform/identity/identity.schema.js';
import { createCaseType, ensureDefaultWorkflows, type TCaseTypeBody } from '../cases/index.js';

/** Test factories: staff with a session, a case type with the "problems" workflow, a citizen submission. */

export async function staffHeaders(sut: TestApp, role: TStaffRole, unitId: string | null = null) {
  const user = await makeStaff(sut.db, sut.tenant.id, role, unitId);
  return { user, headers: sut.headers({ cookie: await sessionCookie(sut.db, user) }) };
}

export async function makeCaseType(sut: TestApp, over: Partial<TCaseTypeBody['snapshot']> = {}) {
  await ensureDefaultWorkflows(sut.db, sut.tenant.id);
  const unit = over.defaultUnitId === undefined ? await makeUnit(sut.db, sut.tenant.id) : null;
  return createCaseType(sut.db, sut.tenant.id, {
    key: `type-${randomBytes(3).toString('hex')}`,
    group: 'roads',
    icon: null,
    active: true,
    snapshot: {
      nameEl: 'Λακκούβα στο οδόστρωμα',
      nameEn: 'Pothole',
      form: { fields: [] },
      requiredDocuments: [],
      defaultUnitId: unit?.id ?? null,
      routing: [],
      workflowKey: 'problems',
      slaDays: 10,
      fee: null,
      issuedDocument: null,
      public: true,
      anonymousAllowed: true,
      locationRequired: false,
      ...over,
    },
  });
}

export function submit(sut: TestApp, body: Record<string, unknown>) {
  return sut.app.inject({ method: 'POST', url: '/api/cases', headers: sut.headers(), payload: { data: {}, ...body } });
}
