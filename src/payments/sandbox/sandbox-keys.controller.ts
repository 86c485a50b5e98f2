import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SandboxKeysDto } from './dto/sandbox-keys.dto';
import { SandboxKeyStore } from './sandbox-key-store';

/** Public on purpose: sandbox keys protect nothing real, and client developers need them to check our output. */
@ApiTags('sandbox')
@Controller('v1/sandbox/keys')
export class SandboxKeysController {
  constructor(private readonly keyStore: SandboxKeyStore) {}

  @Get()
  @ApiOperation({ summary: 'The sandbox account: ids, public keys, APIv3 key (never the private keys)' })
  @ApiOkResponse({ type: SandboxKeysDto })
  async keys(): Promise<SandboxKeysDto> {
    const keys = await this.keyStore.keys();
    return {
      appId: keys.appId,
      mchId: keys.mchId,
      platformSerial: keys.platformSerial,
      platformPublicKeyPem: keys.platformPublicKeyPem,
      merchantPublicKeyPem: keys.merchantPublicKeyPem,
      apiV3Key: keys.apiV3Key,
    };
  }
}
