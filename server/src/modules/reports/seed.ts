import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { DEMO_BOUNDARY } from '../../platform/seed/demo.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import type { TCaseTypeBody } from '../cases/index.js';
import {
  athensYear,
  caseTypeInfos,
  countCases,
  createCaseType,
  formatProtocolNumber,
  getCaseType,
  getWorkflow,
  importCases,
  newTrackingCode,
  nextInternalNumber,
  type TCaseEventImport,
  type TCaseImport,
  updateCaseType,
} from '../cases/index.js';
import { saveArea } from './areas.js';
import { ensureStreetWorkflow, forgetCategories, STREET_WORKFLOW, setCategory } from './categories.js';
import { reportCategories, reportModeration, type TGeometry, type TOutsideBody } from './schema.js';

/** The demo municipality's boundary, districts, neighbours, street-problem categories and a few hundred reports. */

const rect = (w: number, s: number, e: number, n: number): TGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

export const DEMO_DISTRICTS = [
  { key: 'kentro', nameEl: 'Κέντρο', nameEn: 'Centre', geometry: rect(23.72, 37.99, 23.75, 38.05) },
  { key: 'dytika', nameEl: 'Δυτικές Συνοικίες', nameEn: 'West', geometry: rect(23.68, 37.99, 23.72, 38.05) },
  { key: 'anatolika', nameEl: 'Ανατολικές Συνοικίες', nameEn: 'East', geometry: rect(23.75, 37.99, 23.79, 38.05) },
];
export const DEMO_NEIGHBOURS = [
  {
    key: 'palaia-arkadia',
    nameEl: 'Δήμος Παλαιάς Αρκαδίας',
    nameEn: 'Municipality of Palaia Arkadia',
    geometry: rect(23.64, 38.0, 23.8, 38.1),
  },
  { key: 'akropotamos', nameEl: 'Δήμος Ακροποτάμου', nameEn: 'Municipality of Akropotamos', geometry: rect(23.64, 37.93, 23.82, 37.995) },
];

const label = (el: string, en: string) => ({ el, en });

type TSeedCategory = {
  key: string;
  icon: string;
  group: string;
  nameEl: string;
  nameEn: string;
  unit: string | null;
  outsideBody: TOutsideBody | null;
  titles: string[];
};

const CATEGORIES: TSeedCategory[] = [
  {
    key: 'pothole',
    icon: 'road',
    group: 'roads',
    nameEl: 'Λακκούβα στο οδόστρωμα',
    nameEn: 'Pothole in the road',
    unit: 'SYNT',
    outsideBody: null,
    titles: ['Λακκούβα στο οδόστρωμα', 'Βαθιά λακκούβα μπροστά στο σχολείο', 'Σπασμένη άσφαλτος'],
  },
  {
    key: 'streetlight',
    icon: 'lightbulb',
    group: 'lighting',
    nameEl: 'Καμένη λάμπα δημοτικού φωτισμού',
    nameEn: 'Broken street light',
    unit: 'ILEK',
    outsideBody: null,
    titles: ['Καμένη λάμπα', 'Σβηστός φανοστάτης', 'Αναβοσβήνει η λάμπα'],
  },
  {
    key: 'rubbish',
    icon: 'trash',
    group: 'cleaning',
    nameEl: 'Απορρίμματα και ογκώδη',
    nameEn: 'Rubbish and bulky items',
    unit: 'APOK',
    outsideBody: null,
    titles: ['Γεμάτος κάδος', 'Ογκώδη αντικείμενα στο πεζοδρόμιο', 'Σπασμένος κάδος'],
  },
  {
    key: 'sidewalk',
    icon: 'walk',
    group: 'roads',
    nameEl: 'Φθορά πεζοδρομίου',
    nameEn: 'Damaged pavement',
    unit: 'SYNT',
    outsideBody: null,
    titles: ['Σπασμένες πλάκες πεζοδρομίου', 'Κατεστραμμένη ράμπα ΑμεΑ', 'Πεζοδρόμιο με λακκούβες'],
  },
  {
    key: 'water-leak',
    icon: 'droplet',
    group: 'water',
    nameEl: 'Διαρροή νερού (δίκτυο ύδρευσης)',
    nameEn: 'Water leak (water mains)',
    unit: null,
    outsideBody: {
      nameEl: 'Εταιρεία Ύδρευσης Αττικής',
      nameEn: 'Attica Water Company',
      kind: 'water',
      email: 'vlaves@water.example.gr',
      phone: '1022',
    },
    titles: ['Τρέχει νερό από το οδόστρωμα', 'Σπασμένος αγωγός', 'Διαρροή σε φρεάτιο'],
  },
  {
    key: 'regional-road',
    icon: 'road-sign',
    group: 'roads',
    nameEl: 'Πρόβλημα σε επαρχιακή οδό',
    nameEn: 'Problem on a regional road',
    unit: null,
    outsideBody: {
      nameEl: 'Περιφέρεια Αττικής – Διεύθυνση Τεχνικών Έργων',
      nameEn: 'Region of Attica – Technical Works',
      kind: 'region',
      email: 'texnika@region.example.gr',
      phone: '2132063000',
    },
    titles: ['Φθαρμένη σήμανση στην επαρχιακή', 'Λακκούβα στη λεωφόρο'],
  },
  {
    key: 'traffic-danger',
    icon: 'police',
    group: 'safety',
    nameEl: 'Επικίνδυνη στάθμευση ή κυκλοφορία',
    nameEn: 'Dangerous parking or traffic',
    unit: null,
    outsideBody: {
      nameEl: 'Ελληνική Αστυνομία – Τμήμα Τροχαίας',
      nameEn: 'Hellenic Police – Traffic Division',
      kind: 'police',
      phone: '100',
    },
    titles: ['Παρκαρισμένο σε ράμπα', 'Εγκαταλελειμμένο όχημα'],
  },
];

function streetType(c: TSeedCategory, unitId: string | null): TCaseTypeBody {
  return {
    key: c.key,
    group: c.group,
    icon: c.icon,
    active: true,
    snapshot: {
      nameEl: c.nameEl,
      nameEn: c.nameEn,
      form: { fields: [{ id: 'details', kind: 'text', label: label('Λεπτομέρειες', 'Details'), maxLength: 500 }] },
      requiredDocuments: [],
      defaultUnitId: unitId,
      routing: [],
      workflowKey: STREET_WORKFLOW.key,
      slaDays: 10,
      fee: null,
      issuedDocument: null,
      public: true,
      anonymousAllowed: true,
      locationRequired: true,
    },
  };
}

/** A seeded pseudo-random generator, so the demo is the same every time. */
export function mulberry(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomPointInBoundary(rand: () => number, boundary: TGeometry = DEMO_BOUNDARY) {
  for (;;) {
    const lon = 23.69 + rand() * 0.09;
    const lat = 37.99 + rand() * 0.055;
    if (booleanPointInPolygon([lon, lat], boundary as never)) return { lon, lat };
  }
}

const STATES = ['new', 'new', 'planned', 'in_progress', 'in_progress', 'fixed', 'fixed', 'fixed', 'not_fixed'] as const;
const STREETS = ['Οδός Ερμού', 'Λεωφόρος Αθηνών', 'Οδός Αγίου Νικολάου', 'Πλατεία Ελευθερίας', 'Οδός Παπαφλέσσα', 'Οδός Κολοκοτρώνη'];

/** Categories with their types (creating missing types, moving existing ones onto the street workflow). */
export async function seedReportCategories(db: DbOrTx, tenantId: string) {
  await ensureStreetWorkflow(db, tenantId);
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, ['SYNT', 'ILEK', 'APOK'])));
  const unit = (code: string | null) => (code ? (units.find((u) => u.code === code)?.id ?? null) : null);
  for (const [i, c] of CATEGORIES.entries()) {
    const exists = (await caseTypeInfos(db, tenantId)).find((t) => t.key === c.key);
    let typeId: string;
    if (exists) {
      const t = await getCaseType(db, tenantId, exists.id);
      if (t.snapshot.workflowKey !== STREET_WORKFLOW.key) {
        await updateCaseType(db, tenantId, t.id, {
          group: t.group,
          icon: t.icon ?? c.icon,
          active: t.active,
          snapshot: { ...t.snapshot, workflowKey: STREET_WORKFLOW.key, anonymousAllowed: true, locationRequired: true },
        });
      }
      typeId = t.id;
    } else {
      typeId = (await createCaseType(db, tenantId, streetType(c, unit(c.unit)))).id;
    }
    await setCategory(db, tenantId, typeId, { outsideBody: c.outsideBody, sortOrder: i });
  }
  forgetCategories(tenantId);
}

export async function seedReportAreas(db: DbOrTx, tenantId: string) {
  await saveArea(db, tenantId, {
    kind: 'boundary',
    key: 'dimos',
    nameEl: 'Δήμος Νέας Αρκαδίας',
    nameEn: 'Nea Arkadia',
    geometry: DEMO_BOUNDARY,
  });
  for (const d of DEMO_DISTRICTS) await saveArea(db, tenantId, { kind: 'district', ...d });
  for (const n of DEMO_NEIGHBOURS) await saveArea(db, tenantId, { kind: 'neighbour', ...n });
}

/** Demo reports straight into the case tables (no notifications), numbered by the tenant's counter. */
export async function seedDemoReports(db: DbOrTx, tenantId: string, n: number, seed = 7) {
  const rand = mulberry(seed);
  const own = await db
    .select({ caseTypeId: reportCategories.caseTypeId })
    .from(reportCategories)
    .where(eq(reportCategories.tenantId, tenantId));
  const infos = await caseTypeInfos(
    db,
    tenantId,
    own.map((r) => r.caseTypeId),
  );
  const types = own.flatMap((r) => infos.filter((t) => t.id === r.caseTypeId));
  const wf = await getWorkflow(db, tenantId, STREET_WORKFLOW.key).catch(() => null);
  if (!wf || !types.length) return 0;
  const now = Date.now();
  const typeViews = new Map<string, Awaited<ReturnType<typeof getCaseType>>>();
  for (const ty of types) typeViews.set(ty.id, await getCaseType(db, tenantId, ty.id));
  await db.transaction(async (tx) => {
    const rows: TCaseImport[] = [];
    const extra: { forwardedTo: TOutsideBody | null; reviewed: boolean }[] = [];
    for (let i = 0; i < n; i++) {
      const ty = types[Math.floor(rand() * types.length)] as (typeof types)[number];
      const t = typeViews.get(ty.id) as Awaited<ReturnType<typeof getCaseType>>;
      const seedCat = CATEGORIES.find((c) => c.key === t.key);
      const outside = seedCat?.outsideBody ?? null;
      const stateKey = outside ? 'forwarded' : (STATES[Math.floor(rand() * STATES.length)] as string);
      const state = wf.definition.states.find((s) => s.key === stateKey) ?? wf.definition.states[0];
      if (!state) continue;
      const submittedAt = new Date(now - Math.floor(rand() * 120 * 86_400_000));
      const year = athensYear(submittedAt);
      const seq = await nextInternalNumber(tx, tenantId, year);
      const { lon, lat } = randomPointInBoundary(rand);
      const titles = seedCat?.titles ?? [t.snapshot.nameEl];
      const closed = ['resolved', 'closed', 'rejected'].includes(state.category);
      rows.push({
        caseTypeId: t.id,
        caseTypeVersionId: t.versionId,
        workflowId: wf.id,
        protocolNumber: formatProtocolNumber('{n}/{yyyy}', seq, year),
        protocolYear: year,
        protocolSeq: seq,
        protocolStatus: 'assigned',
        protocolDate: submittedAt,
        trackingCode: newTrackingCode(),
        title: titles[Math.floor(rand() * titles.length)] as string,
        description: null,
        data: {},
        channel: rand() < 0.6 ? 'app' : 'web',
        state: state.key,
        stateCategory: state.category,
        unitId: t.snapshot.defaultUnitId,
        lat,
        lon,
        address: `${STREETS[Math.floor(rand() * STREETS.length)]} ${1 + Math.floor(rand() * 120)}`,
        submittedAt,
        resolvedAt: closed ? new Date(submittedAt.getTime() + 3 * 86_400_000) : null,
        updatedAt: submittedAt,
      });
      extra.push({ forwardedTo: outside, reviewed: rand() < 0.7 });
    }
    const historyOf = (x: (typeof extra)[number], row: { id: string; state: string; submittedAt: Date }) => {
      const events: TCaseEventImport[] = [{ kind: 'submitted', public: true, authorKind: 'device', createdAt: row.submittedAt }];
      if (x.forwardedTo) {
        events.push({
          kind: 'forwarded',
          public: true,
          authorKind: 'system',
          data: { toEl: x.forwardedTo.nameEl, toEn: x.forwardedTo.nameEn, from: 'new', to: 'forwarded' },
          createdAt: row.submittedAt,
        });
      } else if (row.state !== 'new') {
        events.push({
          kind: 'transition',
          public: true,
          authorKind: 'staff',
          data: { from: 'new', to: row.state },
          createdAt: new Date(row.submittedAt.getTime() + 86_400_000),
        });
      }
      return events;
    };
    const inserted = await importCases(
      tx,
      tenantId,
      rows.map((c, i) => ({ case: c, events: (row) => historyOf(extra[i] as (typeof extra)[number], row) })),
    );
    const reviewed: (typeof reportModeration.$inferInsert)[] = [];
    inserted.forEach((row, i) => {
      if (extra[i]?.reviewed) reviewed.push({ caseId: row.id, tenantId, reviewed: true, reviewedAt: row.submittedAt });
    });
    if (reviewed.length) await tx.insert(reportModeration).values(reviewed);
  });
  return n;
}

export async function seedReportsDemo(db: DbOrTx, tenantId: string) {
  await seedReportCategories(db, tenantId);
  await seedReportAreas(db, tenantId);
  const own = await db
    .select({ caseTypeId: reportCategories.caseTypeId })
    .from(reportCategories)
    .where(eq(reportCategories.tenantId, tenantId));
  const n = await countCases(db, tenantId, { caseTypeIds: own.map((r) => r.caseTypeId) });
  if (n === 0) await seedDemoReports(db, tenantId, 240);
}
