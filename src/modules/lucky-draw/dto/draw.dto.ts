import { ApiProperty } from '@nestjs/swagger';
import { PRIZE_KINDS, PrizeKind } from '../domain/campaign-rules';
import { LuckyDrawEntry } from '../entities/lucky-draw-entry.entity';
import { LuckyDrawPrize } from '../entities/lucky-draw-prize.entity';

export class ProofDto {
  @ApiProperty({ description: 'The HMAC message' }) drawId!: string;
  @ApiProperty({ description: 'HMAC-SHA256(seed, drawId), hex' }) random!: string;
}

export class DrawPrizeDto {
  @ApiProperty({ type: String, nullable: true, description: 'null for a miss (the picked prize was out of stock)' })
  id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PRIZE_KINDS }) kind!: PrizeKind;
}

/** Why a draw gave nothing: its picked prize had no stock left, or its coupon could not be issued. */
export const MISS_REASONS = ['out_of_stock', 'prize_not_issued'] as const;
export type MissReason = (typeof MISS_REASONS)[number];

export class DrawDto {
  @ApiProperty() drawId!: string;
  @ApiProperty({ type: DrawPrizeDto }) prize!: DrawPrizeDto;
  @ApiProperty({ description: 'The prize the ticket picked (the prize itself unless it was out of stock)' })
  pickedPrizeId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'coupon prizes: the coupon, already in the wallet' })
  couponId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'cash prizes: the transfer paying it' })
  transferId!: string | null;
  @ApiProperty({
    enum: MISS_REASONS,
    nullable: true,
    description: 'a miss (prize.id null): the picked prize was out of stock, or its coupon could not be issued',
  })
  missReason!: MissReason | null;
  @ApiProperty({ type: ProofDto }) proof!: ProofDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(entry: LuckyDrawEntry, prizes: ReadonlyMap<string, LuckyDrawPrize>): DrawDto {
    const prize = entry.prizeId ? prizes.get(entry.prizeId) : undefined;
    const missReason: MissReason | null = prize ? null : entry.issueError ? 'prize_not_issued' : 'out_of_stock';
    return {
      drawId: entry.id,
      prize: prize
        ? { id: prize.id, name: prize.name, kind: prize.kind }
        : {
            id: null,
            name:
              missReason === 'prize_not_issued'
                ? 'No prize (the prize could not be issued)'
                : 'No prize (out of stock)',
            kind: 'none',
          },
      pickedPrizeId: entry.pickedPrizeId,
      couponId: entry.couponId,
      transferId: entry.transferId,
      missReason,
      proof: { drawId: entry.id, random: entry.random },
      createdAt: entry.createdAt.toISOString(),
    };
  }
}

export class ChancesDto {
  @ApiProperty({ type: 'integer' }) chancesLeftToday!: number;
}

export class MyDrawsDto extends ChancesDto {
  @ApiProperty({ type: [DrawDto], description: 'Newest first, up to 100' }) draws!: DrawDto[];
}
