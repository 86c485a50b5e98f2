import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Code2SessionQuery } from '../domain/sandbox-code2session';

/** code2Session's query string. Each part optional: a missing one is answered with WeChat's errcode, not a 400. */
export class Code2SessionQueryDto implements Code2SessionQuery {
  @ApiPropertyOptional({ description: 'the mini-program appid (any value in the sandbox)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  appid?: string;

  @ApiPropertyOptional({ description: 'the app secret (any value in the sandbox)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  secret?: string;

  @ApiPropertyOptional({ description: 'the wx.login code; the sandbox accepts "sandbox:<openid>"' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  js_code?: string;

  @ApiPropertyOptional({ enum: ['authorization_code'] })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  grant_type?: string;
}

export class Code2SessionAnswerDto {
  @ApiPropertyOptional() openid?: string;
  @ApiPropertyOptional({ description: 'never passed on to the mini-program' }) session_key?: string;
  @ApiPropertyOptional({ description: '40029 invalid code, 41002/41004/41008 missing appid/secret/code, 40002' })
  errcode?: number;
  @ApiPropertyOptional() errmsg?: string;
}
