import type { Command } from "@oclif/core"
import type { FailureSummary } from "../programs/outcome.js"
import { formatFailure } from "./renderFailure.js"

/**
 * For commands whose report matters even when it records a failure (anchor registration,
 * doctor, auth verify): the whole report is printed (as JSON by oclif with --json), the
 * failure goes to stderr, and the process exits with the failure's code.
 */
export const finishWithReport = <R extends { readonly failure: FailureSummary | null }>(command: Command, report: R, render: (report: R) => string): R => {
  if (!command.jsonEnabled()) {
    command.log(render(report))
    if (report.failure !== null) process.stderr.write(`${formatFailure(report.failure)}\n`)
  }
  if (report.failure !== null) process.exitCode = report.failure.exitCode
  return report
}
