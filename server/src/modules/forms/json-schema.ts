import type { Lang } from '../../platform/i18n/i18n.js';
import type { TFormDefinition, TFormField } from './form.schema.js';
import { PERSON_PART_LABELS } from './forms.messages.js';
import { personParts } from './validate.js';

type TJsonSchema = Record<string, unknown>;

const DATE = { type: 'string', format: 'date' };

function schemaFor(f: TFormField, lang: Lang): TJsonSchema {
  switch (f.kind) {
    case 'text':
    case 'longText':
      return {
        type: 'string',
        ...(f.minLength !== undefined && { minLength: f.minLength }),
        maxLength: Math.min(f.maxLength ?? Number.POSITIVE_INFINITY, f.kind === 'text' ? 500 : 10_000),
        ...(f.kind === 'text' && f.pattern && { pattern: `^(?:${f.pattern})$` }),
      };
    case 'number':
      return {
        type: f.integer ? 'integer' : 'number',
        ...(f.min !== undefined && { minimum: f.min }),
        ...(f.max !== undefined && { maximum: f.max }),
      };
    case 'date':
      return { ...DATE, ...(f.min && { formatMinimum: f.min }), ...(f.max && { formatMaximum: f.max }) };
    case 'choice':
      return { type: 'string', oneOf: f.options.map((o) => ({ const: o.value, title: o.label[lang] })) };
    case 'multiChoice':
      return {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', oneOf: f.options.map((o) => ({ const: o.value, title: o.label[lang] })) },
        ...(f.minSelected !== undefined && { minItems: f.minSelected }),
        ...(f.maxSelected !== undefined && { maxItems: f.maxSelected }),
      };
    case 'yesNo':
      return f.mustBeTrue ? { type: 'boolean', const: true } : { type: 'boolean' };
    case 'location':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['lat', 'lon'],
        properties: {
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lon: { type: 'number', minimum: -180, maximum: 180 },
          address: { type: 'string', maxLength: 500 },
        },
      };
    case 'files':
      return {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', format: 'uuid' },
        maxItems: Math.min(f.maxFiles ?? 20, 20),
        ...(f.minFiles !== undefined && { minItems: f.minFiles }),
        ...(f.allowedKinds && { 'x-allowed-kinds': f.allowedKinds }),
      };
    case 'person': {
      const { asked, required } = personParts(f);
      const properties: Record<string, TJsonSchema> = {};
      for (const p of asked) {
        const title = f.partLabels?.[p]?.[lang] ?? PERSON_PART_LABELS[p][lang];
        if (p === 'birthDate') properties[p] = { ...DATE, title };
        else if (p === 'afm') properties[p] = { type: 'string', pattern: '^\\d{9}$', title };
        else if (p === 'amka') properties[p] = { type: 'string', pattern: '^\\d{11}$', title };
        else properties[p] = { type: 'string', maxLength: 100, title };
      }
      return { type: 'object', additionalProperties: false, required: asked.filter((p) => required.has(p)), properties };
    }
  }
}

/**
 * A JSON Schema (2020-12) description of what a form accepts, in one language:
 * for Open311 service attributes and other machine readers. It is a
 * description, not the validator: conditions appear as `x-show-if` and
 * conditional fields are never listed as required, and check digits are
 * only hinted at by `pattern`. `validateSubmission` remains the judge.
 */
export function formJsonSchema(form: TFormDefinition, lang: Lang = 'el'): TJsonSchema {
  const properties: Record<string, TJsonSchema> = {};
  for (const f of form.fields) {
    properties[f.id] = {
      title: f.label[lang],
      ...(f.help && { description: f.help[lang] }),
      ...schemaFor(f, lang),
      ...(f.showIf && { 'x-show-if': f.showIf }),
      'x-kind': f.kind,
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: form.fields.filter((f) => f.required && !f.showIf).map((f) => f.id),
    properties,
  };
}
