/** Small descriptive statistics shared by the reliability measures and the forecast. */

export interface Interval {
  readonly mean: number
  readonly low: number
  readonly high: number
}

export const mean = (values: ReadonlyArray<number>): number => values.reduce((sum, value) => sum + value, 0) / values.length

/** Population variance (divides by n). */
export const variance = (values: ReadonlyArray<number>): number => {
  const centre = mean(values)
  return values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / values.length
}

/** Linear interpolation between order statistics (numpy's default), `share` in [0, 1]. */
export const percentile = (values: ReadonlyArray<number>, share: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * share
  const below = Math.floor(position)
  const above = Math.min(sorted.length - 1, below + 1)
  return (sorted[below] as number) + (position - below) * ((sorted[above] as number) - (sorted[below] as number))
}

export const median = (values: ReadonlyArray<number>): number => percentile(values, 0.5)

/** Mean with the 10th and 90th percentiles; null for no values. */
export const interval = (values: ReadonlyArray<number>): Interval | null =>
  values.length === 0 ? null : { mean: mean(values), low: percentile(values, 0.1), high: percentile(values, 0.9) }

/** Pearson's r; null when either variable is constant or there are fewer than two pairs. */
export const pearson = (first: ReadonlyArray<number>, second: ReadonlyArray<number>): number | null => {
  if (first.length !== second.length) throw new RangeError(`pearson needs equal lengths, got ${first.length} and ${second.length}`)
  if (first.length < 2) return null
  const firstMean = mean(first)
  const secondMean = mean(second)
  let products = 0
  let firstSquares = 0
  let secondSquares = 0
  for (let i = 0; i < first.length; i++) {
    const a = (first[i] as number) - firstMean
    const b = (second[i] as number) - secondMean
    products += a * b
    firstSquares += a * a
    secondSquares += b * b
  }
  return firstSquares === 0 || secondSquares === 0 ? null : products / Math.sqrt(firstSquares * secondSquares)
}
