import { Cause, Exit } from "effect"
import { type Eng5Failure, ExitCode, isEng5Failure } from "../errors.js"
import { RunStopped } from "./runStopped.js"

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

/** An error that is not an expected failure: a bug in eng5, said so. */
export const internalFailure = (defect: unknown, logHint: string | undefined): FailureSummary => ({
  exitCode: ExitCode.RuntimeFailure,
  tag: "InternalError",
  message: `eng5 hit an unexpected error: ${defect instanceof Error ? defect.message : String(defect)}`,
  fix: `This is a bug in eng5; please report it with the command you ran${logHint === undefined ? "" : ` and ${logHint}`}. Re-run with --verbose for detail.`
})

const INTERRUPTED: FailureSummary = { exitCode: ExitCode.Interrupted, tag: "Interrupted", message: "Interrupted.", fix: "Run the command again when ready." }

/** Why a program failed, as an exit code and the words an operator needs. */
export const describeCause = <E>(cause: Cause.Cause<E>, logHint: string | undefined): FailureSummary => {
  const failure = Cause.findErrorOption(cause)
  // A stopped run's failure is the one its report carries (RunInterrupted, KafkaFailure, …).
  if (failure._tag === "Some" && failure.value instanceof RunStopped) return failure.value.report.error
  if (failure._tag === "Some" && isEng5Failure(failure.value)) return summariseFailure(failure.value)
  if (Cause.hasInterruptsOnly(cause)) return INTERRUPTED
  return internalFailure(Cause.squash(cause), logHint)
}

/** How a program ended: undefined when it succeeded, otherwise why it failed. */
export const describeExit = <A, E>(exit: Exit.Exit<A, E>, logHint: string | undefined): FailureSummary | undefined =>
  Exit.isSuccess(exit) ? undefined : describeCause(exit.cause, logHint)
