import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../http/pagination';
import { CAMPAIGN_STATUSES, CampaignStatus } from './campaign-status';

/** `GET /v1/merchant/<kind>?status=&q=`: every campaign list takes the same filters. */
export class CampaignListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, description: 'As of the service clock' })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}
