import type { CampaignStatus } from '../../components/StatusTag';

export const GROUP_BUYS_PATH = '/v1/merchant/group-buys';

/** A group-buy as the merchant reads it (GET /v1/merchant/group-buys/:id). */
export interface GroupBuy {
  id: string;
  productId: string;
  productName: string;
  groupPriceFen: number;
  leaderPriceFen: number | null;
  groupSize: number;
  completionWindowSeconds: number;
  paymentWindowSeconds: number;
  virtualCompletion: boolean;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  status: CampaignStatus;
  endedAt: string | null;
  stats: GroupBuyStats;
}

export interface GroupBuyStats {
  rooms: number;
  pending: number;
  open: number;
  completed: number;
  failed: number;
  cancelled: number;
  shares: number;
  joinsFromShares: number;
}

/** The creation body (POST) and, field by field, the edit body (PATCH). */
export interface GroupBuyBody {
  productId: string;
  groupPriceFen: number;
  leaderPriceFen: number | null;
  groupSize: number;
  completionWindowSeconds: number;
  paymentWindowSeconds: number;
  virtualCompletion: boolean;
  startsAt: string;
  endsAt: string;
}

export const ROOM_STATUSES = ['pending', 'open', 'completed', 'failed', 'cancelled'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export interface RoomMember {
  userId: string;
  role: 'leader' | 'member';
  status: 'holding' | 'paid' | 'released' | 'refunded';
  joinedAt: string;
  display: string;
  /** The member's group_buy order. */
  orderId: string;
}

/** A room as the merchant reads it (GET /v1/merchant/group-buys/:id/rooms). */
export interface GroupRoom {
  id: string;
  status: RoomStatus;
  groupSize: number;
  seatsTaken: number;
  seatsPaid: number;
  virtualSeats: number;
  leaderUserId: string;
  shareLink: string;
  expiresAt: string | null;
  createdAt: string;
  closedAt: string | null;
  members: RoomMember[];
}

export const roomsPath = (campaignId: string) => `${GROUP_BUYS_PATH}/${campaignId}/rooms`;
export const roomQrCodePath = (campaignId: string, roomId: string) => `${roomsPath(campaignId)}/${roomId}/qrcode`;
