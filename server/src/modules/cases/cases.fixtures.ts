import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../test/app.js';
import { makeStaff, makeUnit, sessionCookie } from '../../../test/factories.js';
import type { TStaffRole } from '../../platform/identity/identity.schema.js';
import type { TCaseTypeBody } from './case-type.model.js';
import { createCaseType } from './case-type.service.js';
import { ensureDefaultWorkflows } from './workflow.service.js';

/** Small factories for the case engine's tests. */

export async function staffHeaders(sut: TestApp, role: TStaffRole, unitId: string | null = null) {
  const user = await makeStaff(sut.db, sut.tenant.id, role, unitId);
  return { user, headers: sut.headers({ cookie: await sessionCookie(sut.db, user) }) };
}

export async function makeCaseType(sut: TestApp, over: Partial<TCaseTypeBody['snapshot']> & { key?: string } = {}) {
  await ensureDefaultWorkflows(sut.db, sut.tenant.id);
  const unit = over.defaultUnitId === undefined ? await makeUnit(sut.db, sut.tenant.id) : null;
  const { key, ...snap } = over;
  return createCaseType(sut.db, sut.tenant.id, {
    key: key ?? `type-${randomBytes(3).toString('hex')}`,
    group: 'roads',
    icon: null,
    active: true,
    snapshot: {
      nameEl: 'Λακκούβα στο οδόστρωμα',
      nameEn: 'Pothole',
      form: {
        fields: [
          {
            id: 'size',
            kind: 'choice',
            label: { el: 'Μέγεθος', en: 'Size' },
            options: [
              { value: 'small', label: { el: 'Μικρή', en: 'Small' } },
              { value: 'large', label: { el: 'Μεγάλη', en: 'Large' } },
            ],
          },
        ],
      },
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
      ...snap,
    },
  });
}

export function submit(sut: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return sut.app.inject({ method: 'POST', url: '/api/cases', headers: sut.headers(headers), payload: { data: {}, ...body } });
}
