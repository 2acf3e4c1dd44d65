import { Data } from "effect"
import type { FailureSummary } from "./outcome.js"
import type { RunReport } from "./runReport.js"

/**
 * Following stopped before the batch ended (Ctrl-C, Kafka failing, the run folder refusing
 * writes) and the run was finished with what had arrived. It carries the run's whole report,
 * whose `error` says why it stopped: run commands print the report, then that error, and exit
 * with its code (README "Using it").
 */
export class RunStopped extends Data.TaggedError("RunStopped")<{
  readonly report: RunReport & { readonly error: FailureSummary }
  readonly message: string
  readonly fix: string
}> {
  get exitCode() {
    return this.report.error.exitCode
  }
}

export const runStopped = (report: RunReport & { readonly error: FailureSummary }) =>
  new RunStopped({ report, message: report.error.message, fix: report.error.fix })
