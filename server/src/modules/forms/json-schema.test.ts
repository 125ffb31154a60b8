import { describe, expect, it } from 'vitest';
import { formJsonSchema, ZFormDefinition } from './index.js';

const L = (el: string, en: string) => ({ el, en });

describe('formJsonSchema', () => {
  const form = ZFormDefinition.parse({
    fields: [
      {
        id: 'title',
        kind: 'text',
        label: L('Τίτλος', 'Title'),
        help: L('Σύντομα', 'Briefly'),
        required: true,
        maxLength: 80,
        pattern: '\\p{L}.*',
      },
      { id: 'count', kind: 'number', label: L('Πλήθος', 'Count'), integer: true, min: 1 },
      { id: 'kind', kind: 'choice', label: L('Είδος', 'Kind'), required: true, options: [{ value: 'a', label: L('Άλφα', 'Alpha') }] },
      { id: 'note', kind: 'longText', label: L('Σημείωση', 'Note'), required: true, showIf: { field: 'kind', equals: 'a' } },
      { id: 'photos', kind: 'files', label: L('Φωτογραφίες', 'Photos'), allowedKinds: ['image'], maxFiles: 3 },
      { id: 'who', kind: 'person', label: L('Αιτών', 'Applicant'), parts: ['surname', 'name'], requireAfm: true },
    ],
  });

  it('describes each field in the language asked', () => {
    const sut = formJsonSchema(form, 'en') as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(sut.required).toEqual(['title', 'kind']); // `note` is conditional, so not listed
    expect(sut.properties.title).toMatchObject({
      title: 'Title',
      description: 'Briefly',
      type: 'string',
      maxLength: 80,
      pattern: '^(?:\\p{L}.*)$',
    });
    expect(sut.properties.count).toMatchObject({ type: 'integer', minimum: 1, 'x-kind': 'number' });
    expect(sut.properties.kind).toMatchObject({ type: 'string', oneOf: [{ const: 'a', title: 'Alpha' }] });
    expect(sut.properties.note).toMatchObject({ 'x-show-if': { field: 'kind', equals: 'a' }, maxLength: 10_000 });
    expect(sut.properties.photos).toMatchObject({ type: 'array', maxItems: 3, 'x-allowed-kinds': ['image'] });
    expect(sut.properties.who).toMatchObject({ type: 'object', required: ['surname', 'name', 'afm'] });
    expect(Object.keys((sut.properties.who as { properties: object }).properties)).toEqual(['surname', 'name', 'afm']);
  });

  it('is Greek by default', () => {
    const sut = formJsonSchema(form) as { properties: Record<string, { title: string }> };
    expect(sut.properties.title?.title).toBe('Τίτλος');
    expect(JSON.parse(JSON.stringify(sut))).toEqual(sut); // plain JSON, no Infinity or functions
  });
});
