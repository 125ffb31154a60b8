import type { z } from 'zod';
import { type Lang, t } from '../../platform/i18n/i18n.js';
import { type TFormDefinition, ZFormDefinition } from './form.schema.js';
import type { TFieldIssue } from './validate.js';

export type TDefinitionResult = { ok: true; value: TFormDefinition } | { ok: false; fields: TFieldIssue[] };

function issueToField(issue: z.core.$ZodIssue): TFieldIssue {
  const field = issue.path.map(String).join('.');
  if (issue.message.startsWith('forms.')) {
    const params = (issue as { params?: Record<string, unknown> }).params;
    return params ? { field, code: issue.message, params } : { field, code: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { field, code: issue.input === undefined ? 'validation.required' : 'validation.invalid_type' };
    case 'too_small':
      if (issue.origin === 'string')
        return { field, code: issue.input === '' ? 'validation.required' : 'validation.too_short', params: { min: Number(issue.minimum) } };
      return { field, code: 'validation.invalid' };
    case 'too_big':
      if (issue.origin === 'string') return { field, code: 'validation.too_long', params: { max: Number(issue.maximum) } };
      return { field, code: 'validation.invalid' };
    case 'unrecognized_keys':
      return { field, code: 'validation.unknown_field' };
    case 'invalid_union':
      // A discriminated union fails this way when `kind` is not one we know.
      return { field: issue.path.at(-1) === 'kind' ? field : field ? `${field}.kind` : 'kind', code: 'forms.def_kind_invalid' };
    default:
      return { field, code: 'validation.invalid' };
  }
}

/**
 * Checks a form an administrator saves and says exactly what is wrong where
 * (`fields.3.showIf.field`: forms.def_show_if_not_earlier), which a plain
 * route-schema failure would flatten to "invalid".
 */
export function validateFormDefinition(input: unknown): TDefinitionResult {
  const r = ZFormDefinition.safeParse(input, { reportInput: true });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, fields: r.error.issues.map(issueToField) };
}

/** Messages for definition errors; the path stands in for a label, since the form itself is what is broken. */
export function localizeDefinitionErrors(fields: TFieldIssue[], lang: Lang) {
  return fields.map((f) => ({ ...f, message: t(lang, f.code, { ...f.params, field: f.field }) }));
}
