import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { IsIntIn } from '../../../platform/validation/decorators';
import { CARD_LIFECYCLE, CardStatus, LEDGER_KINDS, LedgerKind } from '../domain/card-ledger';
import type { GiftCardLedgerEntry } from '../entities/gift-card-ledger-entry.entity';
import type { GiftCard } from '../entities/gift-card.entity';

export class GiftCardDto {
  @ApiProperty() id!: string;
  @ApiProperty() productId!: string;
  @ApiProperty() merchantId!: string;
  @ApiProperty({ enum: CARD_LIFECYCLE.states }) status!: CardStatus;
  @ApiProperty({ type: 'integer' }) faceValueFen!: number;
  @ApiProperty({ type: 'integer' }) balanceFen!: number;
  @ApiProperty({ type: 'integer', description: 'Of the balance, what an order awaiting payment holds' })
  heldFen!: number;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who gave it to its owner' }) giftedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(card: GiftCard): GiftCardDto {
    return {
      id: card.id,
      productId: card.productId,
      merchantId: card.merchantId,
      status: card.status,
      faceValueFen: card.faceValueFen,
      balanceFen: card.balanceFen,
      heldFen: card.heldFen,
      validUntil: card.validUntil.toISOString(),
      ownerId: card.ownerId,
      giftedBy: card.giftedBy,
      message: card.message,
      createdAt: card.createdAt.toISOString(),
    };
  }
}

export class GiftCardPageDto {
  @ApiProperty({ type: [GiftCardDto] }) items!: GiftCardDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class GiftCardWalletQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CARD_LIFECYCLE.states })
  @IsOptional()
  @IsIn(CARD_LIFECYCLE.states)
  status?: CardStatus;
}

export class LedgerEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LEDGER_KINDS }) kind!: LedgerKind;
  @ApiProperty({ type: 'integer', description: 'Signed: credits positive, debits negative' }) amountFen!: number;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static from(entry: GiftCardLedgerEntry): LedgerEntryDto {
    return {
      id: entry.id,
      kind: entry.kind,
      amountFen: entry.amountFen,
      orderId: entry.orderId,
      at: entry.at.toISOString(),
    };
  }
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items!: LedgerEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class PurchaseGiftCardsDto {
  @ApiProperty({ description: 'A gift card product' })
  @IsString()
  @IsUUID()
  productId!: string;

  @IsIntIn(1, 100, { description: "Cards to buy, at most the product's perOrderLimit" })
  quantity!: number;
}

export class GiveGiftCardDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Shown to the friend who claims it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  message?: string;
}

export class GiftOfferDto {
  @ApiProperty({ description: 'Claims the card once (POST /v1/gift-cards/claim)' }) shareToken!: string;
  @ApiProperty({ format: 'date-time', description: 'Unclaimed by then, the card returns to its giver' })
  expiresAt!: string;
}

export class ClaimGiftCardDto {
  @ApiProperty({ minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  shareToken!: string;
}

export class RedeemGiftCardCodeDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'Case and dashes ignored' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ minLength: 1, maxLength: 16 })
  @IsString()
  @Length(1, 16)
  pin!: string;
}

export class GenerateGiftCardCodesDto {
  @IsIntIn(1, 10_000, { description: 'How many cards to make for offline sale (1-10000)' })
  count!: number;
}

export class GiftCardCodeDto {
  @ApiProperty() code!: string;
  @ApiProperty() pin!: string;
}

export class GeneratedGiftCardCodesDto {
  @ApiProperty({ type: [GiftCardCodeDto], description: 'Shown once: only their digests are kept' })
  codes!: GiftCardCodeDto[];
}

export class LiabilityDto {
  @ApiProperty({ type: 'integer', description: 'What cards hold now' }) outstandingFen!: number;
  @ApiProperty({ type: 'integer' }) issuedFen!: number;
  @ApiProperty({ type: 'integer' }) redeemedFen!: number;
  @ApiProperty({ type: 'integer' }) refundedToCardsFen!: number;
  @ApiProperty({ type: 'integer' }) expiredFen!: number;
}
