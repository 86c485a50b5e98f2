import { maskedOpenid } from './member-display';
import { failedRoomRefundKey, voidSeatRefundKey } from './refund-keys';
import { isShareTokenShaped, newShareToken, shareLinkFor } from './share-token';

describe('share tokens', () => {
  it('carry at least 128 random bits, base64url', () => {
    const token = newShareToken();
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(isShareTokenShaped(token)).toBe(true);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 10_000 }, newShareToken));
    expect(tokens.size).toBe(10_000);
  });

  it('anything else is not a token', () => {
    expect(isShareTokenShaped('short')).toBe(false);
    expect(isShareTokenShaped(`${newShareToken()}x`)).toBe(false);
    expect(isShareTokenShaped('a'.repeat(31) + '/')).toBe(false);
    expect(isShareTokenShaped(undefined)).toBe(false);
  });

  it('the link is SHARE_LINK_BASE followed by the token', () => {
    expect(shareLinkFor('https://shop.example/g/', 'abc')).toBe('https://shop.example/g/abc');
  });
});

describe('member display', () => {
  it('shows at most the last four characters of an openid', () => {
    expect(maskedOpenid('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o')).toBe('***eS6o');
  });

  it('never shows more than half of a short openid', () => {
    expect(maskedOpenid('abcdef')).toBe('***def');
    expect(maskedOpenid('ab')).toBe('***b');
    expect(maskedOpenid('a')).toBe('***');
  });
});

describe('refund keys', () => {
  it('one per room and order, distinct by cause', () => {
    expect(failedRoomRefundKey('r1', 'o1')).toBe('group-room-failed:r1:o1');
    expect(voidSeatRefundKey('r1', 'o1')).not.toBe(failedRoomRefundKey('r1', 'o1'));
  });
});
