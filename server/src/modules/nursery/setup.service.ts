import { audit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { ensureNurseryType } from './case-type.js';

/** Creates the nursery-enrolment workflow and case type for a unit when missing (audited). */
export async function setUpNursery(db: DbOrTx, ctx: ServiceContext, unitId: string) {
  return db.transaction(async (tx) => {
    const r = await ensureNurseryType(tx, ctx.tenant.id, unitId);
    await audit(tx, ctx, { action: 'nursery.setup', entity: 'case_type', entityId: r.id, data: { unitId } });
    return r;
  });
}
