import { keySlot } from './key-slot';

describe('keySlot', () => {
  it('computes the slots Redis Cluster computes (CLUSTER KEYSLOT)', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
    expect(keySlot('123456789')).toBe(12739);
    expect(keySlot('{}foo')).toBe(9500);
    expect(keySlot('x{}{bar}')).toBe(734);
  });

  it('hashes the hash tag only, and the whole key when the tag is empty', () => {
    expect(keySlot('engage:{fs:abc}:stock')).toBe(keySlot('fs:abc'));
    expect(keySlot('other:{fs:abc}:quota')).toBe(keySlot('engage:{fs:abc}:stock'));
    expect(keySlot('{}foo')).not.toBe(keySlot('foo'));
    expect(keySlot('x{foo}{bar}')).toBe(keySlot('foo'));
    expect(keySlot('x{}{bar}')).not.toBe(keySlot('bar'));
  });
});
