import { campaignPhase, campaignProblems, leaderPrice } from './campaign-rules';

const at = (iso: string) => new Date(iso);
const terms = {
  groupPriceFen: 800,
  leaderPriceFen: null,
  startsAt: at('2026-01-01T00:00:00Z'),
  endsAt: at('2026-01-08T00:00:00Z'),
};

describe('campaign rules', () => {
  it('a sound campaign has no problems', () => {
    expect(campaignProblems(terms, 1000)).toEqual([]);
    expect(campaignProblems({ ...terms, groupPriceFen: 1000, leaderPriceFen: 1 }, 1000)).toEqual([]);
  });

  it('refuses a window that ends before (or when) it starts', () => {
    expect(campaignProblems({ ...terms, endsAt: terms.startsAt }, 1000).map((p) => p.field)).toEqual(['endsAt']);
  });

  it('refuses a group price above the product price', () => {
    expect(campaignProblems({ ...terms, groupPriceFen: 1001 }, 1000).map((p) => p.field)).toEqual(['groupPriceFen']);
  });

  it('refuses a leader price above the group price', () => {
    expect(campaignProblems({ ...terms, leaderPriceFen: 801 }, 1000).map((p) => p.field)).toEqual(['leaderPriceFen']);
  });

  it('the leader pays the leader price when there is one, else the group price', () => {
    expect(leaderPrice({ groupPriceFen: 800, leaderPriceFen: null })).toBe(800);
    expect(leaderPrice({ groupPriceFen: 800, leaderPriceFen: 1 })).toBe(1);
  });

  it('the window is [startsAt, endsAt)', () => {
    expect(campaignPhase(terms, at('2025-12-31T23:59:59.999Z'))).toBe('upcoming');
    expect(campaignPhase(terms, terms.startsAt)).toBe('active');
    expect(campaignPhase(terms, at('2026-01-07T23:59:59.999Z'))).toBe('active');
    expect(campaignPhase(terms, terms.endsAt)).toBe('ended');
  });
});
