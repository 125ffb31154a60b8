import { describe, expect, it } from 'vitest';
import { ageGroupAt, checkAnswers, DEFAULT_CRITERIA, documentsNeeded, monthsBetween, scoreAnswers } from './criteria.js';
import { rankAndAllocate, type TRankInput, waitingPositions } from './ranking.js';

const at = (n: number) => new Date(Date.UTC(2026, 5, 1, 9, n));
const app = (
  id: string,
  points: number,
  income: number | null,
  minute: number,
  ageGroup: 'infant' | 'toddler',
  preferences: string[],
): TRankInput => ({
  id,
  points,
  income,
  submittedAt: at(minute),
  publicCode: `N-${id}`,
  ageGroup,
  preferences,
});

describe('ranking (worked by hand)', () => {
  // A: 1 infant, 2 toddler places · B: 1 infant, 0 toddler places
  const capacity = { A: { infant: 1, toddler: 2 }, B: { infant: 1, toddler: 0 } };
  const apps = [
    app('a1', 60, 15000, 1, 'toddler', ['A']),
    app('a2', 60, 9000, 2, 'toddler', ['A', 'B']),
    app('a3', 75, 40000, 3, 'toddler', ['B', 'A']),
    app('a4', 60, 9000, 0, 'toddler', ['A']),
    app('i1', 40, null, 4, 'infant', ['B', 'A']),
    app('i2', 50, 30000, 5, 'infant', ['B']),
  ];

  it('orders by points, then lower income, then earlier submission, and fills preferences by age group', () => {
    // a3 75 → A (B has no toddler places) · a4 60/9000/earlier → A · a2 60/9000/later → A full, B none → waits
    // a1 60/15000 → waits · i2 50 → B infant · i1 40 → B full → A infant
    expect(rankAndAllocate(apps, capacity)).toEqual([
      { id: 'a3', rank: 1, stationId: 'A' },
      { id: 'a4', rank: 2, stationId: 'A' },
      { id: 'a2', rank: 3, stationId: null },
      { id: 'a1', rank: 4, stationId: null },
      { id: 'i2', rank: 5, stationId: 'B' },
      { id: 'i1', rank: 6, stationId: 'A' },
    ]);
  });

  it('is the same whatever order the applications come in', () => {
    const once = rankAndAllocate(apps, capacity);
    expect(rankAndAllocate([...apps].reverse(), capacity)).toEqual(once);
    expect(rankAndAllocate([apps[3], apps[0], apps[5], apps[2], apps[1], apps[4]] as TRankInput[], capacity)).toEqual(once);
  });

  it('puts no-income answers after any income on a tie', () => {
    const r = rankAndAllocate([app('x', 10, null, 0, 'toddler', ['A']), app('y', 10, 99999, 9, 'toddler', ['A'])], {
      A: { infant: 0, toddler: 1 },
    });
    expect(r.map((x) => x.id)).toEqual(['y', 'x']);
  });

  it('gives waiting-list positions per station and age group in rank order', () => {
    const pos = waitingPositions([
      { id: 'a1', rank: 4, ageGroup: 'toddler', preferences: ['A'] },
      { id: 'a2', rank: 3, ageGroup: 'toddler', preferences: ['A', 'B'] },
      { id: 'i9', rank: 7, ageGroup: 'infant', preferences: ['A'] },
    ]);
    expect(pos.get('a2')).toEqual([
      { stationId: 'A', position: 1 },
      { stationId: 'B', position: 1 },
    ]);
    expect(pos.get('a1')).toEqual([{ stationId: 'A', position: 2 }]);
    expect(pos.get('i9')).toEqual([{ stationId: 'A', position: 1 }]);
  });
});

describe('criteria', () => {
  it('scores the default criteria (both working 30 + single parent 20 + income ≤10.000 30 + 2 siblings 20)', () => {
    const s = scoreAnswers(DEFAULT_CRITERIA, { workingParents: 'both', singleParent: true, familyIncome: 9500, siblings: 2 });
    expect(s.total).toBe(100);
    expect(s.lines.find((l) => l.key === 'familyIncome')?.points).toBe(30);
    // income bands are inclusive at the top; siblings capped at 3
    expect(scoreAnswers(DEFAULT_CRITERIA, { workingParents: 'none', familyIncome: 20000, siblings: 9 }).total).toBe(20 + 30);
    expect(scoreAnswers(DEFAULT_CRITERIA, { workingParents: 'one', familyIncome: 30001 }).total).toBe(15);
  });

  it('checks answers naming the criterion, and asks for the documents claimed points need', () => {
    const r = checkAnswers(DEFAULT_CRITERIA, { workingParents: 'many', siblings: -1, nonsense: true }, 'el');
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([
      ['answers.nonsense', 'validation.unknown_field'],
      ['answers.workingParents', 'nursery.answer_invalid'],
      ['answers.familyIncome', 'validation.required'],
      ['answers.siblings', 'nursery.answer_invalid'],
    ]);
    expect(r.errors[1]?.message).toContain('Εργαζόμενοι γονείς');
    expect(checkAnswers(DEFAULT_CRITERIA, {}, 'en').errors[0]?.message).toBe('The field “Working parents” is required.');
    expect(documentsNeeded(DEFAULT_CRITERIA, { workingParents: 'both', familyIncome: 1, disability: false }).sort()).toEqual([
      'employment',
      'income_statement',
    ]);
    expect(documentsNeeded(DEFAULT_CRITERIA, { workingParents: 'none', familyIncome: 1, orphan: true }).sort()).toEqual([
      'income_statement',
      'single_parent_proof',
    ]);
  });

  it('computes the age group at the reference date', () => {
    const rules = { infantFromMonths: 6, toddlerFromMonths: 30, toddlerUntilMonths: 48 };
    expect(monthsBetween('2025-03-02', '2025-09-01')).toBe(5);
    expect(monthsBetween('2025-03-01', '2025-09-01')).toBe(6);
    expect(ageGroupAt('2025-03-02', '2025-09-01', rules)).toEqual({ error: 'nursery.child_too_young', months: 5 });
    expect(ageGroupAt('2025-03-01', '2025-09-01', rules)).toEqual({ group: 'infant' });
    expect(ageGroupAt('2023-03-02', '2025-09-01', rules)).toEqual({ group: 'infant' });
    expect(ageGroupAt('2023-03-01', '2025-09-01', rules)).toEqual({ group: 'toddler' });
    expect(ageGroupAt('2021-09-01', '2025-09-01', rules)).toEqual({ error: 'nursery.child_too_old', months: 48 });
  });
});
