/** Why a call got no answer at all, in the few kinds eng5 tells apart (retry, message, likely cause). */
export type TransportProblem = "timeout" | "connection reset" | "connection refused" | "unknown host" | "request error"

/** The socket's error code (ECONNREFUSED, UND_ERR_SOCKET, …), found on the error, its first inner error, or its cause. */
export const errorCodeOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  if ("code" in error && typeof error.code === "string") return error.code
  if ("errors" in error && Array.isArray(error.errors)) return errorCodeOf(error.errors[0])
  if ("cause" in error) return errorCodeOf(error.cause)
  return undefined
}

export const transportProblemOf = (code: string | undefined): TransportProblem => {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused"
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
    case "UND_ERR_RES_CONTENT_LENGTH_MISMATCH":
      return "connection reset"
    // TIMEOUT: the doctor's probes' own name for their deadline passing.
    case "TIMEOUT":
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "timeout"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "unknown host"
    default:
      return "request error"
  }
}
