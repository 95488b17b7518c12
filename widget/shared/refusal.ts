import { ProblemError } from './api.js';

/**
 * What an error summary lists for a refused request: the session's one-line message first, then the
 * server's message for each field (problem+json `errors`), without repeating the first.
 */
export function refusalMessages(message: string, error: unknown): string[] {
  const fields = error instanceof ProblemError ? (error.problem.errors ?? []).map((e) => e.message) : [];
  return [message, ...fields.filter((m) => m !== message)];
}

/** Copies a one-time key or secret to the clipboard; false when the browser refuses (the caller then says so). */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
