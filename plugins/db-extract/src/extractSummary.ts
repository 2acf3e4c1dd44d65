import type { CjBatchExtract, CjComparisonPairRow } from "./Extractor.js"

/** The winning and losing essay of a pair, from CJ's slot name; null when the pair has no winner. */
export const pairOutcome = (pair: CjComparisonPairRow): { readonly winnerId: string; readonly loserId: string } | null => {
  if (pair.winner === "essay_a") return { winnerId: pair.essayAId, loserId: pair.essayBId }
  if (pair.winner === "essay_b") return { winnerId: pair.essayBId, loserId: pair.essayAId }
  return null
}

export interface WinLoss {
  readonly wins: number
  readonly losses: number
}

export const winsAndLosses = (comparisons: ReadonlyArray<CjComparisonPairRow>): ReadonlyMap<string, WinLoss> => {
  const tally = new Map<string, WinLoss>()
  const add = (essayId: string, wins: number, losses: number) => {
    const current = tally.get(essayId) ?? { wins: 0, losses: 0 }
    tally.set(essayId, { wins: current.wins + wins, losses: current.losses + losses })
  }
  for (const pair of comparisons) {
    const outcome = pairOutcome(pair)
    if (outcome === null) continue
    add(outcome.winnerId, 1, 0)
    add(outcome.loserId, 0, 1)
  }
  return tally
}

export interface ExtractCounts {
  readonly essays: number
  readonly anchors: number
  readonly students: number
  readonly comparisons: number
  readonly comparisonsWithWinner: number
  /** Pairs CJ marked as errors (an error code or the `error` winner). */
  readonly comparisonsFailed: number
  /** Pairs with neither a winner nor an error: still waiting when the batch was read. */
  readonly comparisonsPending: number
  readonly gradeProjections: number
}

export const extractCounts = (extract: CjBatchExtract): ExtractCounts => {
  const anchors = extract.essays.filter((essay) => essay.isAnchor).length
  const withWinner = extract.comparisons.filter((pair) => pairOutcome(pair) !== null).length
  const failed = extract.comparisons.filter((pair) => pairOutcome(pair) === null && (pair.errorCode !== null || pair.winner === "error")).length
  return {
    essays: extract.essays.length,
    anchors,
    students: extract.essays.length - anchors,
    comparisons: extract.comparisons.length,
    comparisonsWithWinner: withWinner,
    comparisonsFailed: failed,
    comparisonsPending: extract.comparisons.length - withWinner - failed,
    gradeProjections: extract.gradeProjections.length
  }
}
