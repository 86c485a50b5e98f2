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

  it('hides anything unexpected behind 500 INTERNAL', () => {
    const response = toErrorResponse(new TypeError('secret detail at /srv/app.js:10'));
    expect(response).toMatchObject({ status: 500, expected: false });
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });
});
