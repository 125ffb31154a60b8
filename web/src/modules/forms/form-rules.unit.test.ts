import { describe, expect, it } from 'vitest';
import type { FormField } from '../../app/api/endpoints';
import { cleanValues, visibleFields } from './form-renderer';
import { fieldErrors } from './request-submission';

const L = (el: string) => ({ el, en: el });
const fields: FormField[] = [
  {
    id: 'kind',
    kind: 'choice',
    label: L('Είδος'),
    options: [
      { value: 'tree', label: L('Δέντρο') },
      { value: 'lamp', label: L('Λάμπα') },
    ],
  },
  { id: 'height', kind: 'number', label: L('Ύψος'), showIf: { field: 'kind', equals: 'tree' } },
  { id: 'note', kind: 'text', label: L('Σημείωση'), showIf: { field: 'height', notEmpty: true } },
  { id: 'pole', kind: 'text', label: L('Κολόνα'), showIf: { field: 'kind', in: ['lamp'] } },
];

describe('form rules (the same as the server applies)', () => {
  it('shows a field only when its condition holds on an earlier visible field', () => {
    expect(visibleFields(fields, {}).map((f) => f.id)).toEqual(['kind']);
    expect(visibleFields(fields, { kind: 'tree' }).map((f) => f.id)).toEqual(['kind', 'height']);
    expect(visibleFields(fields, { kind: 'tree', height: 4 }).map((f) => f.id)).toEqual(['kind', 'height', 'note']);
    expect(visibleFields(fields, { kind: 'lamp', height: 4 }).map((f) => f.id)).toEqual(['kind', 'pole']);
  });

  it('sends only visible, non-empty answers (hidden answers are stale)', () => {
    expect(cleanValues(fields, { kind: 'lamp', height: 4, note: 'x', pole: '' })).toEqual({ kind: 'lamp' });
    expect(cleanValues(fields, { kind: 'tree', height: 4, note: 'ψηλό', pole: 'Κ-12' })).toEqual({ kind: 'tree', height: 4, note: 'ψηλό' });
  });

  it("puts the server's field errors under the keys the inputs read, first message wins", () => {
    expect(
      fieldErrors({
        code: 'validation.failed',
        fields: [
          { field: 'data.height', code: 'forms.too_small', message: 'Πολύ μικρό' },
          { field: 'data.height', code: 'forms.other', message: 'Δεύτερο' },
          { field: 'location.lat', code: 'x', message: 'Εκτός δήμου' },
        ],
      }),
    ).toEqual({ height: 'Πολύ μικρό', 'location.lat': 'Εκτός δήμου' });
  });
});
