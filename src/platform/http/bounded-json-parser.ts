import type { FastifyInstance } from 'fastify';
import { validationFailed } from '../errors/domain-error';
import { jsonShapeProblem } from './json-shape';

/**
 * A content-type parser over the whole body, as Fastify and Nest's `useBodyParser` call one (with Fastify's request;
 * the flash-sale purchase, answered before Fastify, with Node's: a JSON parser reads neither).
 */
export type BodyParser = (request: object, body: Buffer, done: (error: Error | null, value?: unknown) => void) => void;

/**
 * Fastify's JSON parser (prototype-poisoning checks included) behind a check of the body's shape (json-shape.ts):
 * a body too deep, too wide or carrying a NUL character is refused 400 VALIDATION_FAILED from one read of its
 * bytes, before it is parsed and long before validation would walk it key by key.
 */
export function boundedJsonParser(fastify: FastifyInstance): BodyParser {
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(
    onProtoPoisoning ?? 'error',
    onConstructorPoisoning ?? 'error',
  ) as unknown as BodyParser;
  return (request, body, done) => {
    const problem = jsonShapeProblem(body);
    if (problem !== null) return done(validationFailed([{ field: 'body', problems: [problem] }]));
    parseJson(request, body, done);
  };
}
