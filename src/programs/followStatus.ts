import { Cause, Option } from "effect"
import type { RunOutcome } from "../domain/artefact.js"
import { type FollowOutcome, type FollowProgress, isPartial } from "../domain/completionRules.js"
import { comparisonsProgress } from "../domain/comparisonsProgress.js"
import { quietHint, timeoutCause } from "../domain/quietBatch.js"
import { KafkaFailure, RunFolderWriteFailed, RunInterrupted } from "../errors.js"
import type { RunRecording, StatusOfRun } from "./runRecording.js"

/** How following stands and ended, in words: the progress line, the artefact's status, the stops. */

const outcomeName: Readonly<Record<FollowOutcome["_tag"], RunOutcome>> = {
  Completed: "completed",
  CompletedWithoutResult: "completed_without_result",
  BatchFailed: "batch_failed",
  TimedOut: "timed_out"
}

/** How following ended, for the artefact and the report; `received` counts the comparison callbacks. */
export const statusOf = (outcome: FollowOutcome, received: number): StatusOfRun => ({
  outcome: outcomeName[outcome._tag],
  partial: isPartial(outcome),
  timeoutSeconds: outcome._tag === "TimedOut" ? Math.round(outcome.elapsedMs / 10) / 100 : 0,
  failureReason:
    outcome._tag === "BatchFailed"
      ? outcome.reason
      : outcome._tag === "CompletedWithoutResult"
        ? `CJ reported completion but no assessment result arrived within ${Math.round(outcome.waitedMs / 1000)} s`
        : outcome._tag === "TimedOut"
          ? `Timed out waiting for CJ assessment results; captured partial data. ${timeoutCause(received)}`
          : null
})

const clock = (ms: number): string => {
  const seconds = Math.floor(ms / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`
}

export const followNote = (recording: RunRecording, progress: FollowProgress, elapsedMs: number, sinceLastComparisonMs: number, receivedAtStart: number): string => {
  const h = recording.hydrator
  const comparisons = comparisonsProgress({
    received: h.comparisonCount,
    budget: recording.stub.costs.estimate?.lines[0]?.comparisons.high ?? null,
    receivedWhileFollowing: h.comparisonCount - receivedAtStart,
    followingMs: elapsedMs
  })
  const waiting =
    progress.completionSeenAt !== null ? "completion seen, waiting for the result" : progress.resultSeen ? "result seen, waiting for completion" : "waiting for completion"
  const quiet = progress.completionSeenAt === null ? quietHint({ received: h.comparisonCount, sinceStartMs: elapsedMs, sinceLastComparisonMs }) : null
  return `${comparisons}, ${h.failedComparisonCount} failed · $${h.totalCostUsd.toFixed(4)} · ${clock(elapsedMs)} · ${waiting}${quiet === null ? "" : ` · ${quiet}`}`
}

/** Why following stopped before the batch ended. */
export type FollowStop = RunInterrupted | KafkaFailure | RunFolderWriteFailed

const isFollowStop = (error: unknown): error is FollowStop =>
  error instanceof RunInterrupted || error instanceof KafkaFailure || error instanceof RunFolderWriteFailed

/** The stop a failed following ended with, if its failure is one (not a defect, not another error). */
export const followStopOf = <E>(cause: Cause.Cause<E>): FollowStop | undefined => {
  const failure = Cause.findErrorOption(cause)
  return Option.isSome(failure) && isFollowStop(failure.value) ? failure.value : undefined
}

/** How the artefact records a stop. */
export const stopStatusOf = (recording: RunRecording, stop: FollowStop): StatusOfRun => {
  const partial = { partial: true, timeoutSeconds: 0 }
  switch (stop._tag) {
    case "RunInterrupted":
      return { ...partial, outcome: "interrupted", failureReason: `Interrupted; ${recording.continueHint.attachCommand === null ? "the sandbox batch cannot be continued" : "continue with eng5 run attach"}` }
    case "RunFolderWriteFailed":
      return { ...partial, outcome: "write_failed", failureReason: "The run folder stopped taking writes while following the batch" }
    case "KafkaFailure":
      return { ...partial, outcome: "kafka_failed", failureReason: "Kafka failed while following the batch" }
  }
}

