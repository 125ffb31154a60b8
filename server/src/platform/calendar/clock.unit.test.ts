import { describe, expect, it } from 'vitest';
import { athensDateTime, athensDay, athensMinuteOfDay, athensNaive, athensOffset, athensYear, formatAthens } from './index.js';

describe('the Athens clock', () => {
  it('reads the Athens day, not the UTC day, around midnight', () => {
    // 22:30 UTC on 31 Dec 2026 is 00:30 on 1 Jan 2027 in Athens (winter, +2)
    const t = new Date('2026-12-31T22:30:00Z');
    expect(athensDay(t)).toBe('2027-01-01');
    expect(athensYear(t)).toBe(2027);
    expect(athensDateTime(t)).toBe('2027-01-01 00:30');
    expect(athensMinuteOfDay(t)).toBe(30);
  });

  it('follows summer time (+3) and winter time (+2)', () => {
    expect(athensOffset(new Date('2027-07-01T12:00:00Z'))).toBe('+03:00');
    expect(athensOffset(new Date('2027-01-15T12:00:00Z'))).toBe('+02:00');
    expect(athensDateTime(new Date('2027-07-01T21:15:00Z'))).toBe('2027-07-02 00:15');
    expect(athensMinuteOfDay(new Date('2027-07-01T21:15:00Z'))).toBe(15);
    // the last Sunday of March: 01:00 UTC is 04:00 in Athens after the change
    expect(athensDateTime(new Date('2027-03-28T01:00:00Z'))).toBe('2027-03-28 04:00');
    expect(athensDateTime(new Date('2027-03-28T00:59:00Z'))).toBe('2027-03-28 02:59');
  });

  it('gives a naive date whose UTC fields are the Athens wall clock', () => {
    const n = athensNaive(new Date('2027-07-01T21:15:30.250Z'));
    expect(n.toISOString()).toBe('2027-07-02T00:15:30.250Z');
  });

  it('formats in Greek and English on the Athens clock', () => {
    const t = new Date('2027-03-25T08:05:00Z');
    expect(formatAthens(t, 'el', { dateStyle: 'long' })).toContain('Μαρτίου');
    expect(formatAthens(t, 'en', { dateStyle: 'long' })).toContain('March');
    expect(formatAthens(t, 'en', { timeStyle: 'short' })).toBe('10:05');
  });
});
