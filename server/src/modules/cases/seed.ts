import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import type { TCaseTypeBody } from './case-type.model.js';
import { createCaseType } from './case-type.service.js';
import { caseTypes } from './schema.js';
import { ensureDefaultWorkflows } from './workflow.service.js';

const label = (el: string, en: string) => ({ el, en });

/** The demo municipality's workflows and a few everyday case types. Safe to run again. */
export async function seedCasesDemo(db: DbOrTx, tenantId: string) {
  await ensureDefaultWorkflows(db, tenantId);
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, ['SYNT', 'ILEK', 'DIMOT', 'DIMARX', 'TEXN'])));
  const unit = (code: string) => units.find((u) => u.code === code)?.id ?? null;

  const types: TCaseTypeBody[] = [
    {
      key: 'pothole',
      group: 'roads',
      icon: 'road',
      active: true,
      snapshot: {
        nameEl: 'Λακκούβα στο οδόστρωμα',
        nameEn: 'Pothole in the road',
        form: {
          fields: [
            {
              id: 'size',
              kind: 'choice',
              label: label('Μέγεθος', 'Size'),
              options: [
                { value: 'small', label: label('Μικρή', 'Small') },
                { value: 'large', label: label('Μεγάλη / επικίνδυνη', 'Large / dangerous') },
              ],
            },
          ],
        },
        requiredDocuments: [],
        defaultUnitId: unit('SYNT'),
        routing: [],
        workflowKey: 'problems',
        slaDays: 10,
        fee: null,
        issuedDocument: null,
        public: true,
        anonymousAllowed: true,
        locationRequired: true,
      },
    },
    {
      key: 'streetlight',
      group: 'lighting',
      icon: 'lightbulb',
      active: true,
      snapshot: {
        nameEl: 'Καμένη λάμπα δημοτικού φωτισμού',
        nameEn: 'Broken street light',
        form: { fields: [{ id: 'poleNumber', kind: 'text', label: label('Αριθμός κολώνας', 'Pole number'), maxLength: 30 }] },
        requiredDocuments: [],
        defaultUnitId: unit('ILEK'),
        routing: [],
        workflowKey: 'problems',
        slaDays: 5,
        fee: null,
        issuedDocument: null,
        public: true,
        anonymousAllowed: true,
        locationRequired: true,
      },
    },
    {
      key: 'residence-certificate',
      group: 'certificates',
      icon: 'certificate',
      active: true,
      snapshot: {
        nameEl: 'Βεβαίωση μόνιμης κατοικίας',
        nameEn: 'Certificate of permanent residence',
        form: {
          fields: [
            { id: 'applicant', kind: 'person', label: label('Αιτών', 'Applicant'), required: true, requireAfm: true },
            { id: 'purpose', kind: 'text', label: label('Σκοπός', 'Purpose'), required: true, maxLength: 200 },
          ],
        },
        requiredDocuments: [
          label('Αντίγραφο λογαριασμού ΔΕΚΟ', 'Copy of a utility bill'),
          label('Αντίγραφο μισθωτηρίου ή τίτλου ιδιοκτησίας', 'Copy of the lease or title deed'),
        ],
        defaultUnitId: unit('DIMOT'),
        routing: [],
        workflowKey: 'applications',
        slaDays: 5,
        fee: null,
        issuedDocument: { templateKey: 'residence' },
        public: true,
        anonymousAllowed: false,
        locationRequired: false,
      },
    },
    {
      key: 'complaint',
      group: 'general',
      icon: 'message',
      active: true,
      snapshot: {
        nameEl: 'Παράπονο',
        nameEn: 'Complaint',
        form: {
          fields: [
            {
              id: 'about',
              kind: 'choice',
              label: label('Αφορά', 'About'),
              required: true,
              options: [
                { value: 'service', label: label('Εξυπηρέτηση', 'Service') },
                { value: 'works', label: label('Τεχνικά έργα', 'Public works') },
                { value: 'other', label: label('Άλλο', 'Other') },
              ],
            },
          ],
        },
        requiredDocuments: [],
        defaultUnitId: unit('DIMARX'),
        routing: [{ kind: 'field', field: 'about', values: ['works'], unitId: unit('TEXN') ?? (unit('DIMARX') as string) }].filter(
          (r) => r.unitId,
        ) as TCaseTypeBody['snapshot']['routing'],
        workflowKey: 'applications',
        slaDays: 30,
        fee: null,
        issuedDocument: null,
        public: true,
        anonymousAllowed: false,
        locationRequired: false,
      },
    },
  ];
  for (const t of types) {
    const [exists] = await db
      .select({ id: caseTypes.id })
      .from(caseTypes)
      .where(and(eq(caseTypes.tenantId, tenantId), eq(caseTypes.key, t.key)));
    if (!exists) await createCaseType(db, tenantId, t);
  }
}
