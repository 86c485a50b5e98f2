import { firstStream, parseStreamEntries, toAcceptedReservation } from './stream-entries';

const reservationId = '0f8b3a526c1e4d3a9a551b2c3d4e5f60' + '9d6e1f2a3b4c4d5e8f60718293a4b5c6';
const shopperId = '6b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const payload = (...parts: string[]) => ['d', parts.join('\n')];

describe('stream entries', () => {
  it('read what the purchase script wrote', () => {
    expect(
      toAcceptedReservation(payload('3', reservationId, shopperId, 'oAbc_1', '2', '1795267627617', 'tap 1')),
    ).toEqual({
      id: '9d6e1f2a-3b4c-4d5e-8f60-718293a4b5c6',
      reservationId,
      saleId: '0f8b3a52-6c1e-4d3a-9a55-1b2c3d4e5f60',
      shopperId,
      openid: 'oAbc_1',
      quantity: 2,
      epoch: 3,
      idempotencyKey: 'tap 1',
      acceptedAt: new Date(1795267627617),
    });
    expect(toAcceptedReservation(payload('3', reservationId, shopperId, 'o', '1', '1', ''))?.idempotencyKey).toBeNull();
  });

  it('refuse anything else', () => {
    for (const fields of [
      [],
      ['x', 'y'],
      payload('3', 'nope', shopperId, 'o', '1', '1', ''),
      payload('3', reservationId, 'nope', 'o', '1', '1', ''),
      payload('3', reservationId, shopperId, '', '1', '1', ''),
      payload('3', reservationId, shopperId, 'o', '0', '1', ''),
      payload('x', reservationId, shopperId, 'o', '1', '1', ''),
      payload('3', reservationId, shopperId, 'o', '1', 'later', ''),
      payload('3', reservationId, shopperId, 'o', '1', '1'),
    ]) {
      expect(toAcceptedReservation(fields)).toBeNull();
    }
  });

  it('take replies in either protocol and skip deleted entries', () => {
    const entry = ['1-0', payload('1', reservationId, shopperId, 'o', '1', '1', '')];
    expect(parseStreamEntries(firstStream([['stream', [entry, null]]]))).toHaveLength(1);
    expect(parseStreamEntries(firstStream({ stream: [entry] }))).toHaveLength(1);
    expect(parseStreamEntries(firstStream(new Map([['stream', [entry]]])))).toHaveLength(1);
    expect(parseStreamEntries(firstStream(null))).toEqual([]);
    expect(parseStreamEntries([['2-0', ['junk']]])).toEqual([{ streamId: '2-0', reservation: null }]);
  });
});
