import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem, validationFailed } from '../errors/domain-error';

/** Enough fields to act on: a body of a thousand unknown keys gets a short answer, not a list of a thousand. */
const MAX_LISTED_FIELDS = 20;

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function refusal(problems: FieldProblem[]): DomainError {
  if (problems.length <= MAX_LISTED_FIELDS) return validationFailed(problems);
  const message = `Request validation failed: ${problems.length} fields, the first ${MAX_LISTED_FIELDS} listed`;
  return validationFailed(problems.slice(0, MAX_LISTED_FIELDS), message);
}

/**
 * Whitelist, refuse unknown fields, no implicit conversion of body values: `"5"` is not an integer.
 * Query strings are converted explicitly in their DTOs.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => refusal(flatten(errors)),
  });
}
