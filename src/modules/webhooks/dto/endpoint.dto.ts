import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from '../domain/event-types';
import type { EndpointStatus, WebhookEndpoint } from '../entities/webhook-endpoint.entity';

const EVENT_CHOICES = [ALL_EVENTS, ...WEBHOOK_EVENT_TYPES];
const ENDPOINT_STATUSES: EndpointStatus[] = ['enabled', 'disabled'];

export class CreateEndpointDto {
  @ApiProperty({ example: 'https://erp.example.com/engage-webhooks', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  url!: string;

  @ApiProperty({ type: [String], enum: EVENT_CHOICES, description: 'Event types, or ["*"] for all' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_CHOICES.length)
  @ArrayUnique()
  @IsIn(EVENT_CHOICES, { each: true })
  events!: string[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class UpdateEndpointDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: EVENT_CHOICES })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_CHOICES.length)
  @ArrayUnique()
  @IsIn(EVENT_CHOICES, { each: true })
  events?: string[];

  @ApiPropertyOptional({ enum: ENDPOINT_STATUSES })
  @IsOptional()
  @IsIn(ENDPOINT_STATUSES)
  status?: EndpointStatus;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class EndpointDto {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty({ enum: ENDPOINT_STATUSES }) status!: EndpointStatus;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(endpoint: WebhookEndpoint): EndpointDto {
    return {
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      status: endpoint.status,
      description: endpoint.description,
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}

export class CreatedEndpointDto extends EndpointDto {
  @ApiProperty({ description: 'whsec_ + base64: shown this once, keep it' })
  secret!: string;
}

export class RotatedSecretDto {
  @ApiProperty({ description: 'whsec_ + base64: shown this once; the previous secret also signs for 24 h' })
  secret!: string;
}

export class EndpointPageDto {
  @ApiProperty({ type: [EndpointDto] }) items!: EndpointDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class EndpointListQuery extends PageQuery {}
