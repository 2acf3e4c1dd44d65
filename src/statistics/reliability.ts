import { type BatchEssayRef, type CjScoring, type Outcome, scoreLikeCj, withStandardErrors } from "./cjScoring.js"
import { CJ_SE_CAP } from "./cjStandardErrors.js"
import { type Interval, mean, median, pearson, percentile, variance } from "./describe.js"
import { createRandom } from "./random.js"
import { largestComponentShare } from "./winGraph.js"

/**
 * How far a batch's scores can be trusted, from CJ's own θ and SEs (docs/statistics.md).
 *
 * - Scale separation reliability (SSR) of the students: (variance of θ − mean SE²) / variance
 *   of θ, population variances, anchors left out (they are chosen to span the scale). It is
 *   reported only where it means something; otherwise null with the reason:
 *   - fewer than two students scored;
 *   - fewer than half of the students in one strongly connected component of the win/loss
 *     graph: the others won or lost everything within their group, and the distance between
 *     groups is set by the estimator's prior, so SSR would measure the prior (Bramley 2015;
 *     Crompvoets et al. 2022 on SSR's bias at few comparisons per essay);
 *   - a student's SE at CJ's 2.0-logit cap: the error is understated there, and SSR with it;
 *   - SE² as large as the spread of θ: nothing is separated.
 * - Split-half reliability: the successful comparisons are split at random into two halves,
 *   each half scored with CJ's estimator over all the batch's essays, the students' θ of the
 *   two halves correlated (Pearson) and stepped up to the whole by Spearman–Brown, 2r/(1 + r).
 *   Repeated over many random splits: the median, and the 10th and 90th percentiles.
 */
export const MIN_COMPONENT_SHARE = 0.5
export const DEFAULT_SPLITS = 100

export interface Separation {
  readonly ssr: number | null
  readonly notEstimableReason: string | null
  /** The share of students in the strongly connected component holding most of them; null without students. */
  readonly largestComponentShare: number | null
}

export interface SplitHalf extends Omit<Interval, "mean"> {
  readonly median: number
  readonly splits: number
}

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`

/** SSR of a scoring; one scored without SEs gets them here, and only once the win/loss graph can support an SSR (they are an n³ step). */
export const scaleSeparation = (scored: CjScoring): Separation => {
  const studentIndexes = scored.essays.flatMap((essay, index) => (essay.isAnchor ? [] : [index]))
  const share = largestComponentShare(scored.essays.length, scored.outcomes, studentIndexes)
  const notEstimable = (reason: string): Separation => ({ ssr: null, notEstimableReason: reason, largestComponentShare: share })
  const compared = studentIndexes.filter((index) => (scored.essays[index] as CjScoring["essays"][number]).comparisons > 0)
  if (compared.length < 2) return notEstimable(`${plural(compared.length, "student")} compared; SSR needs at least two`)
  if (share !== null && share < MIN_COMPONENT_SHARE) {
    return notEstimable(
      `only ${Math.round(share * 100)}% of the students are in one strongly connected part of the win/loss graph (at least ${MIN_COMPONENT_SHARE * 100}% needed): the rest won or lost all their comparisons within their group, so the spread of their scores comes from CJ's prior, not from the judgements`
    )
  }
  const scoring = scored.essays.some((essay) => Number.isNaN(essay.standardError)) ? withStandardErrors(scored) : scored
  const students = studentIndexes.map((index) => scoring.essays[index] as CjScoring["essays"][number]).filter((essay) => essay.comparisons > 0)
  const capped = students.filter((essay) => essay.standardError >= CJ_SE_CAP).length
  if (capped > 0) return notEstimable(`${plural(capped, "student's SE", "students' SEs")} reached CJ's cap of ${CJ_SE_CAP} logits, so their error, and SSR with it, would be understated`)
  const spread = variance(students.map((essay) => essay.theta))
  const error = mean(students.map((essay) => essay.standardError ** 2))
  if (!(spread > error)) return notEstimable("the students' standard errors are as large as the spread of their scores: the comparisons separate nobody")
  return { ssr: (spread - error) / spread, notEstimableReason: null, largestComponentShare: share }
}

export interface SplitHalfOptions {
  readonly splits?: number
  readonly seed: number | string
  /** A full fit's θ by id, to start each half's estimator near its answer (a speed-up only). */
  readonly start?: ReadonlyMap<string, number>
}

/** Null with fewer than two students or four comparisons, or when no split gives a correlation. */
export const splitHalfReliability = (essays: ReadonlyArray<BatchEssayRef>, outcomes: ReadonlyArray<Outcome>, options: SplitHalfOptions): SplitHalf | null => {
  const students = essays.filter((essay) => !essay.isAnchor).map((essay) => essay.essayId)
  if (students.length < 2 || outcomes.length < 4) return null
  const random = createRandom(options.seed).fork("split-half")
  const splits = options.splits ?? DEFAULT_SPLITS
  const fitOptions = { standardErrors: false, ...(options.start === undefined ? {} : { initialTheta: options.start }) }
  const thetaOf = (half: ReadonlyArray<Outcome>) => {
    const scored = new Map(scoreLikeCj(essays, half, fitOptions).essays.map((essay) => [essay.essayId, essay.theta]))
    return students.map((id) => scored.get(id) as number)
  }
  const stepped: Array<number> = []
  for (let split = 0; split < splits; split++) {
    const shuffled = random.shuffled(outcomes)
    const cut = Math.floor(shuffled.length / 2)
    const r = pearson(thetaOf(shuffled.slice(0, cut)), thetaOf(shuffled.slice(cut)))
    if (r !== null && r > -1) stepped.push((2 * r) / (1 + r))
  }
  if (stepped.length === 0) return null
  return { median: median(stepped), low: percentile(stepped, 0.1), high: percentile(stepped, 0.9), splits: stepped.length }
}
