import { describe, expect, it } from 'vitest';

/**
 * Greek is every screen's first language and English must be complete: every text of every
 * translation file (the app's, the faces' and each module's) exists in both, and none is empty.
 * A text missing only in English would otherwise show in Greek on an English screen, silently.
 */
const files = import.meta.glob<Record<string, unknown>>('../../**/i18n/*.json', { eager: true, import: 'default' });

type Texts = Map<string, unknown>;
function flatten(o: Record<string, unknown>, prefix = '', out: Texts = new Map()): Texts {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

const pairs = Object.keys(files)
  .filter((path) => /(^|\/|\.)el\.json$/.test(path))
  .map((el) => ({ el, en: el.replace(/el\.json$/, 'en.json') }));

describe('translations', () => {
  it('finds the translation files (app, faces, modules)', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(15);
    for (const { en } of pairs) expect(files[en], en).toBeDefined();
  });

  for (const { el, en } of pairs) {
    it(`${el.replace('../../', '')}: the same texts in Greek and English, none empty`, () => {
      const greek = flatten(files[el] as Record<string, unknown>);
      const english = flatten((files[en] ?? {}) as Record<string, unknown>);
      expect(
        [...greek.keys()].filter((k) => !english.has(k)),
        'missing in English',
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !greek.has(k)),
        'missing in Greek',
      ).toEqual([]);
      const empty = [...greek, ...english].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(empty, 'empty or not text').toEqual([]);
    });
  }
});
