import { drawRandom, seedCommitment, ticketFrom } from './fair-random';
import { pickIndex } from './draw-odds';

describe('fair random', () => {
  const seed = Buffer.from('00'.repeat(31) + '01', 'hex');

  it('is the HMAC-SHA256 of the draw id under the seed, and reproducible', () => {
    const random = drawRandom(seed, '6f1c1c6e-1111-4222-8333-444455556666');
    expect(random).toHaveLength(32);
    expect(drawRandom(seed, '6f1c1c6e-1111-4222-8333-444455556666').equals(random)).toBe(true);
    expect(seedCommitment(seed)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the first 64 bits big-endian and takes them modulo the total when below the rejection limit', () => {
    const random = Buffer.alloc(32);
    random.writeBigUInt64BE(1234567n, 0);
    expect(ticketFrom(random, 1000)).toBe(567);
  });

  it('rejects values at or above 2^64 - (2^64 mod total) and moves to the next 64 bits', () => {
    const total = 3; // 2^64 mod 3 = 1, so the limit is 2^64 - 1
    const random = Buffer.alloc(32);
    random.writeBigUInt64BE((1n << 64n) - 1n, 0);
    random.writeBigUInt64BE(5n, 8);
    expect(ticketFrom(random, total)).toBe(2);
  });

  it('chains SHA-256 when all four blocks are rejected', () => {
    const random = Buffer.alloc(32, 0xff);
    const ticket = ticketFrom(random, 3);
    expect(ticket).toBeGreaterThanOrEqual(0);
    expect(ticket).toBeLessThan(3);
  });
});

describe('the worked example of docs/lucky-draw.md', () => {
  it('picks the jackpot with ticket 32', () => {
    const seed = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
    expect(seedCommitment(seed)).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
    const random = drawRandom(seed, '3f2b8c1e-7d4a-4e59-9c0b-5a6d7e8f9012');
    expect(random.toString('hex')).toBe('6d105817f1a4837876762ac350a8de452fe660e8db8faf8b048656d7d057eefa');
    expect(ticketFrom(random, 100)).toBe(32);
    expect(pickIndex([30, 10, 60], 32)).toBe(1);
  });
});
