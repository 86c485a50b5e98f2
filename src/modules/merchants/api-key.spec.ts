import { apiKeyLookup, apiKeyMatches, generateApiKey, hashApiKey } from './api-key';

describe('merchant API keys', () => {
  it('are 32 random bytes behind a recognisable prefix, different every time', () => {
    const keys = Array.from({ length: 50 }, () => generateApiKey());
    for (const key of keys) expect(key.apiKey).toMatch(/^ek_[A-Za-z0-9_-]{43}$/);
    expect(new Set(keys.map((key) => key.apiKey)).size).toBe(50);
    expect(new Set(keys.map((key) => key.lookup)).size).toBe(50);
  });

  it('match their stored hash only', () => {
    const key = generateApiKey();
    expect(apiKeyMatches(key.apiKey, key.hash)).toBe(true);
    expect(apiKeyMatches(key.apiKey.slice(0, -1) + (key.apiKey.endsWith('A') ? 'B' : 'A'), key.hash)).toBe(false);
    expect(apiKeyMatches(key.apiKey, hashApiKey('other'))).toBe(false);
  });

  it('have no lookup part unless well formed', () => {
    expect(apiKeyLookup('ek_short')).toBeNull();
    expect(apiKeyLookup('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBeNull();
  });
});
