import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import { users } from '../../platform/identity/identity.schema.js';
import { orgUnits, partnerOrgs } from '../../platform/tenancy/org.schema.js';
import { requestInfo, transitionCase } from '../cases/index.js';
import { ensureRequestTypes, type TRequestKind } from './request-types.js';
import { fileRequest } from './requests.service.js';
import { schools, type TSchoolLevel } from './schema.js';

/** The demo's schools (inside the demo boundary), and a few requests in various states. */
const SCHOOLS: { name: string; level: TSchoolLevel; address: string; lat: number; lon: number; principal: string; phone: string }[] = [
  {
    name: '1ο Δημοτικό Σχολείο Νέας Αρκαδίας',
    level: 'primary',
    address: 'Σχολείων 1',
    lat: 38.012,
    lon: 23.731,
    principal: 'Παναγιώτης Οικονόμου',
    phone: '2101234501',
  },
  {
    name: '2ο Δημοτικό Σχολείο Νέας Αρκαδίας',
    level: 'primary',
    address: 'Παπαφλέσσα 14',
    lat: 38.021,
    lon: 23.742,
    principal: 'Ευαγγελία Ραφαηλίδου',
    phone: '2101234502',
  },
  {
    name: '1ο Νηπιαγωγείο Νέας Αρκαδίας',
    level: 'kindergarten',
    address: 'Ανεμώνης 3',
    lat: 38.004,
    lon: 23.722,
    principal: 'Χριστίνα Λαμπράκη',
    phone: '2101234503',
  },
  {
    name: '3ο Νηπιαγωγείο Νέας Αρκαδίας',
    level: 'kindergarten',
    address: 'Κύπρου 22',
    lat: 38.028,
    lon: 23.726,
    principal: 'Ιωάννα Μαυρίδου',
    phone: '2101234504',
  },
  {
    name: '1ο Γυμνάσιο Νέας Αρκαδίας',
    level: 'gymnasium',
    address: 'Ελευθερίας 40',
    lat: 38.016,
    lon: 23.752,
    principal: 'Θεόδωρος Καραλής',
    phone: '2101234505',
  },
  {
    name: '1ο Γενικό Λύκειο Νέας Αρκαδίας',
    level: 'lyceum',
    address: 'Αθηνάς 8',
    lat: 38.009,
    lon: 23.746,
    principal: 'Σταύρος Παππάς',
    phone: '2101234506',
  },
  {
    name: 'ΕΠΑΛ Νέας Αρκαδίας',
    level: 'vocational',
    address: 'Βιομηχανίας 2',
    lat: 37.998,
    lon: 23.738,
    principal: 'Αλέξανδρος Ζαχαρίου',
    phone: '2101234507',
  },
  {
    name: 'Ειδικό Δημοτικό Σχολείο Νέας Αρκαδίας',
    level: 'special',
    address: 'Ελπίδος 5',
    lat: 38.024,
    lon: 23.758,
    principal: 'Μαρίνα Τσολάκη',
    phone: '2101234508',
  },
];

type Step = { t: string; comment?: string } | { info: string };
const REQUESTS: { school: number; kind: TRequestKind; description: string; data: Record<string, unknown>; steps: Step[] }[] = [
  {
    school: 0,
    kind: 'plumbing',
    description: 'Διαρροή νερού κάτω από τους νιπτήρες των τουαλετών του ισογείου.',
    data: { building: 'Κεντρικό', area: 'Τουαλέτες ισογείου', urgency: 'high', safetyRisk: false },
    steps: [{ t: 'assign' }, { t: 'start' }],
  },
  {
    school: 0,
    kind: 'electrical',
    description: 'Δεν ανάβουν τα φώτα στον προαύλιο χώρο μετά τις 18:00.',
    data: { building: 'Προαύλιο', area: 'Είσοδος', urgency: 'normal', safetyRisk: false, scope: 'outdoor_lighting' },
    steps: [{ t: 'assign' }, { t: 'start' }, { t: 'done' }],
  },
  {
    school: 0,
    kind: 'heating',
    description: 'Ο λέβητας σβήνει κάθε πρωί· οι αίθουσες του 1ου ορόφου είναι κρύες.',
    data: { building: 'Κεντρικό', area: 'Λεβητοστάσιο', urgency: 'urgent', safetyRisk: false },
    steps: [{ t: 'assign' }, { info: 'Πόσα σώματα καλοριφέρ δεν ζεσταίνονται; Στείλτε φωτογραφία του πίνακα του λέβητα.' }],
  },
  {
    school: 1,
    kind: 'safety',
    description: 'Χαλαρό κάγκελο στη σκάλα προς τον 1ο όροφο.',
    data: { building: 'Νέα πτέρυγα', area: 'Κλιμακοστάσιο', urgency: 'urgent', safetyRisk: true },
    steps: [{ t: 'start_now' }],
  },
  {
    school: 1,
    kind: 'yard',
    description: 'Κλαδέματα στα πεύκα της αυλής πριν από τις εκδηλώσεις.',
    data: { building: 'Αυλή', area: 'Βόρεια πλευρά', urgency: 'low', safetyRisk: false, task: 'trees' },
    steps: [],
  },
  {
    school: 2,
    kind: 'repairs',
    description: 'Σπασμένο τζάμι στην αίθουσα των μεγάλων.',
    data: { building: 'Κεντρικό', area: 'Αίθουσα 2', urgency: 'high', safetyRisk: true },
    steps: [{ t: 'assign' }, { t: 'start' }, { t: 'done' }, { t: 'close' }],
  },
  {
    school: 4,
    kind: 'cleaning',
    description: 'Καθαρισμός υδρορροών και ταράτσας.',
    data: { building: 'Κεντρικό', area: 'Ταράτσα', urgency: 'normal', safetyRisk: false },
    steps: [{ t: 'assign' }],
  },
  {
    school: 5,
    kind: 'equipment',
    description: 'Χρειάζονται 20 νέα θρανία για τις αίθουσες της Α΄ τάξης.',
    data: { building: 'Κεντρικό', area: 'Αίθουσες Α΄ τάξης', urgency: 'low', safetyRisk: false },
    steps: [{ t: 'decline', comment: 'Η προμήθεια θρανίων γίνεται από την Περιφέρεια· διαβιβάστηκε εκεί.' }],
  },
  {
    school: 6,
    kind: 'electrical',
    description: 'Βραχυκύκλωμα στον πίνακα του εργαστηρίου.',
    data: { building: 'Εργαστήρια', area: 'Εργαστήριο ηλεκτρολογίας', urgency: 'high', safetyRisk: true, scope: 'indoor' },
    steps: [{ t: 'assign' }, { t: 'start' }],
  },
  {
    school: 7,
    kind: 'other',
    description: 'Ράμπα πρόσβασης στην πίσω είσοδο για αμαξίδια.',
    data: { building: 'Κεντρικό', area: 'Πίσω είσοδος', urgency: 'normal', safetyRisk: false },
    steps: [],
  },
];

function seedRequest(tenantId: string, actor: Actor): FastifyRequest {
  // the demo seed runs outside any HTTP request: a minimal stand-in carries the tenant and actor
  return {
    tenant: { id: tenantId },
    actor,
    lang: 'el',
    ip: '127.0.0.1',
    id: 'seed',
    headers: {},
    log: { warn() {}, info() {}, error() {} },
  } as unknown as FastifyRequest;
}

export async function seedSchoolsDemo(platform: Platform, tenantId: string) {
  const { db } = platform;
  const unitRows = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, ['SYNT', 'ILEK', 'KATH', 'TEXN', 'OIKON'])));
  const u = (code: string) => unitRows.find((r) => r.code === code)?.id ?? null;
  await ensureRequestTypes(db, tenantId, {
    units: {
      repairs: u('SYNT'),
      electrical: u('SYNT'),
      plumbing: u('SYNT'),
      heating: u('SYNT'),
      cleaning: u('KATH'),
      yard: u('TEXN'),
      equipment: u('OIKON'),
      safety: u('TEXN'),
      other: u('TEXN'),
    },
    lightingUnitId: u('ILEK'),
    greenUnitId: u('KATH'),
  });

  const [existingOrg] = await db
    .select({ id: partnerOrgs.id })
    .from(partnerOrgs)
    .where(and(eq(partnerOrgs.tenantId, tenantId), eq(partnerOrgs.kind, 'school'), eq(partnerOrgs.name, SCHOOLS[0]?.name ?? '')));
  const made: (typeof schools.$inferSelect)[] = [];
  for (const [i, s] of SCHOOLS.entries()) {
    let orgId = i === 0 ? existingOrg?.id : undefined;
    if (!orgId) {
      const [org] = await db
        .insert(partnerOrgs)
        .values({ tenantId, kind: 'school', name: s.name, contactName: s.principal, phone: s.phone, address: s.address })
        .returning({ id: partnerOrgs.id });
      orgId = org?.id;
    } else {
      await db.update(partnerOrgs).set({ contactName: s.principal, phone: s.phone, address: s.address }).where(eq(partnerOrgs.id, orgId));
    }
    if (!orgId) continue;
    const [row] = await db
      .insert(schools)
      .values({
        tenantId,
        partnerOrgId: orgId,
        name: s.name,
        level: s.level,
        code: String(9_050_100 + i),
        address: `${s.address}, Νέα Αρκαδία`,
        lat: s.lat,
        lon: s.lon,
        principalName: s.principal,
        phone: s.phone,
        email: i === 0 ? '1dim@demo.dimos.gr' : null,
        contacts: [{ name: 'Γραμματεία', role: 'Γραμματεία', phone: s.phone }],
      })
      .returning();
    if (row) made.push(row);
  }

  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, 'admin@demo.dimos.gr')));
  if (!admin) return;
  const staff: Actor = { kind: 'staff', userId: admin.id, sessionId: 'seed', secondFactor: true, roles: [{ role: 'admin', unitId: null }] };
  for (const r of REQUESTS) {
    const school = made[r.school];
    if (!school) continue;
    const [principal] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.partnerOrgId, school.partnerOrgId)));
    const filer: Actor = principal
      ? { kind: 'partner', userId: principal.id, sessionId: 'seed', partnerOrgId: school.partnerOrgId, partnerRole: 'manager' }
      : staff;
    const { caseId } = await fileRequest(platform, seedRequest(tenantId, filer), school, {
      kind: r.kind,
      description: r.description,
      data: r.data,
      fileIds: [],
    });
    const ctx = { platform, req: seedRequest(tenantId, staff) };
    for (const step of r.steps) {
      if ('info' in step) await requestInfo(ctx, caseId, { message: step.info });
      else await transitionCase(ctx, caseId, { transition: step.t, comment: step.comment });
    }
  }
}
