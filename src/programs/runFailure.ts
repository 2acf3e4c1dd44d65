import type { RunOutcome } from "../domain/artefact.js"
import { ExitCode, PostRunHookFailed } from "../errors.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"

interface OutcomeFailure {
  readonly tag: string
  readonly exitCode: ExitCode
  /** What to do next; `resume` is the sentence saying how the batch is continued. */
  readonly fix: (resume: string) => string
}

/**
 * The outcomes a finished run can report as failures, with their tag and exit code (README
 * "Exit codes"). A run whose following stopped early (Ctrl-C, Kafka, the run folder) reports
 * that stop's own tagged error instead: its report's error, carried by RunStopped.
 */
const FAILED_OUTCOMES: Partial<Record<RunOutcome, OutcomeFailure>> = {
  batch_failed: { tag: "BatchFailed", exitCode: ExitCode.RuntimeFailure, fix: () => "Read CJ's failure reason in the artefact (runner_status.failure_reason) and events/failures.jsonl, fix the cause, then run the batch again." },
  timed_out: { tag: "TimedOut", exitCode: ExitCode.TimedOutPartial, fix: (resume) => `${resume} Pass a longer --completion-timeout if CJ needs more time.` },
  completed_without_result: { tag: "ResultMissing", exitCode: ExitCode.TimedOutPartial, fix: (resume) => resume }
}

/**
 * How a run ended, as the failure it reports (null when it succeeded): CJ's failure first, then
 * partial data, then a failed post-run hook. Its exit code is the run's.
 */
export const runFailureOf = (outcome: RunOutcome, failedHooks: ReadonlyArray<string>, message: string, resume: string): FailureSummary | null => {
  const failed = FAILED_OUTCOMES[outcome]
  if (failed !== undefined) return { tag: failed.tag, message, fix: failed.fix(resume), exitCode: failed.exitCode }
  if (failedHooks.length === 0) return null
  return summariseFailure(
    new PostRunHookFailed({
      hook: failedHooks.join(", "),
      message,
      fix: "The batch result is kept; the post-run table and the artefact (validation.post_run) say what failed and how to fix it."
    })
  )
}
