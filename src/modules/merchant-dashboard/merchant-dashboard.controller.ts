import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { DailyDashboardDto, DailyDashboardQuery } from './daily-dashboard.dto';
import { DashboardDto, DashboardQuery } from './dashboard.dto';
import { MerchantDashboardService } from './merchant-dashboard.service';

@ApiTags('merchant: dashboard')
@MerchantAuth()
@Controller('v1/merchant')
export class MerchantDashboardController {
  constructor(private readonly dashboard: MerchantDashboardService) {}

  @Get('dashboard')
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  get(@CurrentMerchant() merchantId: string, @Query() query: DashboardQuery): Promise<DashboardDto> {
    return this.dashboard.dashboard(merchantId, query);
  }

  @Get('dashboard/daily')
  @ApiOkResponse({ type: DailyDashboardDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  daily(@CurrentMerchant() merchantId: string, @Query() query: DailyDashboardQuery): Promise<DailyDashboardDto> {
    return this.dashboard.daily(merchantId, query);
  }
}
