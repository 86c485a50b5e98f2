import { clampTimeExpire, effectiveTradeState, isPaidState } from './trade-state';

const NOW = new Date('2026-11-21T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('effectiveTradeState', () => {
  it('an unpaid order reads NOTPAY before time_expire', () => {
    expect(effectiveTradeState({ tradeState: 'NOTPAY', timeExpire: at(1) }, NOW)).toBe('NOTPAY');
  });

  it('an unpaid order reads CLOSED from time_expire on (the deadline is exact)', () => {
    expect(effectiveTradeState({ tradeState: 'NOTPAY', timeExpire: NOW }, NOW)).toBe('CLOSED');
    expect(effectiveTradeState({ tradeState: 'NOTPAY', timeExpire: at(-1) }, NOW)).toBe('CLOSED');
  });

  it('a paid, refunded or closed order keeps its state past time_expire', () => {
    for (const state of ['SUCCESS', 'REFUND', 'CLOSED'] as const) {
      expect(effectiveTradeState({ tradeState: state, timeExpire: at(-1000) }, NOW)).toBe(state);
    }
  });

  it('SUCCESS and REFUND count as paid', () => {
    expect(['NOTPAY', 'SUCCESS', 'REFUND', 'CLOSED'].filter((s) => isPaidState(s as never))).toEqual([
      'SUCCESS',
      'REFUND',
    ]);
  });
});

describe('clampTimeExpire', () => {
  it('keeps a time_expire within [now + 1 min, now + 90 days]', () => {
    expect(clampTimeExpire(at(15 * 60_000), NOW)).toEqual(at(15 * 60_000));
  });

  it('raises one sooner than a minute to a minute', () => {
    expect(clampTimeExpire(at(5_000), NOW)).toEqual(at(60_000));
    expect(clampTimeExpire(at(-60_000), NOW)).toEqual(at(60_000));
  });

  it('lowers one later than 90 days to 90 days', () => {
    expect(clampTimeExpire(at(100 * 86_400_000), NOW)).toEqual(at(90 * 86_400_000));
  });
});
