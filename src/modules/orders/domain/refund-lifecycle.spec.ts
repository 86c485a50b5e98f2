import { REFUNDS_HOLDING_MONEY, REFUND_LIFECYCLE } from './refund-lifecycle';

describe('refund lifecycle', () => {
  it('settles a processing refund once, to succeeded or failed, and never moves it again', () => {
    expect(REFUND_LIFECYCLE.statesLeadingTo('succeeded')).toEqual(['processing']);
    expect(REFUND_LIFECYCLE.statesLeadingTo('failed')).toEqual(['processing']);
    expect(REFUND_LIFECYCLE.canTransition('failed', 'succeeded')).toBe(false);
    expect(REFUND_LIFECYCLE.canTransition('succeeded', 'failed')).toBe(false);
    expect(REFUND_LIFECYCLE.isTerminal('succeeded')).toBe(true);
    expect(REFUND_LIFECYCLE.isTerminal('failed')).toBe(true);
    expect(REFUND_LIFECYCLE.liveStates).toEqual(['processing']);
  });

  it('counts in-flight and succeeded refunds against the refundable rest, never failed ones', () => {
    expect([...REFUNDS_HOLDING_MONEY].sort()).toEqual(['processing', 'succeeded']);
    expect(REFUNDS_HOLDING_MONEY).not.toContain('failed');
  });

  it('settling names the state it leaves', () => {
    const { sql, params } = REFUND_LIFECYCLE.moveStatement({
      to: 'failed',
      where: { id: 'r1' },
      set: { fail_reason: 'NOT_ENOUGH' },
    });
    expect(sql).toBe(
      'UPDATE order_refunds SET status = $1, fail_reason = $2 WHERE status = ANY($3) AND id = $4 RETURNING id',
    );
    expect(params).toEqual(['failed', 'NOT_ENOUGH', ['processing'], 'r1']);
  });
});
