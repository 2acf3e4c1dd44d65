import type { Eng5Failure, ExitCode } from "../errors.js"

/**
 * A failure carried inside a report, for commands that print their full report (a table or
 * --json) and then exit with the failure's code instead of printing only the error.
 */
export interface FailureSummary {
  readonly tag: string
  readonly message: string
  readonly fix: string
  readonly exitCode: ExitCode
}

export const summariseFailure = (failure: Eng5Failure): FailureSummary => ({
  tag: failure._tag,
  message: failure.message,
  fix: failure.fix,
  exitCode: failure.exitCode
})
