import { describe, expect, it } from 'vitest';
import { localizeDefinitionErrors, validateFormDefinition, ZFormDefinition } from './index.js';

const L = (el: string, en = el) => ({ el, en });
const codes = (input: unknown) => {
  const r = validateFormDefinition(input);
  if (r.ok) throw new Error('expected the definition to be refused');
  return r.fields.map((f) => [f.field, f.code]);
};

describe('validateFormDefinition', () => {
  it('accepts a form with every kind of field', () => {
    const sut = validateFormDefinition({
      fields: [
        { id: 'title', kind: 'text', label: L('Τίτλος', 'Title'), required: true, maxLength: 100, pattern: '\\p{L}.*' },
        { id: 'body', kind: 'longText', label: L('Περιγραφή'), help: L('Με λίγα λόγια', 'In a few words') },
        { id: 'count', kind: 'number', label: L('Πλήθος'), min: 1, max: 9, integer: true },
        { id: 'when', kind: 'date', label: L('Πότε'), range: 'past', min: '2020-01-01' },
        { id: 'cat', kind: 'choice', label: L('Κατηγορία'), options: [{ value: 'a', label: L('Α') }] },
        { id: 'tags', kind: 'multiChoice', label: L('Ετικέτες'), options: [{ value: 'x', label: L('Χ') }], maxSelected: 1 },
        { id: 'agree', kind: 'yesNo', label: L('Συμφωνώ'), mustBeTrue: true },
        { id: 'where', kind: 'location', label: L('Πού'), showIf: { field: 'cat', equals: 'a' } },
        { id: 'photos', kind: 'files', label: L('Φωτογραφίες'), allowedKinds: ['image', 'video'], maxFiles: 5 },
        {
          id: 'applicant',
          kind: 'person',
          label: L('Αιτών'),
          requireAfm: true,
          requireAmka: true,
          showIf: { field: 'agree', equals: true },
        },
      ],
    });
    expect(sut.ok).toBe(true);
  });

  it('refuses duplicate field ids', () => {
    expect(
      codes({
        fields: [
          { id: 'a', kind: 'text', label: L('Α') },
          { id: 'a', kind: 'number', label: L('Β') },
        ],
      }),
    ).toEqual([['fields.1.id', 'forms.def_duplicate_field_id']]);
  });

  it('refuses conditions on later, unknown or own fields', () => {
    expect(
      codes({
        fields: [
          { id: 'a', kind: 'text', label: L('Α'), showIf: { field: 'b', notEmpty: true } },
          { id: 'b', kind: 'text', label: L('Β'), showIf: { field: 'b', notEmpty: true } },
          { id: 'c', kind: 'text', label: L('Γ'), showIf: { field: 'zzz', notEmpty: true } },
        ],
      }),
    ).toEqual([
      ['fields.0.showIf.field', 'forms.def_show_if_not_earlier'],
      ['fields.1.showIf.field', 'forms.def_show_if_not_earlier'],
      ['fields.2.showIf.field', 'forms.def_show_if_not_earlier'],
    ]);
  });

  it('refuses conditions with no or several tests, or values the field cannot have', () => {
    const opts = [
      { value: 'a', label: L('Α') },
      { value: 'b', label: L('Β') },
    ];
    expect(
      codes({
        fields: [
          { id: 'c', kind: 'choice', label: L('Γ'), options: opts },
          { id: 'y', kind: 'yesNo', label: L('Ν') },
          { id: 'p', kind: 'person', label: L('Π') },
          { id: 'f1', kind: 'text', label: L('1'), showIf: { field: 'c' } },
          { id: 'f2', kind: 'text', label: L('2'), showIf: { field: 'c', equals: 'a', notEmpty: true } },
          { id: 'f3', kind: 'text', label: L('3'), showIf: { field: 'c', in: ['a', 'zz'] } },
          { id: 'f4', kind: 'text', label: L('4'), showIf: { field: 'y', equals: 'yes' } },
          { id: 'f5', kind: 'text', label: L('5'), showIf: { field: 'p', equals: 'x' } },
          { id: 'f6', kind: 'text', label: L('6'), showIf: { field: 'p', notEmpty: true } },
        ],
      }),
    ).toEqual([
      ['fields.3.showIf', 'forms.def_show_if_one_condition'],
      ['fields.4.showIf', 'forms.def_show_if_one_condition'],
      ['fields.5.showIf.in', 'forms.def_show_if_value_invalid'],
      ['fields.6.showIf.equals', 'forms.def_show_if_value_invalid'],
      ['fields.7.showIf.equals', 'forms.def_show_if_value_invalid'],
    ]);
  });

  it('refuses duplicate options and bounds the wrong way round', () => {
    expect(
      codes({
        fields: [
          {
            id: 'c',
            kind: 'multiChoice',
            label: L('Γ'),
            options: [
              { value: 'a', label: L('Α') },
              { value: 'a', label: L('Α2') },
            ],
            minSelected: 3,
          },
          { id: 't', kind: 'text', label: L('Τ'), minLength: 5, maxLength: 2 },
          { id: 'n', kind: 'number', label: L('Ν'), min: 5, max: 1 },
          { id: 'd', kind: 'date', label: L('Δ'), min: '2026-02-30', max: '2025-01-01' },
          { id: 'f', kind: 'files', label: L('Φ'), minFiles: 4, maxFiles: 2 },
        ],
      }),
    ).toEqual([
      ['fields.0.options.1.value', 'forms.def_duplicate_option'],
      ['fields.0.minSelected', 'forms.def_min_above_options'],
      ['fields.1.maxLength', 'forms.def_min_above_max'],
      ['fields.2.max', 'forms.def_min_above_max'],
      ['fields.3.min', 'forms.date_invalid'],
      ['fields.3.max', 'forms.def_min_above_max'],
      ['fields.4.maxFiles', 'forms.def_min_above_max'],
    ]);
  });

  it('refuses a broken pattern, a bad id, an unknown kind and missing labels', () => {
    expect(
      codes({
        fields: [
          { id: 'p', kind: 'text', label: L('Π'), pattern: '([a-z' },
          { id: 'has.dot', kind: 'text', label: L('Τ') },
          { id: 'k', kind: 'signature', label: L('Υ') },
          { id: 'l', kind: 'text', label: { el: 'Μόνο ελληνικά' } },
          { id: 'e', kind: 'text', label: { el: '', en: 'x' } },
        ],
      }),
    ).toEqual([
      ['fields.1.id', 'forms.field_id_invalid'],
      ['fields.2.kind', 'forms.def_kind_invalid'],
      ['fields.3.label.en', 'validation.required'],
      ['fields.4.label.el', 'validation.required'],
    ]);
    expect(codes({ fields: [{ id: 'p', kind: 'text', label: L('Π'), pattern: '([a-z' }] })).toEqual([
      ['fields.0.pattern', 'forms.def_pattern_invalid'],
    ]);
    expect(codes({})).toEqual([['fields', 'validation.required']]);
  });

  it('gives administrators translated messages', () => {
    const r = validateFormDefinition({
      fields: [
        { id: 'a', kind: 'text', label: L('Α') },
        { id: 'a', kind: 'text', label: L('Β') },
      ],
    });
    if (r.ok) throw new Error('expected failure');
    expect(localizeDefinitionErrors(r.fields, 'el')[0]?.message).toBe('Το αναγνωριστικό πεδίου «a» χρησιμοποιείται ήδη σε αυτή τη φόρμα.');
    expect(localizeDefinitionErrors(r.fields, 'en')[0]?.message).toBe('The field id “a” is already used in this form.');
  });

  it('is the same check the zod schema applies when it is embedded in a route or case type', () => {
    const bad = {
      fields: [
        { id: 'a', kind: 'text', label: L('Α') },
        { id: 'a', kind: 'text', label: L('Β') },
      ],
    };
    expect(ZFormDefinition.safeParse(bad).success).toBe(false);
    expect(ZFormDefinition.safeParse({ fields: [] }).success).toBe(true);
  });
});
