import { inverseOfPositiveDefinite, zeroMatrix } from "../sandbox/linearAlgebra.js"

/**
 * How far a batch's Bradley–Terry scores can be trusted.
 *
 * Scale separation reliability (SSR), as in Rasch measurement and CJ practice:
 * SSR = (observed variance of θ − mean SE²) / observed variance of θ, the share of the spread
 * in the scores that is not measurement error; population variance, clamped at 0. It is taken
 * over the students only: anchors are chosen to span the scale and would inflate it.
 *
 * Standard errors come from the comparison graph at the published θ: the information of a
 * pair compared n times is n·p·(1 − p), the covariance is the information inverted on the
 * sum-zero subspace (as in src/sandbox/bradleyTerry.ts), with CJ's own ridge of 0.01 (choix's
 * alpha) so an essay outside the connected graph stays finite.
 */
export interface ScoredEssay {
  readonly essayId: string
  readonly theta: number
  readonly isAnchor: boolean
}

export interface EssayReliability {
  readonly essayId: string
  readonly standardError: number
  readonly comparisons: number
}

export interface BatchReliability {
  /** Null with fewer than two scored students. */
  readonly ssr: number | null
  readonly students: number
  readonly meanStandardError: number | null
  /** Successful comparisons below which an essay's SE cannot fall under CJ's BT_MAX_SE_WARN_THRESHOLD. */
  readonly minTrustedComparisons: number
  /** Students with fewer successful comparisons than that, fewest first. */
  readonly underCompared: ReadonlyArray<EssayReliability>
}

const RIDGE = 0.01
/** CJ's BT_MAX_SE_WARN_THRESHOLD (logits). */
export const MAX_TRUSTED_SE = 0.8
/** Information per comparison is at most 1/4, so SE ≥ 2/√n; below 7 comparisons SE > 0.8 whatever the opponents. */
export const MIN_TRUSTED_COMPARISONS = Math.ceil((2 / MAX_TRUSTED_SE) ** 2)

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

export const pairKeyOf = (first: string, second: string): string => (first < second ? `${first}|${second}` : `${second}|${first}`)

/** SE of each essay's θ relative to the batch mean, from how often each pair was compared. */
export const standardErrorsAt = (essays: ReadonlyArray<ScoredEssay>, pairCounts: ReadonlyMap<string, number>): Map<string, number> => {
  const size = essays.length
  if (size < 2) return new Map(essays.map((e) => [e.essayId, 0]))
  const indexOf = new Map(essays.map((e, i) => [e.essayId, i]))
  const information = zeroMatrix(size)
  for (const [key, games] of pairCounts) {
    const [first, second] = key.split("|") as [string, string]
    const i = indexOf.get(first)
    const j = indexOf.get(second)
    if (i === undefined || j === undefined) continue
    const p = sigmoid((essays[i] as ScoredEssay).theta - (essays[j] as ScoredEssay).theta)
    const weight = games * p * (1 - p)
    const rowI = information[i] as Float64Array
    const rowJ = information[j] as Float64Array
    rowI[i] = (rowI[i] as number) + weight
    rowJ[j] = (rowJ[j] as number) + weight
    rowI[j] = (rowI[j] as number) - weight
    rowJ[i] = (rowJ[i] as number) - weight
  }
  for (let i = 0; i < size; i++) {
    const row = information[i] as Float64Array
    for (let j = 0; j < size; j++) row[j] = (row[j] as number) + 1 / size + (i === j ? RIDGE : 0)
  }
  const covariance = inverseOfPositiveDefinite(information)
  const rowMeans = covariance.map((row) => row.reduce((sum, value) => sum + value, 0) / size)
  const grandMean = rowMeans.reduce((sum, value) => sum + value, 0) / size
  return new Map(essays.map((e, i) => [e.essayId, Math.sqrt(Math.max(0, ((covariance[i] as Float64Array)[i] as number) - 2 * (rowMeans[i] as number) + grandMean))]))
}

/** SSR of scores with their standard errors; null with fewer than two. */
export const scaleSeparationReliability = (scores: ReadonlyArray<{ readonly theta: number; readonly standardError: number }>): number | null => {
  if (scores.length < 2) return null
  const mean = scores.reduce((sum, s) => sum + s.theta, 0) / scores.length
  const variance = scores.reduce((sum, s) => sum + (s.theta - mean) ** 2, 0) / scores.length
  if (variance === 0) return 0
  const errorVariance = scores.reduce((sum, s) => sum + s.standardError ** 2, 0) / scores.length
  return Math.max(0, (variance - errorVariance) / variance)
}

/** The reliability of a finished batch: its scored essays, and how often each pair was compared successfully. */
export const batchReliability = (essays: ReadonlyArray<ScoredEssay>, pairCounts: ReadonlyMap<string, number>): BatchReliability => {
  const comparisons = new Map<string, number>()
  for (const [key, games] of pairCounts) for (const id of key.split("|")) comparisons.set(id, (comparisons.get(id) ?? 0) + games)
  const scored = essays.filter((e) => (comparisons.get(e.essayId) ?? 0) > 0)
  const errors = standardErrorsAt(scored, pairCounts)
  const students = scored.filter((e) => !e.isAnchor).map((e) => ({ essayId: e.essayId, theta: e.theta, standardError: errors.get(e.essayId) ?? 0, comparisons: comparisons.get(e.essayId) ?? 0 }))
  const unscored = essays.filter((e) => !e.isAnchor && (comparisons.get(e.essayId) ?? 0) === 0).map((e) => ({ essayId: e.essayId, standardError: Number.POSITIVE_INFINITY, comparisons: 0 }))
  return {
    ssr: scaleSeparationReliability(students),
    students: students.length,
    meanStandardError: students.length === 0 ? null : students.reduce((sum, s) => sum + s.standardError, 0) / students.length,
    minTrustedComparisons: MIN_TRUSTED_COMPARISONS,
    underCompared: [...unscored, ...students.filter((s) => s.comparisons < MIN_TRUSTED_COMPARISONS)]
      .map(({ essayId, standardError, comparisons: count }) => ({ essayId, standardError, comparisons: count }))
      .sort((a, b) => a.comparisons - b.comparisons || (a.essayId < b.essayId ? -1 : 1))
  }
}
