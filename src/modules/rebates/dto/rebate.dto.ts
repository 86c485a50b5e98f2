import { ApiProperty } from '@nestjs/swagger';
import { REBATE_KINDS, RebateKind } from '../domain/rebate-amount';
import { RebateRule } from '../entities/rebate-rule.entity';
import { RebateStatus } from '../entities/rebate.entity';

/** What shoppers see: the rebate's state, or `failed` for a paid one whose transfer the provider refused. */
export type RebateView = RebateStatus | 'failed';

export class RebateRuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], nullable: true }) productIds!: string[] | null;
  @ApiProperty({ type: 'integer' }) minOrderFen!: number;
  @ApiProperty({ enum: REBATE_KINDS }) kind!: RebateKind;
  @ApiProperty({ type: 'integer', nullable: true }) valueFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) percent!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxRebateFen!: number | null;
  @ApiProperty({ type: 'integer' }) delaySeconds!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;

  static from(rule: RebateRule): RebateRuleDto {
    return {
      id: rule.id,
      name: rule.name,
      productIds: rule.productIds,
      minOrderFen: rule.minOrderFen,
      kind: rule.kind,
      valueFen: rule.valueFen,
      percent: rule.percent,
      maxRebateFen: rule.maxRebateFen,
      delaySeconds: rule.delaySeconds,
      startsAt: rule.startsAt.toISOString(),
      endsAt: rule.endsAt.toISOString(),
    };
  }
}

export class RebateDto {
  @ApiProperty() id!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ enum: ['pending', 'paid', 'cancelled', 'failed'] }) status!: RebateView;
  @ApiProperty({ type: String, nullable: true }) transferId!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RebatePageDto {
  @ApiProperty({ type: [RebateDto] }) items!: RebateDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
