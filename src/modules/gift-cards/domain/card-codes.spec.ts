import { generatePin, pinDigest, pinMatches } from './card-codes';

describe('gift card PINs', () => {
  it('are six digits', () => {
    for (let i = 0; i < 50; i++) expect(generatePin()).toMatch(/^\d{6}$/);
  });

  it('match only with their own code', () => {
    const stored = pinDigest('K7QM3XHT9PWA', '012345');
    expect(pinMatches('K7QM3XHT9PWA', '012345', stored)).toBe(true);
    expect(pinMatches('K7QM3XHT9PWA', '012346', stored)).toBe(false);
    expect(pinMatches('K7QM3XHT9PWB', '012345', stored)).toBe(false);
  });
});
