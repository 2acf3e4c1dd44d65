/**
 * When following a batch ends (contracts §2.9, with two fixes of B10): a completion and a
 * result end it; a completion alone ends it once the result has had `resultGraceMs` to follow,
 * and then the data is partial; CJ's failure event ends it at once; so does the deadline.
 * A result on its own does not end it: CJ publishes it together with the completion.
 * A completion whose status is not a success (completionStatus.ts) ends it the same way, but
 * as a failed batch: the data that arrived is kept, the run does not succeed.
 */

export interface FollowProgress {
  /** When (ms) the first completion of this batch was seen, if it was. */
  readonly completionSeenAt: number | null
  readonly resultSeen: boolean
  /** CJ's reason when the completion's status is not a success (null when it is, or none was seen). */
  readonly completionFailure: string | null
  /** CJ's reason, if CJ published a failure event for this batch. */
  readonly failureReason: string | null
}

export interface FollowLimits {
  /** When (ms) following started. */
  readonly startedAt: number
  readonly completionTimeoutMs: number
  readonly resultGraceMs: number
}

export type FollowOutcome =
  | { readonly _tag: "Completed" }
  | { readonly _tag: "CompletedWithoutResult"; readonly waitedMs: number }
  | { readonly _tag: "BatchFailed"; readonly reason: string }
  | { readonly _tag: "TimedOut"; readonly elapsedMs: number }

export type FollowDecision =
  | { readonly _tag: "Continue"; /** The latest time (ms) at which to decide again if nothing arrives. */ readonly decideAgainBy: number }
  | { readonly _tag: "Done"; readonly outcome: FollowOutcome }

const done = (outcome: FollowOutcome): FollowDecision => ({ _tag: "Done", outcome })

export const decide = (progress: FollowProgress, limits: FollowLimits, now: number): FollowDecision => {
  if (progress.failureReason !== null) return done({ _tag: "BatchFailed", reason: progress.failureReason })
  const failed = progress.completionFailure
  if (progress.completionSeenAt !== null && progress.resultSeen) return done(failed === null ? { _tag: "Completed" } : { _tag: "BatchFailed", reason: failed })
  const deadline = limits.startedAt + limits.completionTimeoutMs
  if (progress.completionSeenAt !== null) {
    const stopAt = Math.min(progress.completionSeenAt + limits.resultGraceMs, deadline)
    if (now < stopAt) return { _tag: "Continue", decideAgainBy: stopAt }
    const waitedMs = now - progress.completionSeenAt
    return done(failed === null ? { _tag: "CompletedWithoutResult", waitedMs } : { _tag: "BatchFailed", reason: `${failed} (no assessment result followed within ${Math.round(waitedMs / 1000)} s)` })
  }
  if (now >= deadline) return done({ _tag: "TimedOut", elapsedMs: now - limits.startedAt })
  return { _tag: "Continue", decideAgainBy: deadline }
}

/** True when the run's data lacks something CJ would have sent. */
export const isPartial = (outcome: FollowOutcome): boolean => outcome._tag === "TimedOut" || outcome._tag === "CompletedWithoutResult"
