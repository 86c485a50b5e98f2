import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class WechatLoginDto {
  @ApiProperty({
    description: 'The code from wx.login (sandbox: "sandbox:<openid>")',
    example: 'sandbox:o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
  })
  @IsString()
  @Length(1, 256)
  code!: string;
}

export class LoginUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() openid!: string;
}

export class LoginResultDto {
  @ApiProperty({ description: 'Bearer token for shopper calls (HS256 JWT)' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}
