/**
 * A system error's code (`ENOENT`, `EACCES`, …), or the error itself as text when it has none:
 * what a message about a file eng5 could not read or write names, and what a caller tests.
 */
export const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error)
