import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { toErrorResponse } from '../errors/error-response';

/**
 * Fastify's `frameworkErrors`: the router's refusals, made before any hook, filter or Nest handler runs (a path
 * that is not valid percent-encoding, 400; a path segment longer than maxParamLength, 414), answered in the
 * contract's envelope instead of Fastify's own `{"statusCode", "error", "message"}`.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(error);
  void reply.code(status).send(body);
}

/** Node's HTTP parser errors (`clientError`) by their code; any other is a malformed request. */
const CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'REQUEST_HEADERS_TOO_LARGE',
    message: 'The request line and headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time' },
};
const MALFORMED = { code: 'VALIDATION_FAILED', message: 'The request is not valid HTTP/1.1' } as const;

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (headers too large,
 * 431; a request line or header it cannot parse, a NUL in a header, 400; headers too slow, 408) is written to the
 * socket in the contract's envelope, then the connection is closed, as Fastify's default handler does.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = (error.code !== undefined && CLIENT_ERRORS[error.code]) || MALFORMED;
  const { status, body } = toErrorResponse(new DomainError(refusal.code, refusal.message));
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
