import type { CampaignStatus } from '../../components/StatusTag';

export const PRIZE_KINDS = ['coupon', 'cash', 'item', 'none'] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

/** A prize as the API shows it, in published order (the order tickets are mapped in). */
export interface Prize {
  id: string;
  name: string;
  kind: PrizeKind;
  weight: number;
  /** null: unlimited. */
  stock: number | null;
  couponTemplateId?: string;
  cashFen?: number;
  odds: { weight: number; totalWeight: number; probability: number };
}

/** A lucky draw as the merchant reads it (GET /v1/merchant/lucky-draws/:id). */
export interface LuckyDraw {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  drawsPerUserPerDay: number;
  shareBonusDrawsPerDay: number;
  timezone: string;
  prizes: Prize[];
  seedCommitment: string;
  /** The seed (hex), once the draw has ended. */
  revealedSeed: string | null;
  createdAt: string;
  status: CampaignStatus;
  endedAt: string | null;
  stats: { draws: number; won: Record<string, number>; outOfStock: number };
}

export interface PrizeBody {
  name: string;
  kind: PrizeKind;
  weight: number;
  stock: number | null;
  couponTemplateId?: string;
  cashFen?: number;
}

export interface LuckyDrawBody {
  name: string;
  startsAt: string;
  endsAt: string;
  drawsPerUserPerDay: number;
  shareBonusDrawsPerDay: number;
  timezone: string;
  prizes: PrizeBody[];
}

export const FULFILMENT_STATUSES = ['pending', 'shipped'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

/** An item prize won, to ship (GET /v1/merchant/lucky-draws/:id/fulfilments). */
export interface Fulfilment {
  drawId: string;
  shopperId: string;
  prize: { id: string; name: string };
  status: FulfilmentStatus;
  note: string | null;
  wonAt: string;
  shippedAt: string | null;
}

export const fulfilmentsPath = (campaignId: string) =>
  `/v1/merchant/lucky-draws/${encodeURIComponent(campaignId)}/fulfilments`;
