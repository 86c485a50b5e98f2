import type { CampaignStatus } from '../../components/StatusTag';

export type RebateKind = 'fixed' | 'percent';
export const REBATE_KINDS: RebateKind[] = ['fixed', 'percent'];

/** A rebate rule as the merchant reads it (GET /v1/merchant/rebate-rules/:id). */
export interface RebateRule {
  id: string;
  name: string;
  /** null: every product. */
  productIds: string[] | null;
  minOrderFen: number;
  kind: RebateKind;
  valueFen: number | null;
  percent: number | null;
  maxRebateFen: number | null;
  delaySeconds: number;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  status: CampaignStatus;
  endedAt: string | null;
  stats: {
    earned: number;
    pending: number;
    paid: number;
    cancelled: number;
    clawedBack: number;
    paidFen: number;
    clawedBackFen: number;
  };
}

export interface RebateRuleBody {
  name: string;
  productIds: string[] | null;
  minOrderFen: number;
  kind: RebateKind;
  valueFen: number | null;
  percent: number | null;
  maxRebateFen: number | null;
  delaySeconds: number;
  startsAt: string;
  endsAt: string;
}

/** 7 days, the service's default: a rebate is paid once its order can hardly be refunded. */
export const DEFAULT_DELAY_SECONDS = 604_800;
export const MAX_DELAY_SECONDS = 90 * 86_400;
