import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldProblem } from '../../../platform/errors/domain-error';
import { PURCHASE_BODY_SCHEMA, PURCHASE_URL } from './purchase-schema';

/** One problem as Ajv reports it. */
export interface SchemaProblem {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Ajv as the contract wants it, not Fastify's defaults: no type coercion ("5" is not an integer) and unknown
 * fields refused rather than silently removed. The Fastify route and the front door validate with it alike.
 */
export const strictCompiler = AjvCompiler()(
  {},
  { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
) as unknown as (route: {
  schema: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
}) => ReturnType<FastifySchemaCompiler<unknown>>;

/** The body's validator, compiled once: `errors` holds the problems of the last value it refused. */
export function compileBodyValidator(): (body: unknown) => { problems: SchemaProblem[] } | null {
  const validate = strictCompiler({
    schema: PURCHASE_BODY_SCHEMA,
    method: 'POST',
    url: PURCHASE_URL,
    httpPart: 'body',
  });
  return (body) => {
    const result = validate(body) as boolean | { error?: unknown };
    if (result === true) return null;
    const errors = (validate as unknown as { errors?: SchemaProblem[] | null }).errors ?? [];
    return { problems: errors };
  };
}

/** Ajv's report of one problem, as the contract's `details` entries name fields. */
export function toFieldProblem(problem: SchemaProblem): FieldProblem {
  const path = problem.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (problem.keyword === 'additionalProperties') {
    const name = String(problem.params.additionalProperty);
    return { field: path ? `${path}.${name}` : name, problems: [`property ${name} should not exist`] };
  }
  return { field: path || 'body', problems: [problem.message ?? problem.keyword] };
}
