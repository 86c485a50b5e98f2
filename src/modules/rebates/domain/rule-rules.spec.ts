import { RuleDraft, ruleProblems } from './rule-rules';

const NOW = new Date('2026-11-21T10:00:00Z');
const draft = (overrides: Partial<RuleDraft> = {}): RuleDraft => ({
  kind: 'percent',
  percent: 10,
  maxRebateFen: 800,
  startsAt: new Date('2026-11-21T00:00:00Z'),
  endsAt: new Date('2026-12-21T00:00:00Z'),
  ...overrides,
});
const fields = (d: RuleDraft) => ruleProblems(d, NOW).map((p) => p.field);

describe('rebate rule contradictions', () => {
  it('accepts consistent rules', () => {
    expect(fields(draft())).toEqual([]);
    expect(fields(draft({ kind: 'fixed', valueFen: 500, percent: null, maxRebateFen: null }))).toEqual([]);
  });

  it('names the fields of the other kind and the missing ones', () => {
    expect(fields(draft({ kind: 'fixed', valueFen: null }))).toEqual(['valueFen', 'percent', 'maxRebateFen']);
    expect(fields(draft({ percent: null, valueFen: 100 }))).toEqual(['percent', 'valueFen']);
  });

  it('keeps amounts within the transfer limits', () => {
    expect(fields(draft({ kind: 'fixed', valueFen: 5, percent: null, maxRebateFen: null }))).toEqual(['valueFen']);
    expect(fields(draft({ maxRebateFen: 30_000 }))).toEqual(['maxRebateFen']);
  });

  it('refuses a window that ends before it starts or is over', () => {
    expect(fields(draft({ endsAt: new Date('2026-11-20T00:00:00Z') }))).toEqual(['endsAt']);
    expect(
      fields(draft({ startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2026-11-02T00:00:00Z') })),
    ).toEqual(['endsAt']);
  });
});
