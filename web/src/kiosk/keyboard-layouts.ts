/** Key layouts of the kiosk's on-screen keyboard and the Greek accent (τόνος) dead key. */
export type KeyboardLanguage = 'el' | 'en';

export const LAYOUTS: Record<KeyboardLanguage, string[][]> = {
  el: [
    [';', 'ς', 'ε', 'ρ', 'τ', 'υ', 'θ', 'ι', 'ο', 'π'],
    ['α', 'σ', 'δ', 'φ', 'γ', 'η', 'ξ', 'κ', 'λ'],
    ['ζ', 'χ', 'ψ', 'ω', 'β', 'ν', 'μ'],
  ],
  en: [
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
  ],
};

/** House numbers, postcodes and phone numbers: the same digits row in both languages. */
export const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export const TONOS = '΄';

const ACCENTED: Record<string, string> = {
  α: 'ά',
  ε: 'έ',
  η: 'ή',
  ι: 'ί',
  ο: 'ό',
  υ: 'ύ',
  ω: 'ώ',
};

/** Upper-case form of a key as printed on the keycap and typed with shift. */
export function shifted(key: string): string {
  if (key === ';') return ':';
  if (key === 'ς') return 'Σ';
  // Not toLocaleUpperCase('el'): Greek casing rules drop the tonos (ά→Α), but a capital
  // at the start of a word keeps it (Άρτα).
  return key.toUpperCase();
}

/**
 * What a key types given the pending accent and shift: the accent combines with a Greek
 * vowel (α→ά ... ω→ώ, Α→Ά ...); on any other key it is dropped, as on a physical keyboard
 * where the dead key then does nothing useful.
 */
export function compose(key: string, opts: { accent: boolean; shift: boolean }): string {
  const base = opts.accent ? (ACCENTED[key] ?? key) : key;
  return opts.shift ? shifted(base) : base;
}
