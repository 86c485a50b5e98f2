import { ApiProperty } from '@nestjs/swagger';

/** What a client developer needs to check the sandbox's paySign, notification signatures and resources with any SDK. */
export class SandboxKeysDto {
  @ApiProperty({ example: 'wx0123456789abcdef', description: 'The mini-program AppID orders are placed with' })
  appId!: string;

  @ApiProperty({ example: '1900000001' })
  mchId!: string;

  @ApiProperty({
    example: 'PUB_KEY_ID_0114232134912410000000000000000000',
    description: 'Wechatpay-Serial of notifications',
  })
  platformSerial!: string;

  @ApiProperty({ description: 'SPKI PEM: verifies Wechatpay-Signature over "timestamp\\nnonce\\nbody\\n"' })
  platformPublicKeyPem!: string;

  @ApiProperty({ description: 'SPKI PEM: verifies payParams.paySign' })
  merchantPublicKeyPem!: string;

  @ApiProperty({ description: 'The 32-character APIv3 key: AEAD_AES_256_GCM key of notification resources' })
  apiV3Key!: string;
}
