/**
 * What to tell a user whose batch has gone quiet. Two things the platform does cannot be handled
 * by eng5, only named: CJ publishes no event at all when it cannot read any student text from the
 * Content Service, and it finishes a batch whose comparisons never reach its completion target
 * only when its batch monitor next sweeps (every 5 minutes by default).
 */

/** Silence long enough to be worth a word, in ms. */
export const QUIET_AFTER_MS = 60_000

export interface Quiet {
  /** Comparison callbacks received so far. */
  readonly received: number
  /** How long since following started, in ms. */
  readonly sinceStartMs: number
  /** How long since the last comparison arrived (or since following started), in ms. */
  readonly sinceLastComparisonMs: number
}

const NOTHING_YET =
  "no comparison has arrived: CJ publishes nothing at all when it cannot read the students' texts from the Content Service (see CJ's log)"
const STALLED =
  "comparisons have stopped: CJ finishes a batch that falls short of its completion target only at its batch monitor's next sweep (every 5 min by default)"

/** A short hint for the progress line, or null while the batch is not quiet. */
export const quietHint = (quiet: Quiet): string | null => {
  if (quiet.received === 0) return quiet.sinceStartMs >= QUIET_AFTER_MS ? NOTHING_YET : null
  return quiet.sinceLastComparisonMs >= QUIET_AFTER_MS ? STALLED : null
}

/** What a timeout message adds about the likely cause. */
export const timeoutCause = (received: number): string => (received === 0 ? `${NOTHING_YET}.` : `If ${STALLED}, a longer --completion-timeout lets the sweep finish it.`)
