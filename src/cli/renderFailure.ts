import { Cause, Exit } from "effect"
import { ExitCode, isEng5Failure } from "../errors.js"
import { type FailureSummary, summariseFailure } from "../programs/outcome.js"
import { RunStopped } from "../programs/runStopped.js"

/** How a command failed: the `error` object of every failing `--json` output. */
export type FailureReport = FailureSummary

/** An error that is not an expected failure: a bug in eng5, said so. */
export const internalFailure = (defect: unknown, logHint: string | undefined): FailureReport => ({
  exitCode: ExitCode.RuntimeFailure,
  tag: "InternalError",
  message: `eng5 hit an unexpected error: ${defect instanceof Error ? defect.message : String(defect)}`,
  fix: `This is a bug in eng5; please report it with the command you ran${logHint === undefined ? "" : ` and ${logHint}`}. Re-run with --verbose for detail.`
})

export const INTERRUPTED: FailureReport = { exitCode: ExitCode.Interrupted, tag: "Interrupted", message: "Interrupted.", fix: "Run the command again when ready." }

/** Turns how a program ended into an exit code and the words an operator needs. */
export const describeExit = <A, E>(exit: Exit.Exit<A, E>, logHint: string | undefined): FailureReport | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const failure = Cause.findErrorOption(exit.cause)
  // A stopped run's failure is the one its report carries (RunInterrupted, KafkaFailure, …).
  if (failure._tag === "Some" && failure.value instanceof RunStopped) return failure.value.report.error
  if (failure._tag === "Some" && isEng5Failure(failure.value)) return summariseFailure(failure.value)
  if (Cause.hasInterruptsOnly(exit.cause)) return INTERRUPTED
  return internalFailure(Cause.squash(exit.cause), logHint)
}

export const formatFailure = (report: FailureReport): string => `✖ ${report.message}\n  → ${report.fix}`

/** The documented `--json` error object (README "Using it"). */
export const failureJson = (report: FailureReport) => ({ tag: report.tag, message: report.message, fix: report.fix, exitCode: report.exitCode })
