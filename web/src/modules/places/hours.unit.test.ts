import { describe, expect, it } from 'vitest';
import { formatHours, parseHours } from './api';

describe('opening hours as text', () => {
  it('reads day ranges, single days and several intervals', () => {
    expect(parseHours('mon-fri 08:00-15:00; sat 09:00-13:00, 17:00-20:00')).toEqual({
      mon: [{ open: '08:00', close: '15:00' }],
      tue: [{ open: '08:00', close: '15:00' }],
      wed: [{ open: '08:00', close: '15:00' }],
      thu: [{ open: '08:00', close: '15:00' }],
      fri: [{ open: '08:00', close: '15:00' }],
      sat: [
        { open: '09:00', close: '13:00' },
        { open: '17:00', close: '20:00' },
      ],
    });
    expect(parseHours('')).toEqual({});
    expect(parseHours('SUN 10:00-12:00')).toEqual({ sun: [{ open: '10:00', close: '12:00' }] });
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['mon 8-15', 'fri-mon 08:00-15:00', 'xyz 08:00-10:00', 'mon', 'mon 08:00']) expect(parseHours(bad), bad).toBeNull();
  });

  it('writes back what it reads', () => {
    const text = 'mon 08:00-15:00; tue 08:00-15:00; sat 09:00-13:00, 17:00-20:00';
    expect(formatHours(parseHours(text))).toBe(text);
    expect(formatHours(null)).toBe('');
  });
});
