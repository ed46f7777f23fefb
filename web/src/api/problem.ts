export type FieldError = { field: string; reason: string };

export type ProblemBody = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  conflictingBookingId?: string;
  /** Warnings the user may override with a reason (the client already booked, the assignee on leave…). */
  softConflicts?: string[];
};

/** Every non-2xx answer from the API surfaces as this error, with the problem+json body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: ProblemBody, retryAfterSeconds: number | null = null) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** The soft conflicts of a refused booking save, or null when the refusal was something else. */
export function softConflictsOf(error: unknown): string[] | null {
  return isApiError(error) && error.status === 409 && error.problem.softConflicts?.length
    ? error.problem.softConflicts
    : null;
}

/** A sentence fit to show a person: detail first, then the title, then a generic fallback. */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return wait
        ? `Too many attempts. Try again in ${formatWait(wait)}.`
        : 'Too many attempts. Try again shortly.';
    }
    if (error.status === 403) return error.problem.detail ?? "You don't have permission to do that.";
    return error.problem.detail ?? error.problem.title ?? `Something went wrong (${error.status}).`;
  }
  if (error instanceof TypeError) return 'Could not reach the server. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
