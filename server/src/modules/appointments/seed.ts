import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { createResource, createService, setWeeklyHours } from './config.service.js';
import type { TWeekly } from './schema.js';

/** Mon–Fri 08:00–14:00 with a half-hour break at 10:30. */
export const DEMO_WEEKLY: TWeekly = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [
    d,
    [
      { from: '08:00', to: '10:30' },
      { from: '11:00', to: '14:00' },
    ],
  ]),
);

export async function seedAppointmentsDemo(db: DbOrTx, tenantId: string) {
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, ['DIMOT', 'APOK'])));
  const unit = (code: string) => units.find((u) => u.code === code)?.id;
  const dimot = unit('DIMOT');
  if (dimot) {
    await setWeeklyHours(db, tenantId, dimot, DEMO_WEEKLY);
    const s = await createService(db, tenantId, {
      unitId: dimot,
      nameEl: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης',
      nameEn: 'Family status certificate',
      durationMin: 15,
      bufferMin: 5,
      documentsEl: ['Αστυνομική ταυτότητα ή διαβατήριο', 'Εξουσιοδότηση, αν δεν είστε ο ίδιος ο ενδιαφερόμενος'],
      documentsEn: ['Identity card or passport', 'An authorisation, if you are not the person concerned'],
      capOnline: 1,
      capPhone: 1,
      capCounter: 0,
      minLeadHours: 2,
      horizonDays: 60,
      limitPerCitizen: 2,
      limitPeriodDays: 30,
      active: true,
    });
    await createResource(db, tenantId, { unitId: dimot, name: 'Γκισέ 1', serviceIds: [s.id], active: true });
    await createResource(db, tenantId, { unitId: dimot, name: 'Γκισέ 2', serviceIds: [s.id], active: true });
  }
  const apok = unit('APOK');
  if (apok) {
    await setWeeklyHours(db, tenantId, apok, DEMO_WEEKLY);
    await createService(db, tenantId, {
      unitId: apok,
      nameEl: 'Παραλαβή κάδου ανακύκλωσης',
      nameEn: 'Recycling bin pick-up',
      durationMin: 10,
      bufferMin: 0,
      documentsEl: ['Λογαριασμός ρεύματος της κατοικίας'],
      documentsEn: ['An electricity bill of the home'],
      capOnline: 2,
      capPhone: 1,
      capCounter: 1,
      minLeadHours: 24,
      horizonDays: 60,
      limitPerCitizen: 1,
      limitPeriodDays: 90,
      active: true,
    });
  }
}
