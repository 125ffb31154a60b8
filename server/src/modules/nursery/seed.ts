import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { roleAssignments, users } from '../../platform/identity/identity.schema.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { ensureNurseryType } from './case-type.js';
import { DEFAULT_CRITERIA } from './criteria.js';
import { nurseryCalls, nurseryStations } from './schema.js';

/** The demo's nurseries (inside the demo boundary). */
const STATIONS = [
  { name: '1ος Παιδικός Σταθμός Νέας Αρκαδίας', address: 'Μαργαριτών 7', lat: 38.011, lon: 23.728, infant: 12, toddler: 25 },
  { name: '2ος Βρεφονηπιακός Σταθμός Νέας Αρκαδίας', address: 'Ολυμπίας 21', lat: 38.022, lon: 23.744, infant: 16, toddler: 30 },
  { name: 'Παιδικός Σταθμός «Η Χαρά»', address: 'Κρήτης 3', lat: 38.003, lon: 23.736, infant: 0, toddler: 20 },
];

/** The email of the demo's head of the nurseries department. */
export const DEMO_NURSERY_HEAD = 'paidikoi@demo.dimos.gr';

/**
 * The nursery-enrolment type on the Τμήμα Παιδικών Σταθμών, three nurseries, the department's head
 * (same password as the other demo staff) and a call that is OPEN now (dates computed at seed time),
 * so the demo can apply at once.
 */
export async function seedNurseryDemo(platform: Platform, tenantId: string) {
  const { db } = platform;
  const [paid] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.code, 'PAID')));
  const unitId = paid?.id ?? null;
  await ensureNurseryType(db, tenantId, unitId);
  await db.transaction(async (tx) => {
    const capacity: Record<string, { infant: number; toddler: number }> = {};
    for (const s of STATIONS) {
      const [row] = await tx
        .insert(nurseryStations)
        .values({
          tenantId,
          name: s.name,
          address: s.address,
          lat: s.lat,
          lon: s.lon,
          capacityInfant: s.infant,
          capacityToddler: s.toddler,
        })
        .returning({ id: nurseryStations.id });
      if (row) capacity[row.id] = { infant: s.infant, toddler: s.toddler };
    }
    const now = new Date();
    // the school year that starts next September (or this one, before September)
    const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
    await tx.insert(nurseryCalls).values({
      tenantId,
      schoolYear: `${start}-${start + 1}`,
      titleEl: `Προκήρυξη εγγραφών στους Παιδικούς Σταθμούς ${start}-${start + 1}`,
      titleEn: `Nursery enrolment call ${start}-${start + 1}`,
      opensAt: new Date(now.getTime() - 7 * 86_400_000),
      closesAt: new Date(now.getTime() + 30 * 86_400_000),
      referenceDate: `${start}-09-01`,
      ageRules: { infantFromMonths: 6, toddlerFromMonths: 30, toddlerUntilMonths: 48 },
      criteria: DEFAULT_CRITERIA,
      capacity,
      status: 'open',
    });
    const [admin] = await tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.email, 'admin@demo.dimos.gr')));
    if (admin && unitId) {
      const [head] = await tx
        .insert(users)
        .values({
          tenantId,
          kind: 'staff',
          email: DEMO_NURSERY_HEAD,
          givenName: 'Ευτυχία',
          familyName: 'Καραγιάννη',
          passwordHash: admin.passwordHash,
          emailVerifiedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (head) await tx.insert(roleAssignments).values({ tenantId, userId: head.id, role: 'head', unitId });
    }
  });
}
