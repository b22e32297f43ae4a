/**
 * Log fields for errors that may come from grammY. An HttpError wraps the fetch error, whose
 * message holds the request URL, and the URL holds the token: log the reason and the network
 * error code, never the wrapped error itself.
 */
import { GrammyError, HttpError } from "grammy";

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof HttpError) {
    const code =
      typeof error.error === "object" && error.error !== null && "code" in error.error
        ? String(error.error.code)
        : undefined;
    return { reason: error.message, ...(code ? { code } : {}) };
  }
  if (error instanceof GrammyError) return { reason: error.message };
  return { error };
}
