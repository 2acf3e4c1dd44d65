/**
 * When following a batch ends (contracts §2.9, with two fixes of B10): a completion and a
 * result end it; a completion alone ends it once the result has had `resultGraceMs` to follow,
 * and then the data is partial; CJ's failure event ends it at once; so does the deadline.
 * A result on its own does not end it: CJ publishes it together with the completion.
 */

export interface FollowProgress {
  /** When (ms) the first completion of this batch was seen, if it was. */
  readonly completionSeenAt: number | null
  readonly resultSeen: boolean
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
  if (progress.completionSeenAt !== null && progress.resultSeen) return done({ _tag: "Completed" })
  const deadline = limits.startedAt + limits.completionTimeoutMs
  if (progress.completionSeenAt !== null) {
    const stopAt = Math.min(progress.completionSeenAt + limits.resultGraceMs, deadline)
    return now >= stopAt
      ? done({ _tag: "CompletedWithoutResult", waitedMs: now - progress.completionSeenAt })
      : { _tag: "Continue", decideAgainBy: stopAt }
  }
  if (now >= deadline) return done({ _tag: "TimedOut", elapsedMs: now - limits.startedAt })
  return { _tag: "Continue", decideAgainBy: deadline }
}

/** True when the run's data lacks something CJ would have sent. */
export const isPartial = (outcome: FollowOutcome): boolean => outcome._tag === "TimedOut" || outcome._tag === "CompletedWithoutResult"
