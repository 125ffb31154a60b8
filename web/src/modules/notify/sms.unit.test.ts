import { describe, expect, it } from 'vitest';
import { smsSegments } from './api';

describe('SMS segments', () => {
  it('counts GSM-7 text at 160 per message and 153 per part', () => {
    expect(smsSegments('')).toEqual({ chars: 0, segments: 0, perSegment: 160, ucs2: false });
    expect(smsSegments('a'.repeat(160))).toMatchObject({ segments: 1, perSegment: 160, ucs2: false });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts Greek lower case (UCS-2) at 70 and 67, but GSM-7 capitals stay GSM-7', () => {
    expect(smsSegments('Διακοπή νερού αύριο')).toMatchObject({ ucs2: true, perSegment: 70, segments: 1 });
    expect(smsSegments('α'.repeat(70))).toMatchObject({ segments: 1 });
    expect(smsSegments('α'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsSegments('α'.repeat(135))).toMatchObject({ segments: 3 });
    // Δ, Φ, Γ, Λ, Ω, Π, Ψ, Σ, Θ, Ξ are in the GSM-7 alphabet
    expect(smsSegments('ΔΦΓΛΩΠΨΣΘΞ')).toMatchObject({ ucs2: false });
    expect(smsSegments('ΔΗΜΟΣ')).toMatchObject({ ucs2: true });
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    expect(smsSegments('🙂')).toMatchObject({ chars: 1, ucs2: true });
  });
});
