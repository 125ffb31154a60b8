import { describe, expect, it } from 'vitest';
import { delayAfter } from './login-throttle.js';

describe('sign-in delays', () => {
  it('are free for the first failures, then double, up to 15 minutes', () => {
    expect([1, 5].map((n) => delayAfter(n, 5))).toEqual([0, 0]);
    expect([6, 7, 8, 9, 10].map((n) => delayAfter(n, 5))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(delayAfter(30, 5)).toBe(15 * 60_000);
    expect(delayAfter(10_000, 5)).toBe(15 * 60_000);
  });
});
