import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { roleAssignments, type TStaffRole, users } from '../identity/identity.schema.js';
import { hashPassword } from '../identity/password.js';
import { orgUnits, partnerOrgs } from '../tenancy/org.schema.js';
import { tenants } from '../tenancy/tenancy.schema.js';
import { createTenant } from '../tenancy/tenant.service.js';

export async function tenantCount(db: Db) {
  const [row] = await db.select({ n: count() }).from(tenants);
  return row?.n ?? 0;
}

/** A rough boundary for the demo municipality (WGS84), so map features have somewhere to be. */
export const DEMO_BOUNDARY = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [23.7, 37.99],
      [23.77, 37.99],
      [23.78, 38.03],
      [23.72, 38.045],
      [23.69, 38.02],
      [23.7, 37.99],
    ],
  ],
};

type UnitSeed = { code: string; kind: 'directorate' | 'department' | 'office'; el: string; en: string; parent?: string };

export const DEMO_UNITS: UnitSeed[] = [
  { code: 'DIOIK', kind: 'directorate', el: 'Διεύθυνση Διοικητικών Υπηρεσιών', en: 'Directorate of Administrative Services' },
  { code: 'LIXI', kind: 'department', el: 'Τμήμα Ληξιαρχείου', en: 'Civil Registry Office', parent: 'DIOIK' },
  { code: 'DIMOT', kind: 'department', el: 'Τμήμα Δημοτολογίου', en: 'Municipal Registry Department', parent: 'DIOIK' },
  { code: 'KEP', kind: 'office', el: 'ΚΕΠ Δήμου', en: 'Citizen Service Centre (KEP)', parent: 'DIOIK' },
  { code: 'TEXN', kind: 'directorate', el: 'Διεύθυνση Τεχνικών Υπηρεσιών', en: 'Directorate of Technical Services' },
  { code: 'SYNT', kind: 'department', el: 'Τμήμα Συντήρησης Υποδομών', en: 'Infrastructure Maintenance Department', parent: 'TEXN' },
  { code: 'ILEK', kind: 'department', el: 'Τμήμα Ηλεκτροφωτισμού', en: 'Street Lighting Department', parent: 'TEXN' },
  { code: 'KATH', kind: 'directorate', el: 'Διεύθυνση Καθαριότητας', en: 'Directorate of Cleaning' },
  { code: 'APOK', kind: 'department', el: 'Τμήμα Αποκομιδής Απορριμμάτων', en: 'Waste Collection Department', parent: 'KATH' },
  { code: 'OIKON', kind: 'directorate', el: 'Διεύθυνση Οικονομικών Υπηρεσιών', en: 'Directorate of Financial Services' },
  { code: 'ESOD', kind: 'department', el: 'Τμήμα Εσόδων', en: 'Revenue Department', parent: 'OIKON' },
  { code: 'KOIN', kind: 'directorate', el: 'Διεύθυνση Κοινωνικής Προστασίας', en: 'Directorate of Social Protection' },
  { code: 'PAID', kind: 'department', el: 'Τμήμα Παιδικών Σταθμών', en: 'Nurseries Department', parent: 'KOIN' },
  { code: 'TYPOU', kind: 'office', el: 'Γραφείο Τύπου', en: 'Press Office' },
  { code: 'DIMARX', kind: 'office', el: 'Γραφείο Δημάρχου', en: "Mayor's Office" },
  { code: 'TILEF', kind: 'office', el: 'Τηλεφωνικό Κέντρο Εξυπηρέτησης', en: 'Call Centre' },
  { code: 'DS', kind: 'office', el: 'Γραμματεία Δημοτικού Συμβουλίου', en: 'Municipal Council Secretariat' },
];

type StaffSeed = { email: string; given: string; family: string; role: TStaffRole; unit: string | null };

export const DEMO_STAFF: StaffSeed[] = [
  { email: 'admin@demo.dimos.gr', given: 'Ελένη', family: 'Παπαδοπούλου', role: 'admin', unit: null },
  { email: 'techniki@demo.dimos.gr', given: 'Γιώργος', family: 'Νικολάου', role: 'head', unit: 'TEXN' },
  { email: 'syntirisi@demo.dimos.gr', given: 'Κώστας', family: 'Αθανασίου', role: 'employee', unit: 'SYNT' },
  { email: 'lixiarxeio@demo.dimos.gr', given: 'Μαρία', family: 'Γεωργίου', role: 'employee', unit: 'LIXI' },
  { email: 'dimotologio@demo.dimos.gr', given: 'Δημήτρης', family: 'Ιωάννου', role: 'head', unit: 'DIMOT' },
  { email: 'kathariotita@demo.dimos.gr', given: 'Νίκος', family: 'Βασιλείου', role: 'employee', unit: 'APOK' },
  { email: 'tilefoniko@demo.dimos.gr', given: 'Σοφία', family: 'Κωνσταντίνου', role: 'operator', unit: 'TILEF' },
  { email: 'symvoulos@demo.dimos.gr', given: 'Αντώνης', family: 'Μιχαηλίδης', role: 'council', unit: 'DS' },
  { email: 'dimarxos@demo.dimos.gr', given: 'Κατερίνα', family: 'Δημητρίου', role: 'mayor_office', unit: 'DIMARX' },
  { email: 'typou@demo.dimos.gr', given: 'Άννα', family: 'Σταματίου', role: 'employee', unit: 'TYPOU' },
];

/**
 * Seeds the demo municipality with its units, staff of every role and a partner school.
 * Idempotent: does nothing when the tenant exists. Passwords come from DEMO_PASSWORD or are
 * generated, and are returned for printing only in development.
 */
export async function seedDemo(
  db: Db,
  opts: { slug?: string; printPasswords: boolean; password?: string; hosts?: string[] },
): Promise<{ tenantId: string; created: boolean; lines: string[]; password: string }> {
  const slug = opts.slug ?? 'demo';
  const password = opts.password ?? process.env.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
  const existing = await db.query.tenants.findFirst({ where: eq(tenants.slug, slug) });
  if (existing) return { tenantId: existing.id, created: false, lines: [], password };

  const passwordHash = await hashPassword(password);
  const tenantId = await db.transaction(async (tx) => {
    const tenant = await createTenant(tx, {
      slug,
      nameEl: 'Δήμος Νέας Αρκαδίας',
      nameEn: 'Municipality of Nea Arkadia',
      hosts: opts.hosts ?? [],
      boundary: DEMO_BOUNDARY,
      contacts: { email: 'info@demo.dimos.gr', phone: '2101234567', address: 'Πλατεία Δημαρχείου 1, 11111 Νέα Αρκαδία' },
      branding: { primaryColor: '#0b5394' },
    });
    const unitIds = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const [row] = await tx
        .insert(orgUnits)
        .values({
          tenantId: tenant.id,
          code: u.code,
          kind: u.kind,
          nameEl: u.el,
          nameEn: u.en,
          parentId: u.parent ? unitIds.get(u.parent) : null,
        })
        .returning({ id: orgUnits.id });
      if (row) unitIds.set(u.code, row.id);
    }
    for (const s of DEMO_STAFF) {
      const [user] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          kind: 'staff',
          email: s.email,
          givenName: s.given,
          familyName: s.family,
          passwordHash,
          emailVerifiedAt: new Date(),
        })
        .returning({ id: users.id });
      if (user) {
        await tx.insert(roleAssignments).values({
          tenantId: tenant.id,
          userId: user.id,
          role: s.role,
          unitId: s.unit ? unitIds.get(s.unit) : null,
        });
      }
    }
    const [school] = await tx
      .insert(partnerOrgs)
      .values({ tenantId: tenant.id, kind: 'school', name: '1ο Δημοτικό Σχολείο Νέας Αρκαδίας', email: '1dim@demo.dimos.gr' })
      .returning({ id: partnerOrgs.id });
    await tx.insert(users).values({
      tenantId: tenant.id,
      kind: 'partner',
      email: 'dieuthyntis@1dim.demo.dimos.gr',
      givenName: 'Παναγιώτης',
      familyName: 'Οικονόμου',
      passwordHash,
      partnerOrgId: school?.id,
      partnerRole: 'manager',
      emailVerifiedAt: new Date(),
    });
    return tenant.id;
  });

  const lines = [`Demo municipality "${slug}" created.`];
  if (opts.printPasswords) {
    lines.push(`Demo staff (password for all: ${password}):`);
    for (const s of DEMO_STAFF) lines.push(`  ${s.email}  (${s.role})`);
    lines.push('  dieuthyntis@1dim.demo.dimos.gr  (school principal, partner)');
  }
  return { tenantId, created: true, lines, password };
}
