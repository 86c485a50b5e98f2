import { applyDecorators, Get, HttpCode, Patch, Post, Type } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-codes';
import { ApiErrorResponses } from '../http/api-error-responses';
import { Idempotent } from '../idempotency/idempotent.decorator';

const AUTH: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN'];

/**
 * The routes every campaign kind has besides its creation (API.md "Merchant operations"), each with its method,
 * path, answer and documented errors, so the five merchant controllers declare them alike.
 */
export const CampaignRoute = {
  /** `GET /` newest first; `?status=&q=` (CampaignListQuery). */
  list: (page: Type, description = 'Newest first, each with its stats') =>
    applyDecorators(Get(), ApiOkResponse({ type: page, description }), ApiErrorResponses('VALIDATION_FAILED', ...AUTH)),

  get: (view: Type) =>
    applyDecorators(Get(':id'), ApiOkResponse({ type: view }), ApiErrorResponses(...AUTH, 'NOT_FOUND')),

  /** `PATCH /:id`; `stock`: the kind has stock that may be raised, never below what is taken. */
  update: (view: Type, { stock, description }: { stock: boolean; description?: string }) =>
    applyDecorators(
      Patch(':id'),
      ApiOkResponse({ type: view, description }),
      ApiErrorResponses(
        'VALIDATION_FAILED',
        ...AUTH,
        'NOT_FOUND',
        'CAMPAIGN_LOCKED',
        ...(stock ? (['CAMPAIGN_STOCK_BELOW_TAKEN'] as const) : []),
      ),
    ),

  /** `POST /:id/end`: 200 (ending twice changes nothing), replayable by Idempotency-Key. */
  end: (view: Type, description: string) =>
    applyDecorators(
      Post(':id/end'),
      HttpCode(200),
      Idempotent(),
      ApiOkResponse({ type: view, description }),
      ApiErrorResponses(...AUTH, 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'),
    ),

  /** `GET /:id/timeline?bucket=hour|day` (TimelineQuery). */
  timeline: (timeline: Type) =>
    applyDecorators(
      Get(':id/timeline'),
      ApiOkResponse({ type: timeline }),
      ApiErrorResponses('VALIDATION_FAILED', ...AUTH, 'NOT_FOUND'),
    ),
};
