import { IDEMPOTENCY_KEY_HEADER } from '../../../platform/idempotency/idempotent.decorator';
import { MAX_TOTAL_STOCK } from '../domain/sale-terms';

/** The purchase's path as OpenAPI spells it. */
export const PURCHASE_OPENAPI_PATH = '/v1/flash-sales/{id}/purchase';

/** Validated by a compiled JSON schema (strict: no coercion, unknown fields refused), not the ValidationPipe. */
export const PURCHASE_BODY_SCHEMA = {
  type: 'object',
  properties: {
    quantity: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_TOTAL_STOCK,
      description: "Units to reserve (default 1), at most the sale's perUserLimit",
    },
  },
  additionalProperties: false,
} as const;

const RESERVATION_SCHEMA = {
  type: 'object',
  required: ['reservationId', 'status', 'orderId'],
  properties: {
    reservationId: { type: 'string', description: 'Poll GET /v1/flash-sales/reservations/{id} with it' },
    status: {
      type: 'string',
      enum: ['queued', 'confirmed'],
      description: 'queued: accepted by the Redis gate, its order is being written; confirmed: its order exists',
    },
    orderId: { type: 'string', nullable: true, description: 'The flash_sale order, once confirmed' },
  },
} as const;

/**
 * The OpenAPI operation of the purchase. It is answered in front of Fastify (PurchaseFrontDoor), so SwaggerModule
 * (which reads Nest controllers) does not see it: createApp adds this to the document /docs-json serves. The
 * operationId is the one the document has always shown.
 */
export const PURCHASE_OPENAPI = {
  post: {
    operationId: 'FlashPurchaseRoute_purchase',
    summary: 'Try to reserve units of a flash sale',
    description:
      'The hot path: one gate call per attempt. 202 with the reservation; `queued` ones become `confirmed` ' +
      '(with a flash_sale order at priceFen × quantity, payable for paymentWindowSeconds) within moments. ' +
      `Rate limited per shopper and sale (429 RATE_LIMITED with Retry-After).`,
    tags: ['flash sales'],
    security: [{ shopper: [] }],
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { ...IDEMPOTENCY_KEY_HEADER, in: 'header' },
    ],
    requestBody: { required: false, content: { 'application/json': { schema: PURCHASE_BODY_SCHEMA } } },
    responses: {
      202: { description: 'Reserved', content: { 'application/json': { schema: RESERVATION_SCHEMA } } },
      // The envelope, and the codes every shopper POST can answer with, are added as to the others (openapi/).
      400: { description: 'VALIDATION_FAILED (quantity above perUserLimit, unknown fields, ...)' },
      404: { description: 'NOT_FOUND: no such sale' },
      409: {
        description: 'FLASH_SALE_NOT_ACTIVE, FLASH_SALE_SOLD_OUT, FLASH_SALE_LIMIT_REACHED, IDEMPOTENCY_KEY_REUSED',
      },
      429: { description: 'RATE_LIMITED per shopper and sale' },
      503: { description: 'SERVICE_UNAVAILABLE: the gate cannot be reached; try again' },
    },
  },
};
