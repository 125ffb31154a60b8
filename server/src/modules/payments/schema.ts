import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { caseForeignKeys } from '../cases/index.js';

export const PAYMENT_STATUSES = ['verified', 'bound', 'conflict'] as const;
export type TPaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * An e-παράβολο code a case was filed with. `verified` when the case was accepted (the port said
 * paid, right type, enough, unused), `bound` once the port bound (δέσμευση) it to the case,
 * `conflict` when the code was already taken by another case of the municipality or by another body.
 * A code is held by at most one case per tenant: the partial unique index decides races.
 */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    tenantId: tenantId(),
    caseId: uuid('case_id').notNull().references(caseForeignKeys.caseId, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    /** The paravolo type code (κωδικός τύπου παραβόλου) the case type asks for, e.g. 3828. */
    typeCode: text('type_code'),
    /** What the case type asked for (fee or late fine). */
    feeCents: integer('fee_cents').notNull(),
    /** What the port says was paid. */
    paidCents: integer('paid_cents'),
    reason: text('reason', { enum: ['fee', 'late'] }).notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    /** The payment reference the port gives when it binds the code. */
    paymentRef: text('payment_ref'),
    /** For a conflict: the case that holds the code (null when another body bound it). */
    conflictCaseId: uuid('conflict_case_id'),
    verifiedAt: ts('verified_at').notNull().defaultNow(),
    boundAt: ts('bound_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_tenant_code_held').on(t.tenantId, t.code).where(sql`status <> 'conflict'`),
    uniqueIndex('payments_tenant_case').on(t.tenantId, t.caseId),
    index('payments_case').on(t.caseId),
  ],
);
export type TPaymentRow = typeof payments.$inferSelect;
