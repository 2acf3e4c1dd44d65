import { CJ_ALPHA, fitCjTheta } from "./cjEstimator.js"
import { cjStandardErrors } from "./cjStandardErrors.js"
import { type IndexedOutcome, pairTable } from "./pairTable.js"

/**
 * A batch scored as CJ scores it: θ by CJ's estimator over every essay of the batch, SEs as
 * CJ computes them, comparisons per essay as CJ counts them (each successful comparison
 * counts once for each of its two essays).
 *
 * Essays are identified by the ids CJ holds (the ids eng5 sent, and CJ's `ANCHOR_…` ids), and
 * CJ orders them by id. The SEs are relative to a reference essay (SE 0). In a batch without
 * anchors CJ takes the essay with the greatest id. With anchors it takes the last anchor in the
 * order its database happens to return the batch's rows, which moves with every score update
 * and cannot be known from outside CJ; eng5 takes the anchor with the greatest id, and says
 * which (`reference`). Given CJ's reference (`options.reference`) the SEs are CJ's to the digit:
 * the platform suite checks them against CJ's stored SEs.
 */
export interface BatchEssayRef {
  readonly essayId: string
  readonly isAnchor: boolean
}

export interface Outcome {
  readonly winner: string
  readonly loser: string
}

export interface CjEssayScore {
  readonly essayId: string
  readonly isAnchor: boolean
  readonly theta: number
  /** NaN when standard errors were not asked for. */
  readonly standardError: number
  readonly comparisons: number
  readonly wins: number
  readonly losses: number
  /** 1 = strongest; ties broken by id. */
  readonly rank: number
}

export interface CjScoring {
  /** In CJ's order: by id. */
  readonly essays: ReadonlyArray<CjEssayScore>
  /** The essay whose SE is 0 by construction; undefined for an empty batch. */
  readonly reference: string | undefined
  /** The outcomes used (those naming two essays of the batch), by index into `essays`. */
  readonly outcomes: ReadonlyArray<IndexedOutcome>
}

export interface CjScoringOptions {
  readonly alpha?: number
  /** Where the estimator starts; the answer does not depend on it. */
  readonly initialTheta?: ReadonlyMap<string, number>
  /** False skips the SEs (an n³ step), leaving them NaN: for fits of which only θ is read. */
  readonly standardErrors?: boolean
  /** The essay to hold fixed for the SEs; by default the anchor with the greatest id (see above). */
  readonly reference?: string
}

/**
 * A scoring with CJ's SEs computed at its θ, or at the θ `published` gives an essay (CJ's own,
 * from its result event), held to the scoring's reference.
 */
export const withStandardErrors = (scoring: CjScoring, published: ReadonlyMap<string, number> = new Map()): CjScoring => {
  const theta = scoring.essays.map((essay) => published.get(essay.essayId) ?? essay.theta)
  const reference = scoring.essays.findIndex((essay) => essay.essayId === scoring.reference)
  const errors = reference < 0 ? theta.map(() => 0) : cjStandardErrors(theta, scoring.outcomes, reference)
  return { ...scoring, essays: scoring.essays.map((essay, index) => ({ ...essay, theta: theta[index] as number, standardError: errors[index] as number })) }
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export const cjReference = (sortedIds: ReadonlyArray<string>, anchors: ReadonlySet<string>): string | undefined =>
  sortedIds.findLast((id) => anchors.has(id)) ?? sortedIds.at(-1)

export const scoreLikeCj = (essays: ReadonlyArray<BatchEssayRef>, outcomes: ReadonlyArray<Outcome>, options: CjScoringOptions = {}): CjScoring => {
  const ids = [...new Set(essays.map((essay) => essay.essayId))].sort(byCodeUnits)
  const anchors = new Set(essays.filter((essay) => essay.isAnchor).map((essay) => essay.essayId))
  const indexOf = new Map(ids.map((id, index) => [id, index]))
  const indexed: Array<IndexedOutcome> = []
  const wins = new Int32Array(ids.length)
  const losses = new Int32Array(ids.length)
  for (const { winner, loser } of outcomes) {
    const w = indexOf.get(winner)
    const l = indexOf.get(loser)
    // CJ leaves out a comparison naming an essay it does not hold for the batch.
    if (w === undefined || l === undefined || w === l) continue
    indexed.push({ winner: w, loser: l })
    wins[w] = (wins[w] as number) + 1
    losses[l] = (losses[l] as number) + 1
  }
  const start = options.initialTheta === undefined ? undefined : ids.map((id) => options.initialTheta?.get(id) ?? 0)
  const theta = fitCjTheta(pairTable(ids.length, indexed), { alpha: options.alpha ?? CJ_ALPHA, ...(start === undefined ? {} : { initialTheta: start }) })
  const reference = options.reference !== undefined && indexOf.has(options.reference) ? options.reference : cjReference(ids, anchors)
  const errors =
    options.standardErrors === false || reference === undefined
      ? new Float64Array(ids.length).fill(Number.NaN)
      : cjStandardErrors(theta, indexed, indexOf.get(reference) as number)
  const rankOf = new Int32Array(ids.length)
  ids
    .map((id, index) => ({ id, index }))
    .sort((a, b) => (theta[b.index] as number) - (theta[a.index] as number) || byCodeUnits(a.id, b.id))
    .forEach(({ index }, position) => {
      rankOf[index] = position + 1
    })
  return {
    essays: ids.map((essayId, index) => ({
      essayId,
      isAnchor: anchors.has(essayId),
      theta: theta[index] as number,
      standardError: errors[index] as number,
      comparisons: (wins[index] as number) + (losses[index] as number),
      wins: wins[index] as number,
      losses: losses[index] as number,
      rank: rankOf[index] as number
    })),
    reference,
    outcomes: indexed
  }
}
