import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class JoinRoomDto {
  @ApiPropertyOptional({ description: "The room's share token, when the shopper came through a share link" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  shareToken?: string;
}
