/** Postgres SQLSTATE codes the services react to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_LOCK_NOT_AVAILABLE = '55P03';

export function pgErrorCode(error: unknown): string | undefined {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ??
    (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  const constraint =
    (error as { constraint?: unknown; driverError?: { constraint?: unknown } } | null)?.driverError?.constraint ??
    (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  pgErrorCode(error) === PG_UNIQUE_VIOLATION && (constraint === undefined || pgConstraint(error) === constraint);
