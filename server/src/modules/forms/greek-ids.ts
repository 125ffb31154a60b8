/**
 * Check digits of Greek personal identifiers, so a mistyped number is caught
 * at the kiosk instead of weeks later at the tax office. These prove only that
 * a number is well-formed, not that it belongs to the person.
 */

/** Removes the spaces, dots and dashes people type or paste into numbers. */
const digitsOnly = (s: string) => s.replace(/[\s.\-\u00a0]/g, '');

/**
 * ΑΦΜ (tax number): 9 digits; the last is Σ(dᵢ·2⁸⁻ⁱ for the first 8) mod 11 mod 10.
 * All zeros passes the sum but is not a number anyone has.
 */
export function isValidAfm(input: string): boolean {
  if (typeof input !== 'string') return false;
  const s = digitsOnly(input);
  if (!/^\d{9}$/.test(s) || s === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * 2 ** (8 - i);
  return (sum % 11) % 10 === Number(s[8]);
}

export function normalizeAfm(input: string): string | null {
  return isValidAfm(input) ? digitsOnly(input) : null;
}

/** Luhn over all digits: the last one is the check digit. */
export function luhnValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    let d = Number(s[s.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** DDMMYY is a real date in some century (29 Feb needs a leap year, which every YY divisible by 4 is in 19YY or 20YY). */
function isDdMmYy(s: string): boolean {
  const dd = Number(s.slice(0, 2));
  const mm = Number(s.slice(2, 4));
  const yy = Number(s.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  if (mm === 2 && dd === 29) return yy % 4 === 0;
  return dd <= DAYS_IN_MONTH[mm - 1]!;
}

/** ΑΜΚΑ (social security number): 11 digits, the first 6 the birth date DDMMYY, the last a Luhn check digit. */
export function isValidAmka(input: string): boolean {
  if (typeof input !== 'string') return false;
  const s = digitsOnly(input);
  return /^\d{11}$/.test(s) && isDdMmYy(s) && luhnValid(s);
}

export function normalizeAmka(input: string): string | null {
  return isValidAmka(input) ? digitsOnly(input) : null;
}

/**
 * Greek capitals that look like Latin ones. ID cards print them in Greek, people
 * type them in whichever keyboard is on; we store the Latin form so one card
 * is one string.
 */
const LOOKALIKES: Record<string, string> = {
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};

/**
 * ΑΔΤ (police ID card number): 1–2 capital letters and 6 digits, e.g. «ΑΒ 123456».
 * Returns the canonical form (upper case, no spaces, Greek look-alikes in Latin)
 * or null when it is not one.
 */
export function normalizeIdNumber(input: string): string | null {
  if (typeof input !== 'string') return null;
  const s = input
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // a stray accent from a Greek keyboard
    .toUpperCase()
    .replace(/[\s\-\u00a0]/g, '')
    .replace(/[Α-Ω]/g, (c) => LOOKALIKES[c] ?? c);
  return /^[A-ZΓΔΘΛΞΠΣΦΨΩ]{1,2}\d{6}$/.test(s) ? s : null;
}

export function isValidIdNumber(input: string): boolean {
  return normalizeIdNumber(input) !== null;
}
