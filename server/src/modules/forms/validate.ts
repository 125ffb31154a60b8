import { athensDate, formatLocalDate } from '../../platform/calendar/index.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { t } from '../../platform/i18n/i18n.js';
import type { TFileKind, TFormDefinition, TFormField, TPersonField, TPersonPart, TShowIf } from './form.schema.js';
import { isRealDate, PERSON_PARTS } from './form.schema.js';
import { PERSON_PART_LABELS } from './forms.messages.js';
import { normalizeAfm, normalizeAmka, normalizeIdNumber } from './greek-ids.js';

/** One problem with one field; `field` is a path (`applicant.afm`), `code` an i18n key. */
export type TFieldIssue = { field: string; code: string; params?: Record<string, unknown> };
export type TSubmissionResult = { ok: true; value: Record<string, unknown> } | { ok: false; fields: TFieldIssue[] };
export type TValidateOptions = {
  /** "Today" for past/future dates, read in Athens; the clock by default (tests pass a fixed one). */
  now?: Date;
};

type Outcome = { value: unknown } | { empty: true } | { issues: TFieldIssue[] };
const EMPTY: Outcome = { empty: true };
const fail = (field: string, code: string, params?: Record<string, unknown>): Outcome => ({
  issues: [params ? { field, code, params } : { field, code }],
});

const TEXT_MAX = 500;
const LONG_TEXT_MAX = 10_000;
const FILES_MAX = 20;
const NAME_MAX = 100;
const ADDRESS_MAX = 500;
const OLDEST_BIRTH_DATE = '1900-01-01';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PostgreSQL's jsonb cannot hold \u0000 and no form needs other control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NAME = /^[\p{Script=Greek}\p{Script=Latin}][\p{Script=Greek}\p{Script=Latin}\p{M} '’.-]*$/u;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const codePoints = (s: string) => [...s].length;

function cleanString(v: unknown, path: string, multiline: boolean): string | Outcome {
  if (typeof v !== 'string') return fail(path, 'validation.invalid_type');
  if (CONTROL.test(v)) return fail(path, 'forms.text_invalid');
  let s = v.normalize('NFC').replace(/\r\n?/g, '\n');
  if (!multiline) s = s.replace(/[\n\t]+/g, ' ');
  return s.trim();
}

function checkLength(s: string, path: string, min: number | undefined, max: number): Outcome {
  const n = codePoints(s);
  if (min !== undefined && n < min) return fail(path, 'validation.too_short', { min });
  if (n > max) return fail(path, 'validation.too_long', { max });
  return { value: s };
}

const patternCache = new Map<string, RegExp>();
function anchored(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/**
 * Numbers as people type them: 12.5, «12,5», «1.234,5» (Greek thousands dot and
 * decimal comma). With no comma a dot is the decimal point, as in JSON.
 */
export function parseNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  let s = v.replace(/[\s\u00a0]/g, '');
  if (s.includes(',')) {
    if (!/^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$/.test(s)) return null;
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (!/^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

type DateRules = { min?: string; max?: string; range?: 'past' | 'future' };
function checkDate(v: unknown, path: string, rules: DateRules, today: string): Outcome {
  if (typeof v !== 'string') return fail(path, 'validation.invalid_type');
  const s = v.trim();
  if (!isRealDate(s)) return fail(path, 'forms.date_invalid');
  if (rules.range === 'past' && s > today) return fail(path, 'forms.date_in_future');
  if (rules.range === 'future' && s < today) return fail(path, 'forms.date_in_past');
  if (rules.min && s < rules.min) return fail(path, 'forms.date_too_early', { min: rules.min });
  if (rules.max && s > rules.max) return fail(path, 'forms.date_too_late', { max: rules.max });
  return { value: s };
}

function checkName(v: unknown, path: string): Outcome {
  const s = cleanString(v, path, false);
  if (typeof s !== 'string') return s;
  const collapsed = s.replace(/\s+/g, ' ');
  if (collapsed === '') return EMPTY;
  if (codePoints(collapsed) > NAME_MAX) return fail(path, 'validation.too_long', { max: NAME_MAX });
  if (!NAME.test(collapsed)) return fail(path, 'forms.name_invalid');
  return { value: collapsed };
}

/** The parts a person block asks for, and which of them must be filled in. */
export function personParts(f: TPersonField): { asked: TPersonPart[]; required: Set<TPersonPart> } {
  const required = new Set<TPersonPart>(['surname', 'name']);
  if (f.requireParents) required.add('fatherName').add('motherName');
  if (f.requireBirthDate) required.add('birthDate');
  if (f.requireAfm) required.add('afm');
  if (f.requireAmka) required.add('amka');
  if (f.requireIdNumber) required.add('idNumber');
  const wanted = new Set<TPersonPart>([...(f.parts ?? PERSON_PARTS), ...required]);
  return { asked: PERSON_PARTS.filter((p) => wanted.has(p)), required };
}

function checkPerson(f: TPersonField, v: unknown, path: string, today: string): Outcome {
  if (!isPlainObject(v)) return fail(path, 'validation.invalid_type');
  const { asked, required } = personParts(f);
  const issues: TFieldIssue[] = [];
  for (const key of Object.keys(v)) {
    if (!(asked as string[]).includes(key)) issues.push({ field: `${path}.${key}`, code: 'validation.unknown_field' });
  }
  if (asked.every((p) => isBlank(v[p]))) return issues.length ? { issues } : EMPTY;

  const out: Record<string, unknown> = {};
  for (const part of asked) {
    const raw = v[part];
    const at = `${path}.${part}`;
    let r: Outcome;
    if (isBlank(raw)) r = EMPTY;
    else if (part === 'birthDate') r = checkDate(raw, at, { range: 'past', min: OLDEST_BIRTH_DATE }, today);
    else if (part === 'afm' || part === 'amka' || part === 'idNumber') {
      if (typeof raw !== 'string') r = fail(at, 'validation.invalid_type');
      else {
        const norm = part === 'afm' ? normalizeAfm(raw) : part === 'amka' ? normalizeAmka(raw) : normalizeIdNumber(raw);
        r =
          norm === null
            ? fail(at, part === 'afm' ? 'forms.afm_invalid' : part === 'amka' ? 'forms.amka_invalid' : 'forms.id_number_invalid')
            : { value: norm };
      }
    } else r = checkName(raw, at);

    if ('issues' in r) issues.push(...r.issues);
    else if ('empty' in r) {
      if (required.has(part)) issues.push({ field: at, code: 'validation.required' });
    } else out[part] = r.value;
  }
  return issues.length ? { issues } : { value: out };
}

function checkField(f: TFormField, v: unknown, today: string): Outcome {
  const path = f.id;
  switch (f.kind) {
    case 'text':
    case 'longText': {
      if (v === undefined || v === null) return EMPTY;
      const s = cleanString(v, path, f.kind === 'longText');
      if (typeof s !== 'string') return s;
      if (s === '') return EMPTY;
      const cap = f.kind === 'text' ? TEXT_MAX : LONG_TEXT_MAX;
      const r = checkLength(s, path, f.minLength, Math.min(f.maxLength ?? cap, cap));
      if ('value' in r && f.kind === 'text' && f.pattern && !anchored(f.pattern).test(s)) return fail(path, 'forms.pattern_mismatch');
      return r;
    }
    case 'number': {
      if (isBlank(v)) return EMPTY;
      const n = parseNumber(v);
      if (n === null) return fail(path, 'forms.number_invalid');
      if (f.integer && !Number.isInteger(n)) return fail(path, 'forms.number_not_integer');
      if (f.min !== undefined && n < f.min) return fail(path, 'forms.number_too_small', { min: f.min });
      if (f.max !== undefined && n > f.max) return fail(path, 'forms.number_too_large', { max: f.max });
      return { value: n };
    }
    case 'date':
      if (isBlank(v)) return EMPTY;
      return checkDate(v, path, f, today);
    case 'choice': {
      if (isBlank(v)) return EMPTY;
      if (typeof v !== 'string') return fail(path, 'validation.invalid_type');
      const s = v.trim();
      return f.options.some((o) => o.value === s) ? { value: s } : fail(path, 'forms.option_invalid');
    }
    case 'multiChoice': {
      if (v === undefined || v === null) return EMPTY;
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return fail(path, 'validation.invalid_type');
      const chosen = [...new Set((v as string[]).map((x) => x.trim()))];
      if (chosen.some((x) => !f.options.some((o) => o.value === x))) return fail(path, 'forms.option_invalid');
      if (chosen.length === 0) return EMPTY;
      if (f.minSelected !== undefined && chosen.length < f.minSelected) return fail(path, 'forms.too_few_options', { min: f.minSelected });
      if (f.maxSelected !== undefined && chosen.length > f.maxSelected) return fail(path, 'forms.too_many_options', { max: f.maxSelected });
      // Keep the form's order, so the same choices always read the same.
      return { value: f.options.map((o) => o.value).filter((o) => chosen.includes(o)) };
    }
    case 'yesNo':
      if (v === undefined || v === null) return EMPTY;
      if (typeof v !== 'boolean') return fail(path, 'validation.invalid_type');
      if (f.mustBeTrue && !v) return fail(path, 'forms.must_accept');
      return { value: v };
    case 'location': {
      if (v === undefined || v === null) return EMPTY;
      if (!isPlainObject(v)) return fail(path, 'forms.location_invalid');
      const extra = Object.keys(v).filter((k) => k !== 'lat' && k !== 'lon' && k !== 'address');
      if (extra.length) return { issues: extra.map((k) => ({ field: `${path}.${k}`, code: 'validation.unknown_field' })) };
      const { lat, lon } = v;
      if (typeof lat !== 'number' || typeof lon !== 'number' || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180))
        return fail(path, 'forms.location_invalid');
      const out: Record<string, unknown> = { lat, lon };
      if (!isBlank(v.address)) {
        const a = cleanString(v.address, `${path}.address`, false);
        if (typeof a !== 'string') return a;
        if (codePoints(a) > ADDRESS_MAX) return fail(`${path}.address`, 'validation.too_long', { max: ADDRESS_MAX });
        out.address = a;
      }
      return { value: out };
    }
    case 'files': {
      if (v === undefined || v === null) return EMPTY;
      if (!Array.isArray(v)) return fail(path, 'validation.invalid_type');
      if (v.some((x) => typeof x !== 'string' || !UUID.test(x))) return fail(path, 'forms.file_invalid');
      const ids = [...new Set((v as string[]).map((x) => x.toLowerCase()))];
      if (ids.length === 0) return EMPTY;
      const max = Math.min(f.maxFiles ?? FILES_MAX, FILES_MAX);
      if (f.minFiles !== undefined && ids.length < f.minFiles) return fail(path, 'forms.too_few_files', { min: f.minFiles });
      if (ids.length > max) return fail(path, 'forms.too_many_files', { max });
      return { value: ids };
    }
    case 'person':
      if (v === undefined || v === null) return EMPTY;
      return checkPerson(f, v, path, today);
  }
}

/** Whether a shown-if condition holds for the (validated) value of the field it names. */
export function showIfHolds(cond: TShowIf, value: unknown): boolean {
  if (value === undefined) return false;
  if (cond.notEmpty) return true;
  const wanted: unknown[] = cond.in ?? [cond.equals];
  if (Array.isArray(value)) return value.some((x) => wanted.includes(x));
  return wanted.includes(value);
}

/**
 * Checks a submission against its form and returns the clean value: strings
 * trimmed, numbers parsed, ids normalized, empty optional fields left out.
 * Hidden fields (showIf not met) are never required and whatever was sent for
 * them is dropped, since the web app may still hold what was typed before the
 * citizen changed an earlier answer. Keys that are not fields are refused.
 */
export function validateSubmission(form: TFormDefinition, data: unknown, opts: TValidateOptions = {}): TSubmissionResult {
  const input = data === undefined || data === null ? {} : data;
  if (!isPlainObject(input)) return { ok: false, fields: [{ field: '', code: 'forms.invalid_submission' }] };
  const today = formatLocalDate(athensDate(opts.now ?? new Date()));
  const issues: TFieldIssue[] = [];
  const value: Record<string, unknown> = {};
  const known = new Set(form.fields.map((f) => f.id));
  for (const key of Object.keys(input)) if (!known.has(key)) issues.push({ field: key, code: 'validation.unknown_field' });

  for (const f of form.fields) {
    // A condition on a hidden or invalid field sees no value, so chains hide together.
    if (f.showIf && !showIfHolds(f.showIf, value[f.showIf.field])) continue;
    const r = checkField(f, Object.hasOwn(input, f.id) ? input[f.id] : undefined, today);
    if ('issues' in r) issues.push(...r.issues);
    else if ('empty' in r) {
      if (f.required) issues.push({ field: f.id, code: 'validation.required' });
    } else value[f.id] = r.value;
  }
  return issues.length ? { ok: false, fields: issues } : { ok: true, value };
}

/** The label a person reads for a field path, in their language: the form's own wording. */
export function fieldLabel(form: TFormDefinition, path: string, lang: Lang): string {
  const [id = '', part] = path.split('.');
  const f = form.fields.find((x) => x.id === id);
  if (!f) return path;
  if (f.kind === 'person' && part && part in PERSON_PART_LABELS) {
    const p = part as TPersonPart;
    const own = f.partLabels?.[p];
    return own ? own[lang] : `${PERSON_PART_LABELS[p][lang]} (${f.label[lang]})`;
  }
  if (f.kind === 'location' && part === 'address') return `${f.label[lang]} – ${lang === 'el' ? 'διεύθυνση' : 'address'}`;
  return f.label[lang];
}

/**
 * Fills each issue's `message` with the translated text naming the field by
 * the form's own label («Το πεδίο «ΑΦΜ αιτούντος» δεν είναι έγκυρο»), so the
 * API's error renderer passes it through instead of guessing a label.
 */
export function localizeFieldErrors(
  form: TFormDefinition,
  fields: TFieldIssue[],
  lang: Lang,
): { field: string; code: string; params?: Record<string, unknown>; message: string }[] {
  return fields.map((f) => ({ ...f, message: t(lang, f.code, { ...f.params, field: fieldLabel(form, f.field, lang) }) }));
}

/** The files fields of a validated value, with their ids and allowed kinds, for the caller to resolve and check. */
export function fileFieldsIn(
  form: TFormDefinition,
  value: Record<string, unknown>,
): { field: string; ids: string[]; allowedKinds?: TFileKind[] }[] {
  const out: { field: string; ids: string[]; allowedKinds?: TFileKind[] }[] = [];
  for (const f of form.fields) {
    if (f.kind !== 'files') continue;
    const v = value[f.id];
    if (!Array.isArray(v)) continue;
    const ids = v.filter((x): x is string => typeof x === 'string');
    if (ids.length) out.push(f.allowedKinds ? { field: f.id, ids, allowedKinds: f.allowedKinds } : { field: f.id, ids });
  }
  return out;
}

/** Every file id a validated value refers to, once each, for attaching to the case. */
export function fileIdsIn(form: TFormDefinition, value: Record<string, unknown>): string[] {
  return [...new Set(fileFieldsIn(form, value).flatMap((f) => f.ids))];
}
