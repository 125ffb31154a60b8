import { z } from 'zod';
import { ZAnswer } from '../forms/index.js';
import { CASE_CHANNELS, STATE_CATEGORIES } from './schema.js';

/** Request and response shapes of case routes; one schema validates, types and documents. */

export const ZLocation = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  address: z.string().max(300).optional(),
});

export const ZContact = z.object({
  name: z.string().max(200).optional(),
  email: z.email().max(200).optional(),
  phone: z.string().max(40).optional(),
});

export const ZSubmitCaseBody = z.object({
  caseType: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()).default({}),
  title: z.string().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  location: ZLocation.optional(),
  fileIds: z.array(z.uuid()).max(20).default([]),
  channel: z.enum(['app', 'web', 'kiosk', 'api']).default('web'),
  contact: ZContact.optional(),
});
export type TSubmitCaseBody = z.infer<typeof ZSubmitCaseBody>;

/** Staff file a case for a citizen who phoned or came to the counter. */
export const ZIntakeCaseBody = ZSubmitCaseBody.extend({
  channel: z.enum(CASE_CHANNELS).default('phone'),
  citizenUserId: z.uuid().optional(),
});
export type TIntakeCaseBody = z.infer<typeof ZIntakeCaseBody>;

export const ZLocalized = z.object({ el: z.string(), en: z.string() });

export const ZCaseEvent = z.object({
  id: z.uuid(),
  kind: z.string(),
  public: z.boolean(),
  body: z.string().nullable(),
  authorKind: z.string(),
  authorUserId: z.uuid().nullable().optional(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

export const ZExpected = z.object({
  basis: z.enum(['history', 'sla', 'none']),
  /** Half of similar cases were resolved by this date. */
  median: z.string().nullable(),
  /** Four in five similar cases were resolved by this date. */
  p80: z.string().nullable(),
  sampleSize: z.number().int(),
});

export const ZCaseSummary = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  protocolStatus: z.enum(['assigned', 'pending']),
  title: z.string(),
  caseType: z.object({ id: z.uuid(), key: z.string(), version: z.number().int(), name: ZLocalized }),
  state: z.string(),
  stateName: ZLocalized,
  stateCategory: z.enum(STATE_CATEGORIES),
  channel: z.enum(CASE_CHANNELS),
  unitId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  tags: z.array(z.string()),
  location: ZLocation.nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  submittedAt: z.date(),
  resolvedAt: z.date().nullable(),
  mergedIntoId: z.uuid().nullable(),
});

export const ZCaseDetail = ZCaseSummary.extend({
  description: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** `data` as staff read it: the form's labels, choice labels, people, dates and file names (both languages). */
  answers: z.array(ZAnswer),
  fileIds: z.array(z.uuid()),
  contact: ZContact,
  trackingCode: z.string(),
  citizenUserId: z.uuid().nullable(),
  timeline: z.array(ZCaseEvent),
  links: z.array(z.uuid()),
  transitions: z.array(z.object({ key: z.string(), to: z.string(), name: ZLocalized, commentRequired: z.boolean(), allowed: z.boolean() })),
});

/** What a citizen sees of a case: no internal notes, no staff names. */
/** The citizen's rating of a finished case (once per case). */
export const ZRating = z.object({ stars: z.number().int(), comment: z.string().nullable(), createdAt: z.date() });

export const ZCitizenCase = z.object({
  id: z.uuid(),
  protocolNumber: z.string().nullable(),
  protocolStatus: z.enum(['assigned', 'pending']),
  trackingCode: z.string(),
  title: z.string(),
  caseType: z.object({ key: z.string(), name: ZLocalized }),
  state: z.string(),
  stateName: ZLocalized,
  stateCategory: z.enum(STATE_CATEGORIES),
  submittedAt: z.date(),
  dueDate: z.string().nullable(),
  expected: ZExpected,
  location: ZLocation.nullable(),
  timeline: z.array(ZCaseEvent.omit({ authorUserId: true })),
  rating: ZRating.nullable(),
});

export const ZCaseListQuery = z.object({
  q: z.string().max(200).optional(),
  type: z.string().optional(),
  category: z.union([z.enum(STATE_CATEGORIES), z.array(z.enum(STATE_CATEGORIES))]).optional(),
  state: z.string().optional(),
  unitId: z.uuid().optional(),
  assigneeId: z.union([z.uuid(), z.literal('none'), z.literal('me')]).optional(),
  channel: z.enum(CASE_CHANNELS).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Map box as minLon,minLat,maxLon,maxLat. */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/)
    .optional(),
  tag: z.string().optional(),
  sort: z.enum(['submitted_desc', 'submitted_asc', 'due_asc', 'relevance']).default('submitted_desc'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;
