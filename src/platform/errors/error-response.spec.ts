import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { ERROR_STATUS } from './error-codes';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it.each(Object.entries(ERROR_STATUS))('a domain error %s answers %i in the envelope', (code, status) => {
    const response = toErrorResponse(new DomainError(code as keyof typeof ERROR_STATUS, 'why', { field: 'x' }));
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message: 'why', details: { field: 'x' } } });
  });

  it('maps framework exceptions to contract codes', () => {
    expect(toErrorResponse(new NotFoundException()).body.error.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new PayloadTooLargeException()).status).toBe(413);
    expect(toErrorResponse(new BadRequestException('bad json')).body.error.code).toBe('VALIDATION_FAILED');
  });

  it("answers Fastify's own refusals in the envelope, keeping their status", () => {
    const withCode = (code: string, statusCode: number) =>
      Object.assign(new Error('framework words'), { code, statusCode });
    expect(toErrorResponse(withCode('FST_ERR_MAX_PARAM_LENGTH', 414))).toMatchObject({
      status: 414,
      body: { error: { code: 'URI_TOO_LONG' } },
    });
    expect(toErrorResponse(withCode('FST_ERR_BAD_URL', 400)).body.error.code).toBe('VALIDATION_FAILED');
    expect(toErrorResponse(withCode('FST_ERR_SOMETHING_NEW', 415))).toMatchObject({ status: 415, expected: true });
    // A body the client stopped sending: expected, so not logged as a failure of ours.
    expect(toErrorResponse(withCode('ECONNRESET', 400))).toMatchObject({ status: 400, expected: true });
    expect(toErrorResponse(withCode('ECONNRESET', 500))).toMatchObject({ status: 500, expected: false });
    expect(toErrorResponse(withCode('FST_ERR_INTERNAL_THING', 500))).toMatchObject({ status: 500, expected: false });
  });

  it('hides anything unexpected behind 500 INTERNAL', () => {
    const response = toErrorResponse(new TypeError('secret detail at /srv/app.js:10'));
    expect(response).toMatchObject({ status: 500, expected: false });
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });
});
