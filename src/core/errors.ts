/**
 * Two audiences for errors: a UserError carries a sentence that is safe and useful to show the
 * person who typed the command; anything else is logged with context and answered briefly.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A short description of any thrown value, for logs and status lines. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The store could not save a change (a full or read-only disk). The store has undone the change in
 * memory, so nothing of it happened: the person is told so, and may simply try again.
 */
export class StoreWriteError extends Error {
  override readonly name = "StoreWriteError";
}

export function isStoreWriteError(error: unknown): error is StoreWriteError {
  return error instanceof StoreWriteError;
}
