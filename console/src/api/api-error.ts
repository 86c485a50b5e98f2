/** One entry of a VALIDATION_FAILED answer's `details`: a field path ("items.0.skuId") and what is wrong with it. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** A refusal in the contract's envelope `{error: {code, message, details}}`; status 0 when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field problems of a VALIDATION_FAILED answer (empty for any other). */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (entry): entry is FieldProblem =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as FieldProblem).field === 'string' &&
        Array.isArray((entry as FieldProblem).problems),
    );
  }
}

/** The ApiError for a non-2xx answer, whatever its body (a proxy's HTML page too). */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(response.status, error.code, String(error.message ?? error.code), error.details ?? null);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}
