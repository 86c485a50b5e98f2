import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { FieldProblem, validationFailed } from '../errors/domain-error';
import { JSON_SHAPE_LIMITS } from './json-shape';

const NUL_PROBLEM = 'must not contain NUL characters';

/** Problems of one decoded query or path parameter map: too many keys, or a NUL in a key or value. */
function problemsOf(values: unknown): FieldProblem[] {
  if (typeof values !== 'object' || values === null) return [];
  const keys = Object.keys(values);
  if (keys.length > JSON_SHAPE_LIMITS.maxEntries) {
    return [{ field: 'query', problems: [`must not hold more than ${JSON_SHAPE_LIMITS.maxEntries} parameters`] }];
  }
  const problems: FieldProblem[] = [];
  for (const key of keys) {
    // A repeated query key decodes to an array of strings.
    const value = (values as Record<string, unknown>)[key];
    const texts = Array.isArray(value) ? value : [value];
    if (key.includes('\0')) problems.push({ field: 'query', problems: [`parameter names ${NUL_PROBLEM}`] });
    else if (texts.some((text) => typeof text === 'string' && text.includes('\0'))) {
      problems.push({ field: key, problems: [NUL_PROBLEM] });
    }
  }
  return problems;
}

/**
 * A `preValidation` hook on every Fastify route: the decoded query string and path parameters carry no NUL
 * (PostgreSQL cannot store or compare it in text; `%00` decodes to one) and no more parameters than a body may
 * hold keys, before validation walks them. JSON bodies are checked as they are parsed (bounded-json-parser.ts).
 */
export function refuseUnusableRequestText(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const problems = [...problemsOf(request.params), ...problemsOf(request.query)];
  done(problems.length > 0 ? validationFailed(problems) : undefined);
}
