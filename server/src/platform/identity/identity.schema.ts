import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../db/columns.js';
import { orgUnits, partnerOrgs } from '../tenancy/org.schema.js';

/**
 * Every person who signs in: staff, citizens with an account, and partner users.
 * Anonymous citizens are devices, not users.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind', { enum: ['staff', 'citizen', 'partner'] }).notNull(),
    email: text('email'),
    phone: text('phone'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    fatherName: text('father_name'),
    motherName: text('mother_name'),
    birthDate: date('birth_date'),
    /** TaxisNet gives only the year of birth. */
    birthYear: integer('birth_year'),
    afm: text('afm'),
    locale: text('locale', { enum: ['el', 'en'] })
      .notNull()
      .default('el'),
    passwordHash: text('password_hash'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last TOTP time step accepted, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    emailVerifiedAt: ts('email_verified_at'),
    phoneVerifiedAt: ts('phone_verified_at'),
    taxisnetVerifiedAt: ts('taxisnet_verified_at'),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    partnerOrgId: uuid('partner_org_id').references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    partnerRole: text('partner_role', { enum: ['manager', 'member'] }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    disabledAt: ts('disabled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_tenant_email').on(t.tenantId, sql`lower(${t.email})`),
    uniqueIndex('users_tenant_afm').on(t.tenantId, t.afm),
    uniqueIndex('users_tenant_phone_citizen').on(t.tenantId, t.phone).where(sql`${t.kind} = 'citizen'`),
    uniqueIndex('users_tenant_oidc').on(t.tenantId, t.oidcIssuer, t.oidcSubject),
  ],
);

export const STAFF_ROLES = ['admin', 'head', 'employee', 'operator', 'council', 'mayor_office'] as const;
export type TStaffRole = (typeof STAFF_ROLES)[number];

/** A staff member's role in one unit; unit null means tenant-wide. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('role_assignments_unique').on(t.userId, t.unitId, t.role), index('role_assignments_user').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    secondFactor: boolean('second_factor').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** An app install or browser; keeps an anonymous citizen's history until they verify or log in. */
export const devices = pgTable(
  'devices',
  {
    id: id(),
    tenantId: tenantId(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('devices_user').on(t.userId)],
);

/** One-time codes and tokens: phone/e-mail verification, password reset, invitations. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: id(),
    tenantId: tenantId(),
    purpose: text('purpose', { enum: ['verify_phone', 'verify_email', 'password_reset', 'invitation', 'totp_enrol'] }).notNull(),
    secretHash: text('secret_hash').notNull(),
    address: text('address'),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('one_time_tokens_lookup').on(t.tenantId, t.purpose, t.address)],
);

/** State kept between the redirect to an identity provider and its callback. */
export const oauthStates = pgTable('oauth_states', {
  id: id(),
  tenantId: tenantId(),
  provider: text('provider', { enum: ['taxisnet', 'oidc'] }).notNull(),
  state: text('state').notNull().unique(),
  nonce: text('nonce'),
  codeVerifier: text('code_verifier'),
  deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'cascade' }),
  returnTo: text('return_to'),
  createdAt: createdAt(),
  expiresAt: ts('expires_at').notNull(),
});
