import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';

/** The components under which the document names the contract's error envelope and its codes. */
export const ERROR_RESPONSE_SCHEMA = 'ErrorResponse';
export const ERROR_CODE_SCHEMA = 'ErrorCode';
export const ERROR_RESPONSE_REF = `#/components/schemas/${ERROR_RESPONSE_SCHEMA}`;

/**
 * `{"error": {code, message, details?}}` (error-response.ts), its `code` an enum of every code in ERROR_STATUS: a
 * code added there is in the document, and in every client generated from it, without another edit.
 */
export function errorSchemas(): Record<string, object> {
  return {
    [ERROR_CODE_SCHEMA]: {
      type: 'string',
      enum: Object.keys(ERROR_STATUS) as ErrorCode[],
      description: 'Every error code of the API; each operation lists, per status, the ones it can answer with.',
    },
    [ERROR_RESPONSE_SCHEMA]: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { $ref: `#/components/schemas/${ERROR_CODE_SCHEMA}` },
            message: { type: 'string', description: 'For people; never parse it' },
            details: {
              description:
                'Optional. VALIDATION_FAILED: [{field, problems: [..]}]; other codes may add what explains them',
            },
          },
        },
      },
    },
  };
}
