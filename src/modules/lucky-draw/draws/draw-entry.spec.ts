import { drawEntryText, parseDrawEntry } from './draw-entry';

describe('draw stream entries', () => {
  const draw = {
    drawId: '0190f1c2-7a1b-7c3d-8e4f-123456789abc',
    shopperId: '6f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f',
    openid: 'o_sandbox_1',
    day: '2026-12-06',
    pickedPrizeId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    epoch: 3,
    acceptedAt: new Date('2026-12-06T05:00:00.123Z'),
  };

  it('read back as written, with the in-stock line the script adds', () => {
    expect(parseDrawEntry('1-0', `${drawEntryText(draw)}\n0`)).toEqual({ ...draw, inStock: false, streamId: '1-0' });
    expect(parseDrawEntry('1-1', `${drawEntryText(draw)}\n1`)?.inStock).toBe(true);
  });

  it('anything else is unreadable', () => {
    expect(parseDrawEntry('1-0', drawEntryText(draw))).toBeNull();
    expect(parseDrawEntry('1-0', `${drawEntryText(draw)}\n2`)).toBeNull();
    expect(parseDrawEntry('1-0', `${drawEntryText({ ...draw, drawId: 'x' })}\n1`)).toBeNull();
  });
});
