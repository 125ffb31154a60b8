import { z } from 'zod';
import { listPermissions } from '../access/access.js';
import { STAFF_ROLES, type TStaffRole } from '../identity/identity.schema.js';

/** How the back office names each staff role. */
export const ROLE_NAMES: Record<TStaffRole, { el: string; en: string }> = {
  admin: { el: 'Διαχειριστής', en: 'Administrator' },
  head: { el: 'Προϊστάμενος μονάδας', en: 'Head of unit' },
  employee: { el: 'Υπάλληλος', en: 'Employee' },
  operator: { el: 'Χειριστής τηλεφωνικού κέντρου', en: 'Call-centre operator' },
  council: { el: 'Δημοτικός σύμβουλος', en: 'Council member' },
  mayor_office: { el: 'Γραφείο Δημάρχου', en: "Mayor's office" },
};

/** Labels for the platform's own permissions; modules' permissions fall back to their names. */
const PERMISSION_NAMES: Record<string, { el: string; en: string }> = {
  'units.manage': { el: 'Διαχείριση οργανογράμματος', en: 'Manage org units' },
  'staff.manage': { el: 'Διαχείριση προσωπικού και ρόλων', en: 'Manage staff and roles' },
  'staff.read': { el: 'Προβολή προσωπικού', en: 'View staff' },
  'partners.manage': { el: 'Διαχείριση συνεργαζόμενων φορέων', en: 'Manage partner organisations' },
  'audit.read': { el: 'Προβολή ιστορικού ενεργειών', en: 'Browse the audit log' },
  'tenant.manage': { el: 'Ρυθμίσεις δήμου', en: 'Municipality settings' },
  'files.read_any': { el: 'Πρόσβαση σε όλα τα αρχεία', en: 'Read any file' },
  'jobs.manage': { el: 'Διαχείριση εργασιών παρασκηνίου', en: 'Manage background jobs' },
  'calendar.manage': { el: 'Αργίες και ημερολόγιο εργασίας', en: 'Holidays and working calendar' },
  'citizens.lookup': { el: 'Αναζήτηση δημοτών', en: 'Look up citizens' },
};

export const ZRolesCatalogue = z.object({
  roles: z.array(
    z.object({
      role: z.enum(STAFF_ROLES),
      nameEl: z.string(),
      nameEn: z.string(),
      /** Administrators hold every permission, including ones modules add later. */
      allPermissions: z.boolean(),
      permissions: z.array(z.string()),
    }),
  ),
  permissions: z.array(z.object({ name: z.string(), nameEl: z.string(), nameEn: z.string(), roles: z.array(z.enum(STAFF_ROLES)) })),
});

export function rolesCatalogue(): z.infer<typeof ZRolesCatalogue> {
  const perms = listPermissions().sort((a, b) => a.name.localeCompare(b.name));
  return {
    roles: STAFF_ROLES.map((role) => ({
      role,
      nameEl: ROLE_NAMES[role].el,
      nameEn: ROLE_NAMES[role].en,
      allPermissions: role === 'admin',
      permissions: perms.filter((p) => role === 'admin' || p.roles.includes(role)).map((p) => p.name),
    })),
    permissions: perms.map((p) => ({
      name: p.name,
      nameEl: PERMISSION_NAMES[p.name]?.el ?? p.name,
      nameEn: PERMISSION_NAMES[p.name]?.en ?? p.name,
      roles: ['admin' as TStaffRole, ...p.roles.filter((r) => r !== 'admin')],
    })),
  };
}
