import { furtherClawbackFen, PaidRebate } from './clawback';

const paid = (overrides: Partial<PaidRebate> = {}): PaidRebate => ({
  amountFen: 800,
  deductedFen: 0,
  transferFailed: false,
  clawedBackFen: 0,
  ...overrides,
});

describe('rebate clawback after a refund', () => {
  it('a full refund claws back the whole rebate', () => {
    expect(furtherClawbackFen(paid(), 0)).toBe(800);
  });

  it('a partial refund claws back what the rule no longer gives (10% of 6,000 kept: 200 of 800 back)', () => {
    expect(furtherClawbackFen(paid(), 600)).toBe(200);
  });

  it('a partial refund that leaves the rebate whole (a fixed rule above its minimum) claws back nothing', () => {
    expect(furtherClawbackFen(paid(), 800)).toBe(0);
  });

  it('a second refund claws back only the further difference; a repeat of the same claws back nothing', () => {
    expect(furtherClawbackFen(paid({ clawedBackFen: 200 }), 0)).toBe(600);
    expect(furtherClawbackFen(paid({ clawedBackFen: 200 }), 600)).toBe(0);
  });

  it('a rebate whose transfer failed: only the part that paid off a debt is owed', () => {
    expect(furtherClawbackFen(paid({ transferFailed: true }), 0)).toBe(0);
    expect(furtherClawbackFen(paid({ transferFailed: true, deductedFen: 300 }), 0)).toBe(300);
  });

  it('a rebate that went entirely to a debt is clawed back like one transferred', () => {
    expect(furtherClawbackFen(paid({ deductedFen: 800 }), 0)).toBe(800);
  });
});
