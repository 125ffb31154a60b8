import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { helpdeskTemplates } from './schema.js';

/** A few reply templates for the demo municipality: two for everyone, one per handling unit. Safe to run again. */
export async function seedHelpdeskDemo(db: DbOrTx, tenantId: string) {
  const [exists] = await db
    .select({ id: helpdeskTemplates.id })
    .from(helpdeskTemplates)
    .where(eq(helpdeskTemplates.tenantId, tenantId))
    .limit(1);
  if (exists) return;
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, ['SYNT', 'DIMOT', 'TEXN'])));
  const unit = (code: string) => units.find((u) => u.code === code)?.id ?? null;
  const rows: (typeof helpdeskTemplates.$inferInsert)[] = [
    {
      tenantId,
      unitId: null,
      name: 'Παραλαβή αιτήματος',
      bodyEl:
        'Αγαπητέ/ή {name},\n\nτο αίτημά σας με αριθμό πρωτοκόλλου {protocol} παρελήφθη από την υπηρεσία «{unit}» και θα διεκπεραιωθεί έως τις {due}.\n\nΜε εκτίμηση,\n{municipality}',
      bodyEn:
        'Dear {name},\n\nyour request no. {protocol} was received by “{unit}” and will be handled by {due}.\n\nKind regards,\n{municipality}',
    },
    {
      tenantId,
      unitId: null,
      name: 'Ολοκλήρωση',
      bodyEl:
        'Αγαπητέ/ή {name},\n\nσας ενημερώνουμε ότι το αίτημά σας {protocol} («{title}») ολοκληρώθηκε. Ευχαριστούμε για την επικοινωνία.\n\n{municipality}',
      bodyEn: 'Dear {name},\n\nyour request {protocol} (“{title}”) has been completed. Thank you for contacting us.\n\n{municipality}',
    },
  ];
  if (unit('SYNT'))
    rows.push({
      tenantId,
      unitId: unit('SYNT'),
      name: 'Αυτοψία συνεργείου',
      bodyEl: 'Συνεργείο της υπηρεσίας θα κάνει αυτοψία στο σημείο τις επόμενες ημέρες. Αριθμός αιτήματος: {protocol}.',
      bodyEn: 'A crew will inspect the spot in the coming days. Request number: {protocol}.',
    });
  if (unit('DIMOT'))
    rows.push({
      tenantId,
      unitId: unit('DIMOT'),
      name: 'Έκδοση βεβαίωσης',
      bodyEl: 'Η βεβαίωση για το αίτημα {protocol} εκδόθηκε και είναι διαθέσιμη στην εφαρμογή.',
      bodyEn: 'The certificate for request {protocol} has been issued and is available in the app.',
    });
  await db.insert(helpdeskTemplates).values(rows);
}
