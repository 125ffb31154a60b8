import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.js';
import { type Lang, t } from '../../platform/i18n/i18n.js';
import './messages.js';

/**
 * The published criteria of a call (μοριοδότηση) are data on the call, so a ranking can be
 * recomputed from the call and the answers alone. Four kinds:
 * - `flag`: yes/no, `points` when yes (single parent, orphan, disability in the family…);
 * - `choice`: one option, each with its points (working parents: both / one / none);
 * - `count`: `pointsEach` per unit up to `max` units (siblings enrolled or applying);
 * - `income`: the family's yearly income in euros, points by band (`upTo` inclusive, null = above all).
 * A criterion with a `document` key needs that supporting document whenever it earns points.
 */
const ZKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);
const ZLabel = { el: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) };
const ZPoints = z.number().int().min(0).max(1000);
const ZDoc = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/)
  .optional();

export const ZCriterion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flag'), key: ZKey, ...ZLabel, points: ZPoints, document: ZDoc }),
  z.object({
    kind: z.literal('choice'),
    key: ZKey,
    ...ZLabel,
    options: z
      .array(z.object({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), ...ZLabel, points: ZPoints }))
      .min(2)
      .max(20),
    document: ZDoc,
  }),
  z.object({ kind: z.literal('count'), key: ZKey, ...ZLabel, pointsEach: ZPoints, max: z.number().int().min(1).max(20), document: ZDoc }),
  z.object({
    kind: z.literal('income'),
    key: ZKey,
    ...ZLabel,
    bands: z
      .array(z.object({ upTo: z.number().int().min(0).nullable(), points: ZPoints }))
      .min(1)
      .max(20),
    document: ZDoc,
  }),
]);
export type TCriterion = z.infer<typeof ZCriterion>;
export const ZCriteria = z
  .array(ZCriterion)
  .min(1)
  .max(30)
  .refine((list) => new Set(list.map((c) => c.key)).size === list.length, { message: 'nursery.criteria_duplicate' })
  .refine((list) => list.filter((c) => c.kind === 'income').length <= 1, { message: 'nursery.criteria_income_once' });

/** The criteria a new call starts with (the municipality edits them before opening). */
export const DEFAULT_CRITERIA: TCriterion[] = [
  {
    kind: 'choice',
    key: 'workingParents',
    el: 'Εργαζόμενοι γονείς',
    en: 'Working parents',
    options: [
      { value: 'both', el: 'Εργάζονται και οι δύο γονείς (ή ο μόνος γονέας)', en: 'Both parents work (or the single parent)', points: 30 },
      { value: 'one', el: 'Εργάζεται ένας γονέας', en: 'One parent works', points: 15 },
      { value: 'none', el: 'Κανένας γονέας δεν εργάζεται', en: 'No parent works', points: 0 },
    ],
    document: 'employment',
  },
  {
    kind: 'flag',
    key: 'singleParent',
    el: 'Μονογονεϊκή οικογένεια',
    en: 'Single-parent family',
    points: 20,
    document: 'single_parent_proof',
  },
  {
    kind: 'flag',
    key: 'orphan',
    el: 'Ορφανό παιδί (από έναν ή δύο γονείς)',
    en: 'Orphan (of one or both parents)',
    points: 25,
    document: 'single_parent_proof',
  },
  {
    kind: 'income',
    key: 'familyIncome',
    el: 'Ετήσιο οικογενειακό εισόδημα (€)',
    en: 'Yearly family income (€)',
    bands: [
      { upTo: 10000, points: 30 },
      { upTo: 20000, points: 20 },
      { upTo: 30000, points: 10 },
      { upTo: null, points: 0 },
    ],
    document: 'income_statement',
  },
  {
    kind: 'count',
    key: 'siblings',
    el: 'Αδέλφια που φοιτούν ή αιτούνται στους σταθμούς του δήμου',
    en: 'Siblings enrolled or applying in the municipality’s nurseries',
    pointsEach: 10,
    max: 3,
  },
  {
    kind: 'flag',
    key: 'disability',
    el: 'Αναπηρία 67% και άνω γονέα ή αδελφού',
    en: 'Disability of 67% or more of a parent or sibling',
    points: 15,
    document: 'disability_proof',
  },
];

export type TPointLine = { key: string; points: number };

/** The points one criterion gives for an answer (answers already validated). */
function pointsOf(c: TCriterion, v: unknown): number {
  switch (c.kind) {
    case 'flag':
      return v === true ? c.points : 0;
    case 'choice':
      return c.options.find((o) => o.value === v)?.points ?? 0;
    case 'count':
      return Math.min(Number(v ?? 0), c.max) * c.pointsEach;
    case 'income': {
      const income = Number(v);
      if (!Number.isFinite(income)) return 0;
      const band = c.bands.find((b) => b.upTo === null || income <= b.upTo);
      return band?.points ?? 0;
    }
  }
}

/** Total points and the points per criterion. */
export function scoreAnswers(criteria: TCriterion[], answers: Record<string, unknown>) {
  const lines: TPointLine[] = criteria.map((c) => ({ key: c.key, points: pointsOf(c, answers[c.key]) }));
  return { total: lines.reduce((s, l) => s + l.points, 0), lines };
}

/** The family income answered (for the tie-breaker), or null when the call has no income criterion. */
export function incomeOf(criteria: TCriterion[], answers: Record<string, unknown>): number | null {
  const c = criteria.find((x) => x.kind === 'income');
  if (!c) return null;
  const v = Number(answers[c.key]);
  return Number.isFinite(v) ? v : null;
}

/** Documents the answers make necessary (criteria that earn points and name a document). */
export function documentsNeeded(criteria: TCriterion[], answers: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const c of criteria) if (c.document && (c.kind === 'income' || pointsOf(c, answers[c.key]) > 0)) out.add(c.document);
  return [...out];
}

/**
 * Checks answers against the criteria: flags are booleans (missing = no), choices one of the
 * options (required), counts whole numbers 0…20 (missing = 0), income a non-negative number (required).
 * `partial` (staff corrections) checks only the keys given. Errors name `answers.<key>` with the criterion's label.
 */
export function checkAnswers(criteria: TCriterion[], input: Record<string, unknown>, lang: Lang, partial = false) {
  const errors: FieldError[] = [];
  const value: Record<string, boolean | number | string> = {};
  const err = (c: TCriterion, code: string) => errors.push({ field: `answers.${c.key}`, code, message: t(lang, code, { field: c[lang] }) });
  const known = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(input)) {
    if (!known.has(k))
      errors.push({ field: `answers.${k}`, code: 'validation.unknown_field', message: t(lang, 'validation.unknown_field', { field: k }) });
  }
  for (const c of criteria) {
    if (partial && !Object.hasOwn(input, c.key)) continue;
    const v = input[c.key];
    const blank = v === undefined || v === null || v === '';
    switch (c.kind) {
      case 'flag':
        if (blank) value[c.key] = false;
        else if (typeof v !== 'boolean') err(c, 'nursery.answer_invalid');
        else value[c.key] = v;
        break;
      case 'choice':
        if (blank) err(c, 'validation.required');
        else if (!c.options.some((o) => o.value === v)) err(c, 'nursery.answer_invalid');
        else value[c.key] = v as string;
        break;
      case 'count':
        if (blank) value[c.key] = 0;
        else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 20) err(c, 'nursery.answer_invalid');
        else value[c.key] = v;
        break;
      case 'income':
        if (blank) err(c, 'validation.required');
        else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 10_000_000) err(c, 'nursery.answer_invalid');
        else value[c.key] = Math.round(v);
        break;
    }
  }
  return { errors, value };
}

/** Whole months from a birth date to the reference date (both YYYY-MM-DD). */
export function monthsBetween(birth: string, ref: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = ref.split('-').map(Number) as [number, number, number];
  let m = (ry - by) * 12 + (rm - bm);
  if (rd < bd) m -= 1;
  return m;
}

/** The age group at the call's reference date, or why the child cannot apply. */
export function ageGroupAt(
  birth: string,
  ref: string,
  rules: { infantFromMonths: number; toddlerFromMonths: number; toddlerUntilMonths: number },
): { group: 'infant' | 'toddler' } | { error: 'nursery.child_too_young' | 'nursery.child_too_old'; months: number } {
  const months = monthsBetween(birth, ref);
  if (months < rules.infantFromMonths) return { error: 'nursery.child_too_young', months };
  if (months >= rules.toddlerUntilMonths) return { error: 'nursery.child_too_old', months };
  return { group: months < rules.toddlerFromMonths ? 'infant' : 'toddler' };
}
