import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { DashboardQuery, OrdersByKindDto } from './dashboard.dto';

/** `GET /v1/merchant/dashboard/daily?from=&to=&timezone=`: `[from, to)` cut at midnights of `timezone`. */
export class DailyDashboardQuery extends DashboardQuery {
  @ApiPropertyOptional({ description: 'IANA time zone the days are counted in (default Asia/Shanghai)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timezone?: string;
}

export class DayFiguresDto {
  @ApiProperty({ format: 'date', description: 'The calendar day in the timezone' }) date!: string;
  @ApiProperty({ type: 'integer', description: 'Orders paid that day' }) ordersPaid!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of their totalFen' }) revenueFen!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of their discountFen' }) discountFen!: number;
  @ApiProperty({ type: 'integer', description: 'Refunds that succeeded that day' }) refundedFen!: number;
  @ApiProperty({ type: OrdersByKindDto, description: 'Orders paid that day, per order kind' })
  byKind!: OrdersByKindDto;
}

export class DailyDashboardDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: [DayFiguresDto], description: 'Every day the range touches, in order, zeros included' })
  days!: DayFiguresDto[];
}
