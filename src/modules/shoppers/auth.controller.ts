import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { LoginResultDto, WechatLoginDto } from './dto/login.dto';
import { ShoppersService } from './shoppers.service';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly shoppers: ShoppersService) {}

  @Post('wechat-login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResultDto })
  @ApiErrorResponses('INVALID_LOGIN_CODE', 'LOGIN_PROVIDER_UNAVAILABLE')
  login(@Body() body: WechatLoginDto): Promise<LoginResultDto> {
    return this.shoppers.login(body.code);
  }
}
