/** A problem detail beyond the standard members (RFC 9457 allows extensions). */
export type ProblemExtras = Record<string, unknown>;

/**
 * An error meant for a person: a status, a stable code (the problem+json `type`) and a message.
 * Handlers throw it; the one error handler turns it into `application/problem+json`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The same answer for "does not exist" and "not yours", so ids of other KEPs reveal nothing. */
export function notFound(what = 'Δεν βρέθηκε.'): AppError {
  return new AppError(404, 'not-found', what);
}
