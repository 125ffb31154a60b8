import { describe, expect, it } from 'vitest';
import { normaliseAddress, searchable } from './address-search';

describe('normaliseAddress', () => {
  it('drops accents and diaeresis, lowers case and writes final sigma as σ', () => {
    expect(normaliseAddress('Οδυσσέως')).toBe('οδυσσεωσ');
    expect(normaliseAddress('ΟΔΥΣΣΕΩΣ')).toBe('οδυσσεωσ');
    expect(normaliseAddress('Ταΰγέτου 3')).toBe('ταυγετου 3');
    expect(normaliseAddress('Ελευθερίου  Βενιζέλου,12Α')).toBe('ελευθεριου βενιζελου 12α');
    expect(normaliseAddress('Ερμού')).toBe(normaliseAddress('ΕΡΜΟΥ'));
  });

  it('asks the server only when there are letters to search for', () => {
    expect(searchable(normaliseAddress('12'))).toBe(false);
    expect(searchable(normaliseAddress('ε'))).toBe(false);
    expect(searchable(normaliseAddress('ερ 1'))).toBe(true);
  });
});
