import { sampleRankCorrelation } from "simple-statistics"

/** Spearman's ρ on midranks (simple-statistics); null with fewer than two items or a constant variable. */
export const spearmanRho = (first: ReadonlyArray<number>, second: ReadonlyArray<number>): number | null => {
  if (first.length !== second.length) throw new RangeError(`spearmanRho needs equal lengths, got ${first.length} and ${second.length}`)
  if (first.length < 2) return null
  const rho = sampleRankCorrelation([...first], [...second])
  return Number.isFinite(rho) ? rho : null
}

/** Shares of items whose grades (as indices on an ordered scale) are equal, and at most one step apart. */
export const gradeAgreement = (first: ReadonlyArray<number>, second: ReadonlyArray<number>): { readonly exact: number | null; readonly adjacent: number | null } => {
  if (first.length !== second.length) throw new RangeError(`gradeAgreement needs equal lengths, got ${first.length} and ${second.length}`)
  if (first.length === 0) return { exact: null, adjacent: null }
  const within = (steps: number) => first.filter((grade, i) => Math.abs(grade - (second[i] as number)) <= steps).length / first.length
  return { exact: within(0), adjacent: within(1) }
}

/**
 * Cohen's κ with quadratic weights for two ratings on a scale of `categories` ordered grades
 * (indices 0..categories−1): 1 − Σ w·O / Σ w·E with w = (i − j)² / (k − 1)², O the observed
 * joint proportions and E the product of the marginals. Null when there is nothing to compare
 * or both raters gave one grade only (E has no weight off the diagonal).
 */
export const quadraticWeightedKappa = (first: ReadonlyArray<number>, second: ReadonlyArray<number>, categories: number): number | null => {
  if (first.length !== second.length) throw new RangeError(`quadraticWeightedKappa needs equal lengths, got ${first.length} and ${second.length}`)
  const n = first.length
  if (n === 0 || categories < 2) return null
  const rowTotals = Array.from({ length: categories }, () => 0)
  const columnTotals = Array.from({ length: categories }, () => 0)
  let observed = 0
  for (let index = 0; index < n; index++) {
    const a = first[index] as number
    const b = second[index] as number
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= categories || b >= categories) {
      throw new RangeError(`grade index out of 0..${categories - 1}: ${a}, ${b}`)
    }
    rowTotals[a] = (rowTotals[a] as number) + 1
    columnTotals[b] = (columnTotals[b] as number) + 1
    observed += (a - b) ** 2
  }
  let expected = 0
  for (let i = 0; i < categories; i++) {
    for (let j = 0; j < categories; j++) expected += (i - j) ** 2 * (rowTotals[i] as number) * (columnTotals[j] as number)
  }
  // Both sums share the 1/(k−1)² weight factor, and E carries one extra 1/n.
  return expected === 0 ? null : 1 - (observed * n) / expected
}
