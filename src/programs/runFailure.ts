import type { RunOutcome } from "../domain/artefact.js"
import { ExitCode } from "../errors.js"
import type { FailureSummary } from "./outcome.js"

interface OutcomeFailure {
  readonly tag: string
  readonly exitCode: ExitCode
  /** What to do next; `resume` is the sentence saying how the batch is continued. */
  readonly fix: (resume: string) => string
}

const continueWith = (resume: string) => resume

/** The outcomes that are failures, with their tag and exit code (README "Exit codes"). */
const FAILED_OUTCOMES: Partial<Record<RunOutcome, OutcomeFailure>> = {
  batch_failed: { tag: "BatchFailed", exitCode: ExitCode.RuntimeFailure, fix: () => "Read CJ's failure reason in the artefact (runner_status.failure_reason) and events/failure.jsonl, fix the cause, then run the batch again." },
  kafka_failed: { tag: "KafkaFailure", exitCode: ExitCode.RuntimeFailure, fix: (resume) => `Check Kafka with \`eng5 doctor\`. ${resume}` },
  timed_out: { tag: "TimedOut", exitCode: ExitCode.TimedOutPartial, fix: (resume) => `${resume} Pass a longer --completion-timeout if CJ needs more time.` },
  completed_without_result: { tag: "ResultMissing", exitCode: ExitCode.TimedOutPartial, fix: continueWith },
  interrupted: { tag: "RunInterrupted", exitCode: ExitCode.Interrupted, fix: continueWith }
}

const HOOK_FAILED: OutcomeFailure = {
  tag: "PostRunHookFailed",
  exitCode: ExitCode.PostRunFailed,
  fix: () => "The batch result is kept; the post-run table and the artefact (validation.post_run) say what failed and how to fix it."
}

/**
 * How a run ended, as the failure it reports (null when it succeeded): CJ's failure first, then
 * partial data, then a failed post-run hook. Its exit code is the run's.
 */
export const runFailureOf = (outcome: RunOutcome, hookFailed: boolean, message: string, resume: string): FailureSummary | null => {
  const failed = FAILED_OUTCOMES[outcome] ?? (hookFailed ? HOOK_FAILED : undefined)
  return failed === undefined ? null : { tag: failed.tag, message, fix: failed.fix(resume), exitCode: failed.exitCode }
}
