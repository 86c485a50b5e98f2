import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { CAMPAIGN_STATUSES } from './campaign-status';

/** `status` on every merchant view of a campaign. */
export const ApiCampaignStatus = () =>
  applyDecorators(
    ApiProperty({
      enum: CAMPAIGN_STATUSES,
      description: 'scheduled before its start, active, ended past its end or once ended early (service clock)',
    }),
  );

/** `endedAt` on every merchant view of a campaign. */
export const ApiEndedAt = () =>
  applyDecorators(
    ApiProperty({
      type: String,
      format: 'date-time',
      nullable: true,
      description: 'When the merchant ended it early (POST .../end); null otherwise',
    }),
  );
