import { Controller, Get, Headers, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { bearerTokenOf } from '../../platform/auth/bearer';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { MerchantDto, RotatedApiKeyDto } from './dto/merchant.dto';
import { MerchantsService } from './merchants.service';

/** The calling merchant's own account. */
@ApiTags('merchant: account')
@MerchantAuth()
@Controller('v1/merchant')
export class MerchantAccountController {
  constructor(private readonly merchants: MerchantsService) {}

  @Get('me')
  @ApiOkResponse({ type: MerchantDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN')
  me(@CurrentMerchant() merchantId: string): Promise<MerchantDto> {
    return this.merchants.get(merchantId);
  }

  @Post('api-keys/rotate')
  @Idempotent({ sealResponse: true })
  @ApiOperation({
    summary: 'Issue a new API key',
    description:
      'The key in use keeps working for 24 h, then is refused (401). Rotating again within those 24 h replaces ' +
      'the older key at once: at most two keys are ever valid. Only the current key may rotate (the previous ' +
      'one is 403 FORBIDDEN).',
  })
  @ApiCreatedResponse({ type: RotatedApiKeyDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'IDEMPOTENCY_KEY_REUSED')
  rotate(
    @CurrentMerchant() merchantId: string,
    @Headers('authorization') authorization: string,
  ): Promise<RotatedApiKeyDto> {
    return this.merchants.rotateApiKey(merchantId, bearerTokenOf(authorization));
  }
}
