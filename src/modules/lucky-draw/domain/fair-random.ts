import { createHash, createHmac } from 'node:crypto';

/**
 * The provably-fair random value of one draw: HMAC-SHA256 with the campaign's secret seed as the key and the
 * draw id (its UUID text, as returned) as the message. 32 bytes, published as lowercase hex in the draw's proof.
 */
export function drawRandom(seed: Buffer, drawId: string): Buffer {
  return createHmac('sha256', seed).update(drawId, 'utf8').digest();
}

/** The commitment published at creation: SHA-256 of the seed's 32 bytes, lowercase hex. */
export function seedCommitment(seed: Buffer): string {
  return createHash('sha256').update(seed).digest('hex');
}

const TWO_64 = 1n << 64n;

/**
 * A ticket uniform on [0, total) from a draw's random value, with no modulo bias: the 32 bytes are read as four
 * big-endian unsigned 64-bit integers u0..u3; the first u_k below L = 2^64 − (2^64 mod total) gives
 * ticket = u_k mod total (every ticket then has exactly L / total preimages). If all four are rejected (chance
 * below (total / 2^64)^4, about 10^-46 here), the next 32 bytes are SHA-256 of the previous 32, and so on.
 */
export function ticketFrom(random: Buffer, total: number): number {
  if (!Number.isSafeInteger(total) || total < 1) throw new RangeError(`total weight must be a positive integer`);
  const modulus = BigInt(total);
  const limit = TWO_64 - (TWO_64 % modulus);
  let block = random;
  for (;;) {
    for (let offset = 0; offset + 8 <= block.length; offset += 8) {
      const value = block.readBigUInt64BE(offset);
      if (value < limit) return Number(value % modulus);
    }
    block = createHash('sha256').update(block).digest();
  }
}
