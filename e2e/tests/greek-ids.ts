/** A random ΑΦΜ with a valid check digit (for TaxisNet imitation sign-ins in the browser tests). */
export function randomAfm() {
  const d = Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
  const sum = d.reduce((s, x, i) => s + x * 2 ** (8 - i), 0);
  return `${d.join('')}${(sum % 11) % 10}`;
}
