import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminAuth } from '../../platform/auth/auth.decorators';
import { GATEWAY_ERROR_STATUS } from './domain/gateway-errors';
import { InjectedFaultDto, InjectFaultDto } from './dto/inject-fault.dto';
import { SandboxSettingsDto, UpdateSandboxSettingsDto } from './dto/sandbox-settings.dto';
import { SandboxFaults } from './sandbox-faults';
import { SandboxSettings } from './sandbox-settings';

/** How the simulated provider misbehaves: injected errors and delivery quirks. Platform operators only. */
@ApiTags('sandbox')
@AdminAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: ADMIN_TOKEN required' })
@Controller('v1/sandbox')
export class SandboxControlController {
  constructor(
    private readonly faults: SandboxFaults,
    private readonly settings: SandboxSettings,
  ) {}

  @Post('faults')
  @ApiOperation({
    summary: 'Make the next N calls of a gateway operation fail with a WeChat Pay error code (after hanging hangMs)',
  })
  @ApiCreatedResponse({ type: InjectedFaultDto })
  injectFault(@Body() body: InjectFaultDto): InjectedFaultDto {
    const fault = this.faults.inject(body.operation, body.code, body.times, body.hangMs);
    return { ...fault, httpStatus: GATEWAY_ERROR_STATUS[fault.code] };
  }

  @Delete('faults')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clear every injected fault' })
  @ApiNoContentResponse()
  clearFaults(): void {
    this.faults.clear();
  }

  @Get('settings')
  @ApiOperation({ summary: 'Current delivery and settlement behaviour' })
  @ApiOkResponse({ type: SandboxSettingsDto })
  currentSettings(): SandboxSettingsDto {
    return this.settings.current();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Change delivery and settlement behaviour (omitted fields keep their value)' })
  @ApiOkResponse({ type: SandboxSettingsDto })
  updateSettings(@Body() body: UpdateSandboxSettingsDto): SandboxSettingsDto {
    return this.settings.update(body);
  }
}
