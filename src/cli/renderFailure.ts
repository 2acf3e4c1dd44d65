import { Cause, Exit } from "effect"
import { type Eng5Failure, ExitCode, isEng5Failure } from "../errors.js"

export interface FailureReport {
  readonly exitCode: ExitCode
  readonly tag: string
  readonly message: string
  readonly fix: string
}

/** Turns how a program ended into an exit code and the words an operator needs. */
export const describeExit = <A, E>(exit: Exit.Exit<A, E>, logHint: string | undefined): FailureReport | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const failure = Cause.findErrorOption(exit.cause)
  if (failure._tag === "Some" && isEng5Failure(failure.value)) {
    const known: Eng5Failure = failure.value
    return { exitCode: known.exitCode, tag: known._tag, message: known.message, fix: known.fix }
  }
  if (Cause.hasInterruptsOnly(exit.cause)) {
    return { exitCode: ExitCode.Interrupted, tag: "Interrupted", message: "Interrupted.", fix: "Run the command again when ready." }
  }
  const defect = Cause.squash(exit.cause)
  const detail = defect instanceof Error ? defect.message : String(defect)
  return {
    exitCode: ExitCode.RuntimeFailure,
    tag: "InternalError",
    message: `eng5 hit an unexpected error: ${detail}`,
    fix: `This is a bug in eng5; please report it with the command you ran${logHint === undefined ? "" : ` and ${logHint}`}. Re-run with --verbose for detail.`
  }
}

export const formatFailure = (report: FailureReport): string => `✖ ${report.message}\n  → ${report.fix}`
