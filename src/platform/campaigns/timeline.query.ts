import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export type TimelineBucket = 'hour' | 'day';
export const TIMELINE_BUCKETS: readonly TimelineBucket[] = ['hour', 'day'];

/** `GET /v1/merchant/<kind>/:id/timeline?bucket=hour|day`. */
export class TimelineQuery {
  @ApiProperty({ enum: TIMELINE_BUCKETS, description: 'Bucket width; buckets start on the hour or at 00:00 UTC' })
  @IsIn(TIMELINE_BUCKETS)
  bucket!: TimelineBucket;
}
