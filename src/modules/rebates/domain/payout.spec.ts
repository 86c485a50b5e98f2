import fc from 'fast-check';
import { payout } from './payout';
import { REBATE_MAX_FEN, REBATE_MIN_FEN } from './rebate-amount';

describe('rebate payout against a debt', () => {
  it('no debt: the whole rebate is transferred', () => {
    expect(payout(800, 0)).toEqual({ deductedFen: 0, transferFen: 800 });
  });

  it('a debt smaller than the rebate: deducted, the net transferred', () => {
    expect(payout(800, 300)).toEqual({ deductedFen: 300, transferFen: 500 });
  });

  it('a debt as large as the rebate or larger: all of it deducted, nothing transferred', () => {
    expect(payout(800, 800)).toEqual({ deductedFen: 800, transferFen: 0 });
    expect(payout(800, 5_000)).toEqual({ deductedFen: 800, transferFen: 0 });
  });

  it('a net under the transfer minimum: the minimum is transferred and the rest of the debt stays owed', () => {
    expect(payout(800, 795)).toEqual({ deductedFen: 790, transferFen: 10 });
    expect(payout(10, 5)).toEqual({ deductedFen: 0, transferFen: 10 });
  });

  it('always: deducted within debt and rebate, the parts add up, a transfer is 0 or at least the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: REBATE_MIN_FEN, max: REBATE_MAX_FEN }),
        fc.integer({ min: 0, max: 100_000 }),
        (amount, owed) => {
          const { deductedFen, transferFen } = payout(amount, owed);
          expect(deductedFen + transferFen).toBe(amount);
          expect(deductedFen).toBeGreaterThanOrEqual(0);
          expect(deductedFen).toBeLessThanOrEqual(Math.min(owed, amount));
          expect(transferFen === 0 || transferFen >= REBATE_MIN_FEN).toBe(true);
          // Nothing more could have been deducted without breaking the minimum.
          expect(deductedFen === Math.min(owed, amount) || transferFen === REBATE_MIN_FEN).toBe(true);
        },
      ),
    );
  });
});
