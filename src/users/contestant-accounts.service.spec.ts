import { generatePassword } from './contestant-accounts.service';

describe('generatePassword', () => {
  it('gives three groups of four from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
      expect(password).not.toMatch(/[01ilo]/);
    }
  });

  it('takes every character from the random source', () => {
    expect(generatePassword(() => 0)).toBe('aaaa-aaaa-aaaa');
    expect(generatePassword((max) => max - 1)).toBe('9999-9999-9999');
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generatePassword()));
    expect(seen.size).toBe(1000);
  });
});
