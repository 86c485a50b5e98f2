import { campaignProblems, CampaignDraft } from './campaign-rules';

const NOW = new Date('2026-11-21T10:00:00Z');
const draft = (overrides: Partial<CampaignDraft> = {}): CampaignDraft => ({
  startsAt: new Date('2026-11-21T09:00:00Z'),
  endsAt: new Date('2026-11-28T09:00:00Z'),
  timezone: 'Asia/Shanghai',
  prizes: [{ name: 'Thanks', kind: 'none', weight: 1 }],
  ...overrides,
});
const fields = (d: CampaignDraft) => campaignProblems(d, NOW).map((p) => p.field);

describe('campaign rules', () => {
  it('accepts a consistent campaign', () => {
    expect(fields(draft())).toEqual([]);
  });

  it('refuses a window that ends before it starts, or has already ended', () => {
    expect(fields(draft({ endsAt: new Date('2026-11-21T08:00:00Z') }))).toEqual(['endsAt']);
    expect(
      fields(draft({ startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2026-11-02T00:00:00Z') })),
    ).toEqual(['endsAt']);
  });

  it('refuses an unknown time zone', () => {
    expect(fields(draft({ timezone: 'Mars/Olympus' }))).toEqual(['timezone']);
  });

  it('needs a template for coupon prizes and cashFen within the transfer limits for cash prizes', () => {
    expect(
      fields(
        draft({
          prizes: [
            { name: 'c', kind: 'coupon', weight: 1 },
            { name: 'm', kind: 'cash', weight: 1, cashFen: 5 },
            { name: 'm2', kind: 'cash', weight: 1 },
            { name: 'i', kind: 'item', weight: 1, cashFen: 100, couponTemplateId: 'x' },
            { name: 'n', kind: 'none', weight: 1, stock: 3 },
          ],
        }),
      ),
    ).toEqual([
      'prizes[0].couponTemplateId',
      'prizes[1].cashFen',
      'prizes[2].cashFen',
      'prizes[3].couponTemplateId',
      'prizes[3].cashFen',
      'prizes[4].stock',
    ]);
  });

  it('refuses a campaign with no prize', () => {
    expect(fields(draft({ prizes: [] }))).toEqual(['prizes']);
  });
});
