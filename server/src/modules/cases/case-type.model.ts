import { z } from 'zod';
import { STAFF_ROLES } from '../../platform/identity/identity.schema.js';
import { ZFormDefinition } from '../forms/index.js';

/** The shapes of case types and workflows as administrators edit them; one schema validates, types and documents. */

export const ZStateCategory = z.enum(['new', 'open', 'in_progress', 'waiting_citizen', 'resolved', 'rejected', 'closed']);
const ZKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'key');

export const ZWorkflowState = z.object({
  key: ZKey,
  nameEl: z.string().min(1).max(120),
  nameEn: z.string().min(1).max(120),
  category: ZStateCategory,
  initial: z.boolean().optional(),
});

export const ZWorkflowTransition = z.object({
  key: ZKey,
  from: ZKey,
  to: ZKey,
  nameEl: z.string().min(1).max(120),
  nameEn: z.string().min(1).max(120),
  /** Staff roles that may take it; empty means anyone who may handle the case. */
  roles: z.array(z.enum(STAFF_ROLES)).default([]),
  commentRequired: z.boolean().default(false),
  citizenVisible: z.boolean().default(true),
  messageEl: z.string().max(2000).optional(),
  messageEn: z.string().max(2000).optional(),
});

export const ZWorkflowDefinition = z.object({
  states: z.array(ZWorkflowState).min(1).max(50),
  transitions: z.array(ZWorkflowTransition).max(200),
});
export type TWorkflowDefinition = z.infer<typeof ZWorkflowDefinition>;
export type TWorkflowState = z.infer<typeof ZWorkflowState>;
export type TWorkflowTransition = z.infer<typeof ZWorkflowTransition>;

export const ZWorkflowBody = z.object({
  key: ZKey,
  nameEl: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  definition: ZWorkflowDefinition,
});
export type TWorkflowBody = z.infer<typeof ZWorkflowBody>;

/** A GeoJSON polygon (WGS84) for routing by map area. */
export const ZPolygon = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()).min(1),
});

export const ZRoutingRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('area'), unitId: z.uuid(), area: ZPolygon, label: z.string().max(200).optional() }),
  z.object({
    kind: z.literal('field'),
    unitId: z.uuid(),
    field: z.string().min(1).max(100),
    /** Matches when the field's value equals one of these. */
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  }),
]);
export type TRoutingRule = z.infer<typeof ZRoutingRule>;

/** The life events by which the citizen catalogue groups services. */
export const LIFE_EVENTS = ['birth', 'marriage', 'residence', 'business', 'children', 'military', 'death'] as const;
export const ZLifeEvent = z.enum(LIFE_EVENTS);

/** Everything about a case type that may change between versions. */
export const ZCaseTypeSnapshot = z.object({
  nameEl: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  descriptionEl: z.string().max(4000).optional(),
  descriptionEn: z.string().max(4000).optional(),
  form: ZFormDefinition,
  /**
   * What the applicant brings. A document with a `key` is uploaded in the form's file field of that id;
   * `registry` names the once-only record (Μητρώο Πολιτών) that replaces it when the state already holds it;
   * `optional` documents are listed but never demanded.
   */
  requiredDocuments: z
    .array(
      z.object({
        el: z.string().min(1).max(300),
        en: z.string().min(1).max(300),
        key: ZKey.optional(),
        registry: ZKey.optional(),
        optional: z.boolean().optional(),
      }),
    )
    .default([]),
  /** The unit that gets the case when no routing rule matches (routing by category). */
  defaultUnitId: z.uuid().nullable().default(null),
  routing: z.array(ZRoutingRule).default([]),
  workflowKey: ZKey,
  slaDays: z.number().int().min(0).max(3650).nullable().default(null),
  /**
   * A fee paid by e-παράβολο, and late-declaration fines: when the form's date field `lateFrom`
   * lies more than `afterDays` days before the filing date, the largest matching fine applies instead.
   */
  fee: z
    .object({
      cents: z.number().int().min(0),
      eParavoloCode: z.string().max(50).optional(),
      lateFrom: z.string().min(1).max(100).optional(),
      lateFines: z
        .array(
          z.object({
            afterDays: z.number().int().min(1).max(36500),
            cents: z.number().int().min(1),
            eParavoloCode: z.string().min(1).max(50),
          }),
        )
        .max(10)
        .optional(),
    })
    .nullable()
    .default(null),
  issuedDocument: z
    .object({ templateKey: z.string().min(1).max(100) })
    .nullable()
    .default(null),
  /** Public types are filed by citizens; private ones only by staff on their behalf. */
  public: z.boolean().default(true),
  anonymousAllowed: z.boolean().default(false),
  locationRequired: z.boolean().default(false),
  /** Who may file it: 'taxisnet' for services that issue personal documents; 'verified' = verified phone/e-mail or TaxisNet. */
  identity: z.enum(['any', 'verified', 'taxisnet']).default('any'),
  /** May be filed for another person, with an authorisation document (εξουσιοδότηση) in the form's `authorisation` field. */
  onBehalf: z.boolean().default(false),
  /** Where the citizen catalogue lists it. */
  lifeEvents: z.array(ZLifeEvent).max(7).default([]),
  /** A module's own application page (e.g. '/nursery'), instead of the generic form. */
  applyPath: z
    .string()
    .regex(/^\/[a-z0-9/_-]{0,200}$/)
    .nullable()
    .default(null),
});
export type TCaseTypeSnapshot = z.infer<typeof ZCaseTypeSnapshot>;

export const ZCaseTypeBody = z.object({
  key: ZKey,
  group: z.string().min(1).max(100),
  icon: z.string().max(100).nullable().default(null),
  active: z.boolean().default(true),
  snapshot: ZCaseTypeSnapshot,
});
/** What callers pass; defaults fill the rest. */
export type TCaseTypeBody = z.input<typeof ZCaseTypeBody>;
export const ZCaseTypeUpdateBody = ZCaseTypeBody.omit({ key: true });
export type TCaseTypeUpdateBody = z.input<typeof ZCaseTypeUpdateBody>;
