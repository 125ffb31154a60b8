import { describe, expect, it } from 'vitest';
import { renderError } from '../../platform/http/error-handler.js';
import { AppError } from '../../platform/http/errors.js';
import { hasMessage } from '../../platform/i18n/i18n.js';
import {
  FORMS_MESSAGES,
  fileFieldsIn,
  fileIdsIn,
  localizeFieldErrors,
  parseNumber,
  type TFormDefinition,
  type TFormField,
  validateSubmission,
  ZFormDefinition,
} from './index.js';

const L = (el: string, en = el) => ({ el, en });
const form = (...fields: TFormField[]): TFormDefinition => ZFormDefinition.parse({ fields });
const NOW = new Date('2026-06-15T10:00:00+03:00');
const check = (f: TFormDefinition, data: unknown) => validateSubmission(f, data, { now: NOW });
const okValue = (f: TFormDefinition, data: unknown) => {
  const r = check(f, data);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.fields)}`);
  return r.value;
};
const errors = (f: TFormDefinition, data: unknown) => {
  const r = check(f, data);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.value)}`);
  return r.fields;
};
const UUID_A = '3f2b8c1e-5d4a-4b7e-9c2f-1a2b3c4d5e6f';
const UUID_B = '9e8d7c6b-5a49-4382-b1f0-abcdefabcdef';
const VALID_AFM = '090000045';
const VALID_AMKA = '15038501230'.slice(0, 10); // completed with its Luhn digit below
function luhnComplete(prefix: string) {
  for (let c = 0; c <= 9; c++) {
    const s = prefix + c;
    const sum = [...s]
      .reverse()
      .map(Number)
      .reduce((a, d, i) => a + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}
const AMKA = luhnComplete(VALID_AMKA);

describe('validateSubmission: each kind', () => {
  it('text: trimmed, length bounds, anchored pattern, control characters refused', () => {
    const sut = form({ id: 'plate', kind: 'text', label: L('Πινακίδα', 'Plate'), minLength: 3, maxLength: 8, pattern: '[A-Z]{3}-?\\d{4}' });
    expect(okValue(sut, { plate: '  ABC-1234 ' })).toEqual({ plate: 'ABC-1234' });
    expect(errors(sut, { plate: 'AB' })).toEqual([{ field: 'plate', code: 'validation.too_short', params: { min: 3 } }]);
    expect(errors(sut, { plate: 'ABC-12345' })).toEqual([{ field: 'plate', code: 'validation.too_long', params: { max: 8 } }]);
    expect(errors(sut, { plate: 'xABC1234' })[0]?.code).toBe('forms.pattern_mismatch');
    expect(errors(sut, { plate: 'ABC\u00001234' })[0]?.code).toBe('forms.text_invalid');
    expect(errors(sut, { plate: 1234 })[0]?.code).toBe('validation.invalid_type');
    expect(okValue(sut, { plate: '   ' })).toEqual({}); // blank is empty, and it is optional
  });

  it('text: a single line; long text keeps its lines and has a larger cap', () => {
    const sut = form({ id: 'a', kind: 'text', label: L('Α') }, { id: 'b', kind: 'longText', label: L('Β') });
    expect(okValue(sut, { a: 'one\ntwo', b: ' one\r\ntwo ' })).toEqual({ a: 'one two', b: 'one\ntwo' });
    expect(errors(sut, { a: 'x'.repeat(501) })[0]).toEqual({ field: 'a', code: 'validation.too_long', params: { max: 500 } });
    expect(okValue(sut, { b: 'ώ'.repeat(5000) }).b).toHaveLength(5000);
    expect(errors(sut, { b: 'x'.repeat(10_001) })[0]?.code).toBe('validation.too_long');
  });

  it('number: numbers and numeric strings, Greek decimal comma, bounds and integers', () => {
    const sut = form(
      { id: 'area', kind: 'number', label: L('Εμβαδόν'), min: 0, max: 10_000 },
      { id: 'kids', kind: 'number', label: L('Παιδιά'), integer: true },
    );
    expect(okValue(sut, { area: '12,5', kids: '3' })).toEqual({ area: 12.5, kids: 3 });
    expect(okValue(sut, { area: '1.234,75' })).toEqual({ area: 1234.75 });
    expect(okValue(sut, { area: 99.5 })).toEqual({ area: 99.5 });
    expect(errors(sut, { area: '-1' })).toEqual([{ field: 'area', code: 'forms.number_too_small', params: { min: 0 } }]);
    expect(errors(sut, { area: 10_001 })).toEqual([{ field: 'area', code: 'forms.number_too_large', params: { max: 10_000 } }]);
    expect(errors(sut, { kids: '2,5' })[0]?.code).toBe('forms.number_not_integer');
    expect(errors(sut, { area: '12a' })[0]?.code).toBe('forms.number_invalid');
    expect(errors(sut, { area: true })[0]?.code).toBe('forms.number_invalid');
    expect(parseNumber('1,2,3')).toBeNull();
    expect(parseNumber('12.34')).toBe(12.34);
    expect(parseNumber(Number.NaN)).toBeNull();
  });

  it('date: ISO dates only, min/max, past and future relative to today in Athens', () => {
    const sut = form(
      { id: 'incident', kind: 'date', label: L('Ημερομηνία συμβάντος', 'Incident date'), range: 'past' },
      { id: 'visit', kind: 'date', label: L('Επίσκεψη'), range: 'future', max: '2026-12-31' },
      { id: 'season', kind: 'date', label: L('Σεζόν'), min: '2026-06-01', max: '2026-09-30' },
    );
    expect(okValue(sut, { incident: '2026-06-15', visit: '2026-06-15', season: '2026-07-01' })).toEqual({
      incident: '2026-06-15',
      visit: '2026-06-15',
      season: '2026-07-01',
    });
    expect(errors(sut, { incident: '2026-06-16' })).toEqual([{ field: 'incident', code: 'forms.date_in_future' }]);
    expect(errors(sut, { visit: '2026-06-14' })).toEqual([{ field: 'visit', code: 'forms.date_in_past' }]);
    expect(errors(sut, { visit: '2027-01-01' })).toEqual([{ field: 'visit', code: 'forms.date_too_late', params: { max: '2026-12-31' } }]);
    expect(errors(sut, { season: '2026-05-31' })).toEqual([
      { field: 'season', code: 'forms.date_too_early', params: { min: '2026-06-01' } },
    ]);
    expect(errors(sut, { incident: '2026-02-30' })[0]?.code).toBe('forms.date_invalid');
    expect(errors(sut, { incident: '15/06/2026' })[0]?.code).toBe('forms.date_invalid');
  });

  it('date: "today" is the Athens date, not the UTC one', () => {
    const sut = form({ id: 'd', kind: 'date', label: L('Δ'), range: 'past' });
    // 23:30 UTC on 15 June is already 16 June in Athens.
    expect(validateSubmission(sut, { d: '2026-06-16' }, { now: new Date('2026-06-15T23:30:00Z') }).ok).toBe(true);
    expect(validateSubmission(sut, { d: '2026-06-16' }, { now: new Date('2026-06-15T20:30:00Z') }).ok).toBe(false);
  });

  it('choice and multiChoice: options only, counts, form order', () => {
    const options = [
      { value: 'light', label: L('Φωτισμός', 'Lighting') },
      { value: 'pothole', label: L('Λακκούβα', 'Pothole') },
      { value: 'trash', label: L('Σκουπίδια', 'Rubbish') },
    ];
    const sut = form(
      { id: 'category', kind: 'choice', label: L('Κατηγορία'), options },
      { id: 'also', kind: 'multiChoice', label: L('Επίσης'), options, minSelected: 1, maxSelected: 2 },
    );
    expect(okValue(sut, { category: 'pothole', also: ['trash', 'light', 'trash'] })).toEqual({
      category: 'pothole',
      also: ['light', 'trash'],
    });
    expect(errors(sut, { category: 'fire' })).toEqual([{ field: 'category', code: 'forms.option_invalid' }]);
    expect(errors(sut, { also: ['light', 'nope'] })).toEqual([{ field: 'also', code: 'forms.option_invalid' }]);
    expect(errors(sut, { also: ['light', 'pothole', 'trash'] })).toEqual([
      { field: 'also', code: 'forms.too_many_options', params: { max: 2 } },
    ]);
    expect(errors(sut, { also: 'light' })[0]?.code).toBe('validation.invalid_type');
    expect(okValue(sut, { also: [] })).toEqual({}); // nothing chosen: empty, and optional
  });

  it('multiChoice: minSelected applies once something is chosen; required means at least one', () => {
    const options = [1, 2, 3].map((n) => ({ value: `o${n}`, label: L(`Ε${n}`) }));
    const sut = form({ id: 'm', kind: 'multiChoice', label: L('Μ'), options, minSelected: 2, required: true });
    expect(errors(sut, { m: [] })).toEqual([{ field: 'm', code: 'validation.required' }]);
    expect(errors(sut, { m: ['o1'] })).toEqual([{ field: 'm', code: 'forms.too_few_options', params: { min: 2 } }]);
    expect(okValue(sut, { m: ['o3', 'o1'] })).toEqual({ m: ['o1', 'o3'] });
  });

  it('yesNo: booleans only; false is an answer; consent boxes need yes', () => {
    const sut = form(
      { id: 'owner', kind: 'yesNo', label: L('Ιδιοκτήτης'), required: true },
      { id: 'gdpr', kind: 'yesNo', label: L('Συναίνεση'), mustBeTrue: true },
    );
    expect(okValue(sut, { owner: false })).toEqual({ owner: false });
    expect(errors(sut, {})).toEqual([{ field: 'owner', code: 'validation.required' }]);
    expect(errors(sut, { owner: 'yes' })[0]?.code).toBe('validation.invalid_type');
    expect(errors(sut, { owner: true, gdpr: false })).toEqual([{ field: 'gdpr', code: 'forms.must_accept' }]);
  });

  it('location: WGS84 ranges, optional trimmed address, nothing else', () => {
    const sut = form({ id: 'where', kind: 'location', label: L('Σημείο'), required: true });
    expect(okValue(sut, { where: { lat: 37.9838, lon: 23.7275, address: ' Πανεπιστημίου 1 ' } })).toEqual({
      where: { lat: 37.9838, lon: 23.7275, address: 'Πανεπιστημίου 1' },
    });
    expect(okValue(sut, { where: { lat: -90, lon: 180 } })).toEqual({ where: { lat: -90, lon: 180 } });
    for (const bad of [
      { lat: 91, lon: 0 },
      { lat: 0, lon: -180.1 },
      { lat: '37.9', lon: 23.7 },
      { lat: Number.NaN, lon: 0 },
      [37, 23],
      'Αθήνα',
    ]) {
      expect(errors(sut, { where: bad })).toEqual([{ field: 'where', code: 'forms.location_invalid' }]);
    }
    expect(errors(sut, { where: { lat: 1, lon: 1, zoom: 3 } })).toEqual([{ field: 'where.zoom', code: 'validation.unknown_field' }]);
    expect(errors(sut, { where: { lat: 1, lon: 1, address: 'x'.repeat(501) } })[0]?.field).toBe('where.address');
  });

  it('files: uuids, deduplicated and lower-cased, counts', () => {
    const sut = form(
      { id: 'photos', kind: 'files', label: L('Φωτογραφίες', 'Photos'), allowedKinds: ['image'], minFiles: 1, maxFiles: 2 },
      { id: 'docs', kind: 'files', label: L('Έγγραφα') },
    );
    expect(okValue(sut, { photos: [UUID_A.toUpperCase(), UUID_A] })).toEqual({ photos: [UUID_A] });
    expect(errors(sut, { photos: [UUID_A, UUID_B, '0b0b0b0b-0000-4000-8000-000000000000'] })).toEqual([
      { field: 'photos', code: 'forms.too_many_files', params: { max: 2 } },
    ]);
    expect(errors(sut, { photos: ['not-a-uuid'] })).toEqual([{ field: 'photos', code: 'forms.file_invalid' }]);
    expect(errors(sut, { photos: UUID_A })[0]?.code).toBe('validation.invalid_type');
    const many = Array.from({ length: 21 }, (_, i) => `0b0b0b0b-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(errors(sut, { docs: many })).toEqual([{ field: 'docs', code: 'forms.too_many_files', params: { max: 20 } }]);
  });

  it('files: minFiles counts once something is attached', () => {
    const sut = form({ id: 'f', kind: 'files', label: L('Α'), minFiles: 2 });
    expect(errors(sut, { f: [UUID_A] })).toEqual([{ field: 'f', code: 'forms.too_few_files', params: { min: 2 } }]);
    expect(okValue(sut, { f: [UUID_A, UUID_B] })).toEqual({ f: [UUID_A, UUID_B] });
  });
});

describe('validateSubmission: the person block', () => {
  const applicant = (over: Partial<Extract<TFormField, { kind: 'person' }>> = {}) =>
    form({ id: 'applicant', kind: 'person', label: L('Αιτών', 'Applicant'), required: true, ...over });
  const person = { surname: ' Παπαδοπούλου ', name: 'Μαρία-Ελένη', fatherName: 'Γιώργος', motherName: 'Anna', birthDate: '1985-03-15' };

  it('cleans names and normalizes ids', () => {
    const sut = applicant({ requireAfm: true, requireAmka: true, requireIdNumber: true, requireParents: true, requireBirthDate: true });
    const value = okValue(sut, { applicant: { ...person, afm: '090 000 045', amka: AMKA, idNumber: 'ΑΒ 123456' } });
    expect(value).toEqual({
      applicant: {
        surname: 'Παπαδοπούλου',
        name: 'Μαρία-Ελένη',
        fatherName: 'Γιώργος',
        motherName: 'Anna',
        birthDate: '1985-03-15',
        afm: VALID_AFM,
        amka: AMKA,
        idNumber: 'AB123456',
      },
    });
  });

  it('requires surname and name always, and the rest as the form says', () => {
    const sut = applicant({ requireAfm: true, requireParents: true });
    expect(errors(sut, { applicant: { name: 'Νίκος' } })).toEqual([
      { field: 'applicant.surname', code: 'validation.required' },
      { field: 'applicant.fatherName', code: 'validation.required' },
      { field: 'applicant.motherName', code: 'validation.required' },
      { field: 'applicant.afm', code: 'validation.required' },
    ]);
    expect(errors(sut, {})).toEqual([{ field: 'applicant', code: 'validation.required' }]);
    expect(errors(sut, { applicant: { surname: ' ', name: '' } })).toEqual([{ field: 'applicant', code: 'validation.required' }]);
  });

  it('refuses bad check digits, bad names, future birth dates and unknown parts', () => {
    const sut = applicant();
    expect(
      errors(sut, {
        applicant: {
          surname: 'Π4π',
          name: 'Νίκος',
          birthDate: '2030-01-01',
          afm: '090000046',
          amka: '15038501231',
          idNumber: '12',
          nick: 'x',
        },
      }),
    ).toEqual([
      { field: 'applicant.nick', code: 'validation.unknown_field' },
      { field: 'applicant.surname', code: 'forms.name_invalid' },
      { field: 'applicant.birthDate', code: 'forms.date_in_future' },
      { field: 'applicant.afm', code: 'forms.afm_invalid' },
      { field: 'applicant.amka', code: 'forms.amka_invalid' },
      { field: 'applicant.idNumber', code: 'forms.id_number_invalid' },
    ]);
    expect(errors(sut, { applicant: { surname: 'Α', name: 'Β', afm: 90000045 } })).toEqual([
      { field: 'applicant.afm', code: 'validation.invalid_type' },
    ]);
    expect(errors(sut, { applicant: 'Νίκος' })).toEqual([{ field: 'applicant', code: 'validation.invalid_type' }]);
  });

  it('asks only for the parts the form lists', () => {
    const sut = applicant({ parts: ['surname', 'name', 'afm'] });
    expect(errors(sut, { applicant: { surname: 'Α', name: 'Β', amka: AMKA } })).toEqual([
      { field: 'applicant.amka', code: 'validation.unknown_field' },
    ]);
    expect(okValue(sut, { applicant: { surname: "O'Brien", name: 'Seán' } })).toEqual({ applicant: { surname: "O'Brien", name: 'Seán' } });
  });

  it('an optional person block may be left out entirely', () => {
    const sut = form({ id: 'witness', kind: 'person', label: L('Μάρτυρας'), requireAfm: true });
    expect(okValue(sut, {})).toEqual({});
    expect(okValue(sut, { witness: { surname: '', name: '' } })).toEqual({});
    expect(errors(sut, { witness: { surname: 'Α', name: 'Β' } })).toEqual([{ field: 'witness.afm', code: 'validation.required' }]);
  });
});

describe('validateSubmission: conditional fields', () => {
  const sut = form(
    { id: 'owner', kind: 'yesNo', label: L('Είστε ιδιοκτήτης;'), required: true },
    { id: 'ownerAfm', kind: 'text', label: L('ΑΦΜ ιδιοκτήτη'), required: true, showIf: { field: 'owner', equals: false } },
    {
      id: 'reason',
      kind: 'choice',
      label: L('Λόγος'),
      options: [
        { value: 'a', label: L('Α') },
        { value: 'b', label: L('Β') },
        { value: 'other', label: L('Άλλο') },
      ],
    },
    { id: 'reasonText', kind: 'longText', label: L('Περιγράψτε'), required: true, showIf: { field: 'reason', in: ['other'] } },
    { id: 'reasonNote', kind: 'text', label: L('Σημείωση'), showIf: { field: 'reasonText', notEmpty: true } },
  );

  it('a hidden required field is not required', () => {
    expect(okValue(sut, { owner: true })).toEqual({ owner: true });
    expect(okValue(sut, { owner: true, reason: 'a' })).toEqual({ owner: true, reason: 'a' });
  });

  it('a shown required field is required', () => {
    expect(errors(sut, { owner: false })).toEqual([{ field: 'ownerAfm', code: 'validation.required' }]);
    expect(errors(sut, { owner: true, reason: 'other' })).toEqual([{ field: 'reasonText', code: 'validation.required' }]);
  });

  it('a value sent for a hidden field is dropped, even an invalid one', () => {
    expect(okValue(sut, { owner: true, ownerAfm: 'ignored', reason: 'a', reasonText: 42, reasonNote: 'x' })).toEqual({
      owner: true,
      reason: 'a',
    });
  });

  it('conditions chain: hiding a field hides the fields that depend on it', () => {
    expect(okValue(sut, { owner: true, reason: 'other', reasonText: 'Θόρυβος', reasonNote: 'βράδυ' })).toEqual({
      owner: true,
      reason: 'other',
      reasonText: 'Θόρυβος',
      reasonNote: 'βράδυ',
    });
    expect(okValue(sut, { owner: true, reason: 'b', reasonText: 'Θόρυβος', reasonNote: 'βράδυ' })).toEqual({ owner: true, reason: 'b' });
  });

  it('compares the cleaned value (numbers from strings, any of a multiple choice)', () => {
    const options = ['x', 'y', 'z'].map((v) => ({ value: v, label: L(v) }));
    const f = form(
      { id: 'n', kind: 'number', label: L('Ν') },
      { id: 'big', kind: 'text', label: L('Μ'), required: true, showIf: { field: 'n', equals: 3 } },
      { id: 'm', kind: 'multiChoice', label: L('Π'), options },
      { id: 'zNote', kind: 'text', label: L('Ζ'), required: true, showIf: { field: 'm', equals: 'z' } },
    );
    expect(errors(f, { n: '3' })).toEqual([{ field: 'big', code: 'validation.required' }]);
    expect(okValue(f, { n: '4' })).toEqual({ n: 4 });
    expect(errors(f, { m: ['x', 'z'] })).toEqual([{ field: 'zNote', code: 'validation.required' }]);
    expect(okValue(f, { m: ['x'] })).toEqual({ m: ['x'] });
  });
});

describe('validateSubmission: the submission itself', () => {
  const sut = form({ id: 'title', kind: 'text', label: L('Τίτλος') });

  it('refuses keys that are not fields of the form, and non-objects', () => {
    expect(errors(sut, { title: 'Α', extra: 1 })).toEqual([{ field: 'extra', code: 'validation.unknown_field' }]);
    expect(errors(sut, ['Α'])).toEqual([{ field: '', code: 'forms.invalid_submission' }]);
    expect(errors(sut, 'Α')).toEqual([{ field: '', code: 'forms.invalid_submission' }]);
  });

  it('treats no data as an empty submission and ignores inherited properties', () => {
    expect(okValue(sut, undefined)).toEqual({});
    expect(okValue(sut, Object.create({ title: 'inherited' }))).toEqual({});
  });

  it('reports every problem at once, in form order', () => {
    const f = form(
      { id: 'a', kind: 'text', label: L('Α'), required: true },
      { id: 'b', kind: 'number', label: L('Β'), required: true },
      { id: 'c', kind: 'date', label: L('Γ') },
    );
    expect(errors(f, { c: 'x' }).map((e) => e.field)).toEqual(['a', 'b', 'c']);
  });
});

describe('localized field errors', () => {
  const sut = form(
    {
      id: 'applicant',
      kind: 'person',
      label: L('Αιτών', 'Applicant'),
      requireAfm: true,
      partLabels: { afm: L('ΑΦΜ αιτούντος', "Applicant's tax number") },
    },
    { id: 'photos', kind: 'files', label: L('Φωτογραφίες', 'Photos'), maxFiles: 1 },
    { id: 'title', kind: 'text', label: L('Τίτλος', 'Title'), required: true },
  );
  const bad = { applicant: { surname: 'Α', name: 'Β', afm: '123456789', amka: '1' }, photos: [UUID_A, UUID_B] };

  it('names the field by the form’s label, in Greek and in English', () => {
    const issues = errors(sut, bad);
    expect(localizeFieldErrors(sut, issues, 'el').map((e) => e.message)).toEqual([
      'Το πεδίο «ΑΦΜ αιτούντος» δεν είναι έγκυρος ΑΦΜ.',
      'Το πεδίο «ΑΜΚΑ (Αιτών)» δεν είναι έγκυρος ΑΜΚΑ.',
      'Στο πεδίο «Φωτογραφίες» επιτρέπονται το πολύ 1 αρχεία.',
      'Το πεδίο «Τίτλος» είναι υποχρεωτικό.',
    ]);
    expect(localizeFieldErrors(sut, issues, 'en').map((e) => e.message)).toEqual([
      "The field “Applicant's tax number” is not a valid tax number (AFM).",
      'The field “Social security number (AMKA) (Applicant)” is not a valid social security number (AMKA).',
      'At most 1 files are allowed in “Photos”.',
      'The field “Title” is required.',
    ]);
  });

  it('passes through the API error renderer unchanged', () => {
    const fields = localizeFieldErrors(sut, errors(sut, { title: '' }), 'el');
    const body = renderError('el', new AppError('validation.failed', 400, {}, fields));
    expect(body.fields).toEqual([{ field: 'title', code: 'validation.required', message: 'Το πεδίο «Τίτλος» είναι υποχρεωτικό.' }]);
  });

  it('every forms code has both texts', () => {
    for (const [code, text] of Object.entries(FORMS_MESSAGES)) {
      expect(hasMessage(code)).toBe(true);
      expect(text.el).toMatch(/[Α-Ωα-ωά-ώ]/);
      expect(text.en).toMatch(/^[^Α-Ωα-ω]*$/);
    }
  });
});

describe('fileIdsIn', () => {
  it('lists the files of every visible files field once', () => {
    const sut = form(
      { id: 'photos', kind: 'files', label: L('Φ'), allowedKinds: ['image'] },
      { id: 'more', kind: 'yesNo', label: L('Κι άλλα;') },
      { id: 'docs', kind: 'files', label: L('Έ'), showIf: { field: 'more', equals: true } },
      { id: 'note', kind: 'text', label: L('Σ') },
    );
    const shown = okValue(sut, { photos: [UUID_A], more: true, docs: [UUID_B, UUID_A], note: UUID_B });
    expect(fileIdsIn(sut, shown)).toEqual([UUID_A, UUID_B]);
    expect(fileFieldsIn(sut, shown)).toEqual([
      { field: 'photos', ids: [UUID_A], allowedKinds: ['image'] },
      { field: 'docs', ids: [UUID_B, UUID_A] },
    ]);
    const hidden = okValue(sut, { photos: [UUID_A], more: false, docs: [UUID_B] });
    expect(fileIdsIn(sut, hidden)).toEqual([UUID_A]);
    expect(fileIdsIn(sut, {})).toEqual([]);
  });
});
