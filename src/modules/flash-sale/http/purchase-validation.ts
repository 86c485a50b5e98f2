import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldProblem } from '../../../platform/errors/domain-error';
import { PURCHASE_BODY_SCHEMA } from './purchase-schema';

/** One problem as Ajv reports it. */
export interface SchemaProblem {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Ajv as the contract wants it, not Fastify's defaults: no type coercion ("5" is not an integer) and unknown
 * fields refused rather than silently removed.
 */
const strictCompiler = AjvCompiler()(
  {},
  { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
) as unknown as (route: { schema: unknown; httpPart?: string }) => ReturnType<FastifySchemaCompiler<unknown>>;

/** The body's validator, compiled once: null for a valid body, else Ajv's problems (the first one: allErrors off). */
export function compileBodyValidator(): (body: unknown) => SchemaProblem[] | null {
  const validate = strictCompiler({ schema: PURCHASE_BODY_SCHEMA, httpPart: 'body' });
  const ajv = validate as unknown as { (value: unknown): boolean; errors?: SchemaProblem[] | null };
  return (body) => (ajv(body) ? null : (ajv.errors ?? []));
}

/** The purchase's body rule: no body (or JSON null) is `{}`, and no quantity is 1. */
export function bodyOrEmpty(body: unknown): unknown {
  return body === undefined || body === null ? {} : body;
}

/** The quantity of a body the schema accepted. */
export function quantityOf(body: unknown): number {
  return (body as { quantity?: number }).quantity ?? 1;
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
