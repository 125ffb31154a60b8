import { describe, expect, it } from 'vitest';
import { renderAnswers } from './answers.js';
import type { TFormDefinition } from './form.schema.js';

const L = (el: string, en: string) => ({ el, en });
const form: TFormDefinition = {
  fields: [
    { id: 'onBehalf', kind: 'yesNo', label: L('Για άλλο πρόσωπο', 'For another person') },
    { id: 'subject', kind: 'person', label: L('Πρόσωπο', 'Person'), showIf: { field: 'onBehalf', equals: true } },
    { id: 'applicant', kind: 'person', label: L('Αιτών', 'Applicant'), parts: ['surname', 'name', 'birthDate', 'afm'] },
    { id: 'size', kind: 'choice', label: L('Μέγεθος', 'Size'), options: [{ value: 'large', label: L('Μεγάλη', 'Large') }] },
    { id: 'when', kind: 'date', label: L('Ημερομηνία', 'Date') },
    { id: 'photos', kind: 'files', label: L('Φωτογραφίες', 'Photos') },
    { id: 'note', kind: 'text', label: L('Σημείωση', 'Note') },
  ],
};

describe('renderAnswers', () => {
  it('shows labels, choice labels, yes/no, people, dates and file names instead of keys and JSON', () => {
    const photo = '0b0e7c1a-4a55-4d7e-9a55-5b1f0c6b1a11';
    const out = renderAnswers(
      form,
      {
        onBehalf: false,
        subject: { surname: 'Κρυφός' },
        applicant: { surname: 'Παπαδόπουλος', name: 'Γιώργος', birthDate: '1980-03-05', afm: '123456789' },
        size: 'large',
        when: '2026-03-05',
        photos: [photo],
        legacy: 'από παλιά έκδοση',
      },
      new Map([[photo, { name: 'lakkouva.jpg', mime: 'image/jpeg' }]]),
    );
    expect(out.map((a) => a.id)).toEqual(['onBehalf', 'applicant', 'size', 'when', 'photos', 'legacy']);
    const by = Object.fromEntries(out.map((a) => [a.id, a]));
    expect(by.onBehalf?.value).toEqual({ el: 'Όχι', en: 'No' });
    expect(by.applicant?.value?.el).toBe('Γιώργος Παπαδόπουλος');
    expect(by.applicant?.parts).toEqual([
      { label: { el: 'Επώνυμο', en: 'Surname' }, value: 'Παπαδόπουλος' },
      { label: { el: 'Όνομα', en: 'First name' }, value: 'Γιώργος' },
      { label: { el: 'Ημερομηνία γέννησης', en: 'Date of birth' }, value: '5 Μαρτίου 1980' },
      { label: { el: 'ΑΦΜ', en: 'Tax number (AFM)' }, value: '123456789' },
    ]);
    expect(by.size?.value).toEqual({ el: 'Μεγάλη', en: 'Large' });
    expect(by.when?.value).toEqual({ el: '5 Μαρτίου 2026', en: '5 March 2026' });
    expect(by.photos?.files).toEqual([{ id: photo, name: 'lakkouva.jpg', mime: 'image/jpeg' }]);
    // a value the form no longer names: a neutral label, never the internal key
    expect(by.legacy?.label).toEqual({ el: 'Άλλο στοιχείο', en: 'Other detail' });
    expect(JSON.stringify(out)).not.toMatch(/"\{|afm"|large"/);
  });
});
