/**
 * The comparisons part of the progress line: how many arrived of the batch's budget (CJ's cap or
 * `--max-comparisons`; CJ may stop earlier once scores are stable, hence "up to") and, once the
 * pace is known, about how long the rest takes at that pace.
 */

/** Comparisons that must have arrived before the pace says anything. */
const PACE_AFTER = 5

const duration = (ms: number): string => {
  const seconds = Math.max(1, Math.round(ms / 1000))
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`
}

export interface ComparisonsSoFar {
  readonly received: number
  /** The batch's comparison budget, when known. */
  readonly budget: number | null
  /** Comparisons that arrived while this process followed, and how long it has followed. */
  readonly receivedWhileFollowing: number
  readonly followingMs: number
}

export const comparisonsProgress = (so: ComparisonsSoFar): string => {
  if (so.budget === null) return `${so.received} comparisons received`
  const counted = `${so.received} of up to ${so.budget} comparisons received`
  const left = so.budget - so.received
  if (left <= 0 || so.receivedWhileFollowing < PACE_AFTER) return counted
  return `${counted}, ~${duration((left * so.followingMs) / so.receivedWhileFollowing)} left`
}
