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

export class DrawDto {
  @ApiProperty() drawId!: string;
  @ApiProperty({ type: DrawPrizeDto }) prize!: DrawPrizeDto;
  @ApiProperty({ description: 'The prize the ticket picked (the prize itself unless it was out of stock)' })
  pickedPrizeId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'coupon prizes: set once issued (GET .../me)' })
  couponId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'cash prizes: the transfer paying it' })
  transferId!: string | null;
  @ApiProperty({ type: ProofDto }) proof!: ProofDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(entry: LuckyDrawEntry, prizes: ReadonlyMap<string, LuckyDrawPrize>): DrawDto {
    const prize = entry.prizeId ? prizes.get(entry.prizeId) : undefined;
    return {
      drawId: entry.id,
      prize: prize
        ? { id: prize.id, name: prize.name, kind: prize.kind }
        : { id: null, name: 'No prize (out of stock)', kind: 'none' },
      pickedPrizeId: entry.pickedPrizeId,
      couponId: entry.couponId,
      transferId: entry.transferId,
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
