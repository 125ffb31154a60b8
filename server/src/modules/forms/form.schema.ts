import { z } from 'zod';

/**
 * A form is data: an ordered list of fields an administrator edits. The same
 * definition drives the server's validation and the web app's rendering for
 * citizen, kiosk and call-centre operator, so it must be self-describing and
 * checked when saved (`validateFormDefinition`), not when a citizen trips on it.
 */

export const FIELD_KINDS = ['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'yesNo', 'location', 'files', 'person'] as const;
export type TFieldKind = (typeof FIELD_KINDS)[number];

export const FILE_KINDS = ['image', 'document', 'video', 'audio'] as const;
export type TFileKind = (typeof FILE_KINDS)[number];

/** The parts of a person block, in the order the web app shows them. */
export const PERSON_PARTS = ['surname', 'name', 'fatherName', 'motherName', 'birthDate', 'afm', 'amka', 'idNumber'] as const;
export type TPersonPart = (typeof PERSON_PARTS)[number];

/** Field ids become submission keys and error paths (`applicant.afm`), so no dots or spaces. */
export const ZFieldId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/, 'forms.field_id_invalid');

export const ZLocalized = z.object({
  el: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
});
export type TLocalized = z.infer<typeof ZLocalized>;

const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'forms.date_invalid');
const ZScalar = z.union([z.string().max(200), z.number(), z.boolean()]);

export const ZShowIf = z.object({
  /** An earlier field's id. */
  field: ZFieldId,
  /** Shown when that field's value equals this (for multiple choice: when it is among the chosen). */
  equals: ZScalar.optional(),
  /** Shown when that field's value is one of these (multiple choice: any of them chosen). */
  in: z.array(ZScalar).min(1).max(200).optional(),
  /** Shown when that field has any value. */
  notEmpty: z.literal(true).optional(),
});
export type TShowIf = z.infer<typeof ZShowIf>;

const base = {
  id: ZFieldId,
  label: ZLocalized,
  help: ZLocalized.optional(),
  required: z.boolean().optional(),
  showIf: ZShowIf.optional(),
};

const len = z.number().int().min(0).max(100_000);

export const ZTextField = z.object({
  ...base,
  kind: z.literal('text'),
  minLength: len.optional(),
  maxLength: len.optional(),
  /** A JavaScript regular expression the whole trimmed value must match (anchored for you). */
  pattern: z.string().min(1).max(500).optional(),
});

export const ZLongTextField = z.object({
  ...base,
  kind: z.literal('longText'),
  minLength: len.optional(),
  maxLength: len.optional(),
});

export const ZNumberField = z.object({
  ...base,
  kind: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
});

export const ZDateField = z.object({
  ...base,
  kind: z.literal('date'),
  min: ZIsoDate.optional(),
  max: ZIsoDate.optional(),
  /** 'past': today or earlier (a birth date); 'future': today or later (an appointment). Today in Athens. */
  range: z.enum(['past', 'future']).optional(),
});

export const ZChoiceOption = z.object({ value: z.string().trim().min(1).max(100), label: ZLocalized });
export type TChoiceOption = z.infer<typeof ZChoiceOption>;

export const ZChoiceField = z.object({
  ...base,
  kind: z.literal('choice'),
  options: z.array(ZChoiceOption).min(1).max(500),
});

export const ZMultiChoiceField = z.object({
  ...base,
  kind: z.literal('multiChoice'),
  options: z.array(ZChoiceOption).min(1).max(500),
  minSelected: z.number().int().min(0).optional(),
  maxSelected: z.number().int().min(1).optional(),
});

export const ZYesNoField = z.object({
  ...base,
  kind: z.literal('yesNo'),
  /** A consent box: only "yes" is accepted. */
  mustBeTrue: z.boolean().optional(),
});

export const ZLocationField = z.object({ ...base, kind: z.literal('location') });

export const ZFilesField = z.object({
  ...base,
  kind: z.literal('files'),
  /** Kinds of file accepted; all when absent. Checked by whoever resolves the ids (the case engine). */
  allowedKinds: z.array(z.enum(FILE_KINDS)).min(1).optional(),
  minFiles: z.number().int().min(0).max(50).optional(),
  maxFiles: z.number().int().min(1).max(50).optional(),
});

export const ZPersonField = z.object({
  ...base,
  kind: z.literal('person'),
  // Surname and name are always required once the block is filled in; these add the rest.
  requireAfm: z.boolean().optional(),
  requireAmka: z.boolean().optional(),
  requireIdNumber: z.boolean().optional(),
  requireParents: z.boolean().optional(),
  requireBirthDate: z.boolean().optional(),
  /** Which parts to ask for at all; all when absent. Required parts are always asked. */
  parts: z.array(z.enum(PERSON_PARTS)).min(1).optional(),
  /** Labels for parts that read better than "ΑΦΜ (Αιτών)", e.g. { afm: { el: 'ΑΦΜ αιτούντος', en: "Applicant's tax number" } }. */
  partLabels: z.partialRecord(z.enum(PERSON_PARTS), ZLocalized).optional(),
});

const ZFieldUnion = z.discriminatedUnion('kind', [
  ZTextField,
  ZLongTextField,
  ZNumberField,
  ZDateField,
  ZChoiceField,
  ZMultiChoiceField,
  ZYesNoField,
  ZLocationField,
  ZFilesField,
  ZPersonField,
]);

export type TTextField = z.infer<typeof ZTextField>;
export type TLongTextField = z.infer<typeof ZLongTextField>;
export type TNumberField = z.infer<typeof ZNumberField>;
export type TDateField = z.infer<typeof ZDateField>;
export type TChoiceField = z.infer<typeof ZChoiceField>;
export type TMultiChoiceField = z.infer<typeof ZMultiChoiceField>;
export type TYesNoField = z.infer<typeof ZYesNoField>;
export type TLocationField = z.infer<typeof ZLocationField>;
export type TFilesField = z.infer<typeof ZFilesField>;
export type TPersonField = z.infer<typeof ZPersonField>;

type Issue = { path: (string | number)[]; code: string; params?: Record<string, unknown> };

/** A `YYYY-MM-DD` that names a day on the calendar (no 31 April); used by definitions and by submitted values. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The checks of one field alone (bounds in order, options unique, pattern compiles). */
function fieldIssues(f: TFormField, i: number): Issue[] {
  const out: Issue[] = [];
  const at = (key: string | number, ...rest: (string | number)[]) => ['fields', i, key, ...rest];
  const order = (lo: number | undefined, hi: number | undefined, key: string) => {
    if (lo !== undefined && hi !== undefined && lo > hi) out.push({ path: at(key), code: 'forms.def_min_above_max' });
  };
  switch (f.kind) {
    case 'text':
      if (f.pattern !== undefined) {
        try {
          // Compiled as validation uses it, so a pattern that only breaks once anchored is caught too.
          new RegExp(`^(?:${f.pattern})$`, 'u');
        } catch {
          out.push({ path: at('pattern'), code: 'forms.def_pattern_invalid' });
        }
      }
      order(f.minLength, f.maxLength, 'maxLength');
      break;
    case 'longText':
      order(f.minLength, f.maxLength, 'maxLength');
      break;
    case 'number':
      order(f.min, f.max, 'max');
      break;
    case 'date':
      if (f.min && !isRealDate(f.min)) out.push({ path: at('min'), code: 'forms.date_invalid' });
      if (f.max && !isRealDate(f.max)) out.push({ path: at('max'), code: 'forms.date_invalid' });
      if (f.min && f.max && f.min > f.max) out.push({ path: at('max'), code: 'forms.def_min_above_max' });
      break;
    case 'choice':
    case 'multiChoice': {
      const seen = new Set<string>();
      f.options.forEach((o, j) => {
        if (seen.has(o.value))
          out.push({ path: at('options', j, 'value'), code: 'forms.def_duplicate_option', params: { value: o.value } });
        seen.add(o.value);
      });
      if (f.kind === 'multiChoice') {
        order(f.minSelected, f.maxSelected, 'maxSelected');
        if (f.minSelected !== undefined && f.minSelected > f.options.length)
          out.push({ path: at('minSelected'), code: 'forms.def_min_above_options' });
      }
      break;
    }
    case 'files':
      order(f.minFiles, f.maxFiles, 'maxFiles');
      break;
    default:
      break;
  }
  return out;
}

/** showIf must point back to an earlier field, with a condition that field can meet. */
function showIfIssues(f: TFormField, i: number, earlier: Map<string, TFormField>): Issue[] {
  const s = f.showIf;
  if (!s) return [];
  const path = ['fields', i, 'showIf'];
  const conditions = [s.equals !== undefined, s.in !== undefined, s.notEmpty !== undefined].filter(Boolean).length;
  if (conditions !== 1) return [{ path, code: 'forms.def_show_if_one_condition' }];
  const target = earlier.get(s.field);
  if (!target) return [{ path: [...path, 'field'], code: 'forms.def_show_if_not_earlier', params: { target: s.field } }];
  if (s.notEmpty) return [];
  const values = s.in ?? [s.equals];
  const out: Issue[] = [];
  for (const v of values) {
    let ok = true;
    if (target.kind === 'choice' || target.kind === 'multiChoice') ok = target.options.some((o) => o.value === v);
    else if (target.kind === 'yesNo') ok = typeof v === 'boolean';
    else if (target.kind === 'number') ok = typeof v === 'number';
    else if (target.kind === 'text' || target.kind === 'longText' || target.kind === 'date') ok = typeof v === 'string';
    else ok = false; // locations, files and people have no single value to compare; use notEmpty.
    if (!ok)
      out.push({ path: [...path, s.in ? 'in' : 'equals'], code: 'forms.def_show_if_value_invalid', params: { target: s.field, value: v } });
  }
  return out;
}

/** Every cross-field problem of a definition, in field order. */
export function definitionIssues(def: { fields: TFormField[] }): Issue[] {
  const out: Issue[] = [];
  const earlier = new Map<string, TFormField>();
  def.fields.forEach((f, i) => {
    if (earlier.has(f.id)) out.push({ path: ['fields', i, 'id'], code: 'forms.def_duplicate_field_id', params: { id: f.id } });
    out.push(...showIfIssues(f, i, earlier), ...fieldIssues(f, i));
    if (!earlier.has(f.id)) earlier.set(f.id, f);
  });
  return out;
}

export const ZFormField = ZFieldUnion;
export type TFormField = z.infer<typeof ZFieldUnion>;

export const ZFormDefinition = z.object({ fields: z.array(ZFieldUnion).max(200) }).superRefine((def, ctx) => {
  for (const issue of definitionIssues(def)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.code, params: issue.params });
});
export type TFormDefinition = z.infer<typeof ZFormDefinition>;
