import { mean, percentile } from "./describe.js"
import { kendallTauB } from "./kendallTauB.js"
import { createRandom, type Random } from "./random.js"

/**
 * Kendall's τ-b of repeated rankings against a known order (e.g. CJ's ranks of the anchors
 * against their grades, over several batches of one setting), with percentile bootstrap
 * intervals, and the differences between settings.
 *
 * The estimate of a group is the mean τ-b of its repeats. A bootstrap replicate draws the items
 * with replacement once, for every group (so a difference between groups is paired by item:
 * both are judged on the same essays), and within each group draws its repeats with
 * replacement; a duplicated item forms pairs tied in both variables, which τ-b leaves out.
 * The interval holds the middle `level` of the replicates (percentile method; Efron &
 * Tibshirani 1993, ch. 13). With one repeat it reflects the choice of items only.
 */
export interface RankedGroup {
  /** Item → its known order; larger is better. */
  readonly truth: ReadonlyMap<string, number>
  /** One map per repeat: item → its score; larger is better. */
  readonly repeats: ReadonlyArray<ReadonlyMap<string, number>>
}

export interface BootstrapInterval {
  readonly low: number
  readonly high: number
  readonly level: number
}

export interface TauEstimate {
  /** Mean τ-b over the repeats; null when no repeat has two items to order. */
  readonly value: number | null
  readonly interval: BootstrapInterval | null
}

export interface RepeatedTauOptions {
  readonly replicates?: number
  readonly level?: number
  readonly seed: number | string
}

export const DEFAULT_REPLICATES = 2000
export const DEFAULT_LEVEL = 0.95
/** Fewer usable replicates than this and no interval is given. */
const MIN_REPLICATES = 20

const tauOf = (truth: ReadonlyMap<string, number>, scores: ReadonlyMap<string, number>, items: ReadonlyArray<string>): number | null =>
  kendallTauB(
    items.flatMap((item) => {
      const known = truth.get(item)
      const score = scores.get(item)
      return known === undefined || score === undefined ? [] : [[score, known] as const]
    })
  ).value

const meanTau = (group: RankedGroup, repeats: ReadonlyArray<ReadonlyMap<string, number>>, items: ReadonlyArray<string>): number | null => {
  const values = repeats.flatMap((scores) => {
    const tau = tauOf(group.truth, scores, items)
    return tau === null ? [] : [tau]
  })
  return values.length === 0 ? null : mean(values)
}

const intervalOf = (values: ReadonlyArray<number>, level: number): BootstrapInterval | null =>
  values.length < MIN_REPLICATES ? null : { low: percentile(values, (1 - level) / 2), high: percentile(values, 1 - (1 - level) / 2), level }

const draw = <T>(random: Random, items: ReadonlyArray<T>): Array<T> => items.map(() => items[random.integerBetween(0, items.length - 1)] as T)

/**
 * Each group's mean τ-b with its interval, and for each `[group, baseline]` pair the
 * difference group − baseline with its interval. Reproducible: the same seed, the same numbers.
 */
export const repeatedTauB = (groups: ReadonlyArray<RankedGroup>, pairs: ReadonlyArray<readonly [group: number, baseline: number]>, options: RepeatedTauOptions) => {
  const replicates = options.replicates ?? DEFAULT_REPLICATES
  const level = options.level ?? DEFAULT_LEVEL
  const items = [...new Set(groups.flatMap((group) => [...group.truth.keys()]))].sort()
  const estimates = groups.map((group) => meanTau(group, group.repeats, items))
  const samples = groups.map((): Array<number> => [])
  const differences = pairs.map((): Array<number> => [])
  const random = createRandom(options.seed)
  for (let replicate = 0; replicate < replicates && items.length > 0; replicate++) {
    const drawnItems = draw(random, items)
    const values = groups.map((group) => (group.repeats.length === 0 ? null : meanTau(group, draw(random, group.repeats), drawnItems)))
    values.forEach((value, index) => {
      if (value !== null) samples[index]?.push(value)
    })
    pairs.forEach(([group, baseline], index) => {
      const a = values[group]
      const b = values[baseline]
      if (a !== null && a !== undefined && b !== null && b !== undefined) differences[index]?.push(a - b)
    })
  }
  return {
    groups: estimates.map((value, index): TauEstimate => ({ value, interval: value === null ? null : intervalOf(samples[index] ?? [], level) })),
    differences: pairs.map(([group, baseline], index): TauEstimate => {
      const a = estimates[group]
      const b = estimates[baseline]
      const value = a === null || a === undefined || b === null || b === undefined ? null : a - b
      return { value, interval: value === null ? null : intervalOf(differences[index] ?? [], level) }
    })
  }
}
