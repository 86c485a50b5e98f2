import { ResponseSeal } from './response-seal';

describe('ResponseSeal', () => {
  it('hides the text and gives back the same bytes', () => {
    const seal = new ResponseSeal('s'.repeat(40));
    const text = '{"id":"m-1","apiKey":"ek_secret","name":"茶"}';
    const stored = seal.seal(text);
    expect(JSON.stringify(stored)).not.toContain('ek_secret');
    expect(seal.open(stored)).toBe(text);
  });

  it('refuses a tampered or foreign seal', () => {
    const stored = new ResponseSeal('s'.repeat(40)).seal('{"a":1}');
    expect(() => new ResponseSeal('t'.repeat(40)).open(stored)).toThrow();
    const raw = Buffer.from(stored.sealed, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => new ResponseSeal('s'.repeat(40)).open({ sealed: raw.toString('base64') })).toThrow();
  });
});
