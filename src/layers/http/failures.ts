import { ServiceFailure, ServiceUnreachable } from "../../errors.js"
import type { HttpTransportError } from "./httpClient.js"

/** Every attempt failed without an HTTP answer. */
export const unreachable = (service: string, url: string, error: HttpTransportError, fix: string) =>
  new ServiceUnreachable({
    service,
    url,
    message: `${service} at ${url} did not answer: ${error.problem} after ${error.attempts} attempt${error.attempts === 1 ? "" : "s"} (${error.detail}).`,
    fix
  })

export const unexpectedAnswer = (service: string, what: string, detail: string, fix: string) =>
  new ServiceFailure({ service, message: `${service} gave an unexpected answer to ${what}: ${detail}`, fix })

/** Ends a message with where the operator can look the call up in the service's logs. */
export const correlationHint = (correlationId: string | undefined): string =>
  correlationId === undefined ? "" : ` Its logs carry correlation id ${correlationId}.`
