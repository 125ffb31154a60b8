import type { DbOrTx } from '../../platform/db/database.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { listCaseTypes, type TCaseTypeView } from '../cases/index.js';
import type { TFormField } from '../forms/index.js';

/**
 * Open311 services are the tenant's public, active case types — except those whose form asks for a
 * person's identity (ΑΦΜ, ΑΜΚΑ, ...): those are applications, not reports, and are not offered
 * to outside clients nor listed in GET requests.
 */
export function isOpen311Type(t: TCaseTypeView) {
  return t.active && t.snapshot.public && !t.snapshot.form.fields.some((f) => f.kind === 'person');
}

export async function open311Types(db: DbOrTx, tenantId: string) {
  return (await listCaseTypes(db, tenantId, { publicOnly: true })).filter(isOpen311Type);
}

export const pick = (lang: Lang, el: string, en: string) => (lang === 'en' ? en : el);

export type TAttribute = {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
  /** The form field behind it, to map submitted values back. */
  field: TFormField;
};

const YES_NO = { el: ['Ναι', 'Όχι'], en: ['Yes', 'No'] };

/**
 * The service definition's attributes, derived from the case type's form: one attribute per field
 * a client can fill in. Location and files fields are not attributes (the request's lat/long and
 * media carry them); person blocks never reach here (such types are not services).
 * A field shown only under a condition is never `required` here: the form's own validation judges.
 */
export function attributesOf(t: TCaseTypeView, lang: Lang): TAttribute[] {
  const out: TAttribute[] = [];
  for (const f of t.snapshot.form.fields) {
    const base = {
      variable: true,
      code: f.id,
      required: Boolean(f.required) && !f.showIf,
      description: f.label[lang],
      field: f,
      order: out.length + 1,
    };
    const help = f.help?.[lang] ?? null;
    switch (f.kind) {
      case 'text': {
        const limits = f.maxLength
          ? `${lang === 'en' ? 'at most' : 'έως'} ${f.maxLength} ${lang === 'en' ? 'characters' : 'χαρακτήρες'}`
          : null;
        out.push({ ...base, datatype: 'string', datatype_description: help ?? limits });
        break;
      }
      case 'longText':
        out.push({ ...base, datatype: 'text', datatype_description: help });
        break;
      case 'number': {
        const range = [f.min != null ? `≥ ${f.min}` : null, f.max != null ? `≤ ${f.max}` : null].filter(Boolean).join(', ');
        out.push({ ...base, datatype: 'number', datatype_description: help ?? (range || null) });
        break;
      }
      case 'date':
        out.push({ ...base, datatype: 'datetime', datatype_description: help ?? 'YYYY-MM-DD' });
        break;
      case 'choice':
        out.push({
          ...base,
          datatype: 'singlevaluelist',
          datatype_description: help,
          values: f.options.map((o) => ({ key: o.value, name: o.label[lang] })),
        });
        break;
      case 'multiChoice':
        out.push({
          ...base,
          datatype: 'multivaluelist',
          datatype_description: help,
          values: f.options.map((o) => ({ key: o.value, name: o.label[lang] })),
        });
        break;
      case 'yesNo':
        out.push({
          ...base,
          datatype: 'singlevaluelist',
          datatype_description: help,
          values: [
            { key: 'true', name: YES_NO[lang][0] as string },
            ...(f.mustBeTrue ? [] : [{ key: 'false', name: YES_NO[lang][1] as string }]),
          ],
        });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Turns submitted `attribute[CODE]` values (strings; arrays for multivaluelist) into the form's data.
 * Unknown codes are returned so the caller can refuse them; type checks are the form validator's.
 */
export function attributesToData(attrs: TAttribute[], submitted: Map<string, string[]>) {
  const data: Record<string, unknown> = {};
  const unknown: string[] = [];
  const byCode = new Map(attrs.map((a) => [a.code, a]));
  for (const [code, values] of submitted) {
    const nonEmpty = values.filter((v) => v !== '');
    if (!nonEmpty.length) continue; // an empty parameter is a missing one
    const a = byCode.get(code);
    if (!a) {
      unknown.push(code);
      continue;
    }
    switch (a.field.kind) {
      case 'multiChoice':
        data[code] = nonEmpty;
        break;
      case 'yesNo':
        data[code] = nonEmpty[0] === 'true' ? true : nonEmpty[0] === 'false' ? false : nonEmpty[0];
        break;
      case 'date':
        // a W3C datetime is accepted for a date: its calendar day as written
        data[code] = (nonEmpty[0] as string).slice(0, 10);
        break;
      default:
        data[code] = nonEmpty[0];
    }
  }
  return { data, unknown };
}
