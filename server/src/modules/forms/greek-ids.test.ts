import { describe, expect, it } from 'vitest';
import { isValidAfm, isValidAmka, isValidIdNumber, luhnValid, normalizeAfm, normalizeAmka, normalizeIdNumber } from './index.js';

/** The ΑΦΜ check digit written out independently: weights 256, 128, … 2. */
function afmWithCheck(first8: string): string {
  const weights = [256, 128, 64, 32, 16, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first8[i]), 0);
  return first8 + String((sum % 11) % 10);
}

/** Luhn check digit for a prefix, computed the textbook way (double every second digit from the right of the full number). */
function withLuhn(prefix: string): string {
  for (let c = 0; c <= 9; c++) {
    const s = prefix + c;
    const sum = [...s]
      .reverse()
      .map(Number)
      .reduce((acc, d, i) => acc + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

describe('isValidAfm', () => {
  it('accepts published ΑΦΜ (checked by hand against the algorithm)', () => {
    // 9·128 + 4·2 = 1160; 1160 mod 11 = 5 → check digit 5.
    expect(isValidAfm('090000045')).toBe(true);
    // 9·128 + 4·64 + 1·16 + 9·8 + 2·4 + 4·2 = 1512; 1512 mod 11 = 5.
    expect(isValidAfm('094019245')).toBe(true);
  });

  it('accepts numbers made by the algorithm, including the "mod 11 = 10 → 0" case', () => {
    let sawTen = false;
    for (let i = 0; i < 500; i++) {
      const first8 = String((i * 7_919_113) % 100_000_000).padStart(8, '0');
      if (first8 === '00000000') continue;
      const afm = afmWithCheck(first8);
      expect(isValidAfm(afm)).toBe(true);
      const wrong = first8 + String((Number(afm[8]) + 1) % 10);
      expect(isValidAfm(wrong)).toBe(false);
      const weights = [256, 128, 64, 32, 16, 8, 4, 2];
      if (weights.reduce((a, w, j) => a + w * Number(first8[j]), 0) % 11 === 10) sawTen = true;
    }
    expect(sawTen).toBe(true);
  });

  it('refuses wrong check digits, wrong lengths, letters and all zeros', () => {
    expect(isValidAfm('090000046')).toBe(false);
    expect(isValidAfm('123456789')).toBe(false);
    expect(isValidAfm('09000004')).toBe(false);
    expect(isValidAfm('0900000450')).toBe(false);
    expect(isValidAfm('09000004A')).toBe(false);
    expect(isValidAfm('000000000')).toBe(false);
    expect(isValidAfm('')).toBe(false);
    expect(isValidAfm(90000045 as unknown as string)).toBe(false);
  });

  it('tolerates spaces and dashes people type, and normalizes them away', () => {
    expect(isValidAfm(' 090 000 045 ')).toBe(true);
    expect(normalizeAfm('090-000-045')).toBe('090000045');
    expect(normalizeAfm('090000046')).toBeNull();
  });
});

describe('isValidAmka', () => {
  it('accepts numbers whose first six digits are a birth date and last a Luhn digit', () => {
    for (const prefix of ['1503850123', '0101000001', '3112991234', '2902840555', '2902005678']) {
      const amka = withLuhn(prefix);
      expect(luhnValid(amka)).toBe(true);
      expect(isValidAmka(amka)).toBe(true);
      expect(isValidAmka(amka.slice(0, 10) + String((Number(amka[10]) + 1) % 10))).toBe(false);
    }
  });

  it('refuses impossible birth dates even with a correct Luhn digit', () => {
    for (const prefix of ['3202850123', '0013850123', '0000000000', '3104850123', '2902850123', '0115850123']) {
      expect(isValidAmka(withLuhn(prefix))).toBe(false);
    }
  });

  it('refuses wrong lengths and letters; normalizes spaces', () => {
    const amka = withLuhn('1503850123');
    expect(isValidAmka(amka.slice(0, 10))).toBe(false);
    expect(isValidAmka(`${amka}0`)).toBe(false);
    expect(isValidAmka(`${amka.slice(0, 10)}X`)).toBe(false);
    expect(normalizeAmka(`${amka.slice(0, 6)} ${amka.slice(6)}`)).toBe(amka);
  });
});

describe('ID card number (ΑΔΤ)', () => {
  it('accepts one or two letters and six digits, in Greek or Latin, and stores look-alikes in Latin', () => {
    expect(normalizeIdNumber('ΑΒ123456')).toBe('AB123456'); // Greek Α, Β
    expect(normalizeIdNumber('AB123456')).toBe('AB123456'); // Latin A, B
    expect(normalizeIdNumber('ΑΒ123456')).toBe(normalizeIdNumber('AB123456'));
    expect(normalizeIdNumber('αβ 123456')).toBe('AB123456');
    expect(normalizeIdNumber('Π-123456')).toBe('Π123456'); // no Latin twin: stays Greek
    expect(normalizeIdNumber('ΧΡ123456')).toBe('XP123456');
    expect(normalizeIdNumber('ΆΚ123456')).toBe('AK123456'); // stray accent
    expect(isValidIdNumber('ΣΦ 654321')).toBe(true);
  });

  it('refuses other shapes', () => {
    for (const bad of ['123456', 'ABC123456', 'AB12345', 'AB1234567', 'A1B23456', 'Ж123456', '']) {
      expect(isValidIdNumber(bad)).toBe(false);
    }
  });
});
