import { describe, expect, it } from 'vitest';
import i18n, { missingKeys } from './index';

/** Category groups the server's seeds give case types (server/src/modules/{reports,eservices,cases,...}/seed.ts). */
const SEEDED_GROUPS = [
  'certificates',
  'children',
  'civil-status',
  'cleaning',
  'fleet',
  'general',
  'infant',
  'lighting',
  'military-register',
  'municipal-register',
  'revenue',
  'roads',
  'safety',
  'schools',
  'water',
];

describe('missing translations', () => {
  it('records a key no catalogue holds, even behind a defaultValue', () => {
    const shown = i18n.t('request.groups.no-such-group', { defaultValue: 'no-such-group' });
    expect(shown).toBe('no-such-group');
    expect(missingKeys.has('request.groups.no-such-group')).toBe(true);
  });

  it('has a label for every category group the seeds use, in Greek and English', () => {
    missingKeys.clear();
    for (const lng of ['el', 'en']) for (const g of SEEDED_GROUPS) i18n.getFixedT(lng)(`request.groups.${g}`);
    expect([...missingKeys]).toEqual([]);
  });
});
