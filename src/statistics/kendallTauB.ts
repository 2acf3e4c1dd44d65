/** Kendall's τ-b with the pair counts behind it, so a report can show its working. */
export interface KendallTauB {
  /** Undefined (null) when fewer than two items remain or every pair is tied in one variable. */
  readonly value: number | null
  readonly items: number
  readonly pairs: number
  readonly concordant: number
  readonly discordant: number
  /** Pairs tied in the first variable only, the second only, and in both. */
  readonly tiedInFirstOnly: number
  readonly tiedInSecondOnly: number
  readonly tiedInBoth: number
}

/**
 * τ-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), where n₀ = n(n − 1)/2, n₁ counts pairs tied in the
 * first variable and n₂ pairs tied in the second (a pair tied in both counts in each). Unlike
 * τ-a it does not let ties pull the value towards 0, and unlike breaking ties by the other
 * variable it does not count them as agreement. Larger means better in both variables.
 */
export const kendallTauB = (points: ReadonlyArray<readonly [first: number, second: number]>): KendallTauB => {
  let concordant = 0
  let discordant = 0
  let tiedInFirstOnly = 0
  let tiedInSecondOnly = 0
  let tiedInBoth = 0
  for (let i = 0; i < points.length; i++) {
    const [firstI, secondI] = points[i] as readonly [number, number]
    for (let j = i + 1; j < points.length; j++) {
      const [firstJ, secondJ] = points[j] as readonly [number, number]
      const direction = Math.sign(firstI - firstJ) * Math.sign(secondI - secondJ)
      if (firstI === firstJ && secondI === secondJ) tiedInBoth++
      else if (firstI === firstJ) tiedInFirstOnly++
      else if (secondI === secondJ) tiedInSecondOnly++
      else if (direction > 0) concordant++
      else discordant++
    }
  }
  const pairs = (points.length * (points.length - 1)) / 2
  const untiedInFirst = pairs - tiedInFirstOnly - tiedInBoth
  const untiedInSecond = pairs - tiedInSecondOnly - tiedInBoth
  const denominator = Math.sqrt(untiedInFirst * untiedInSecond)
  return {
    value: denominator === 0 ? null : (concordant - discordant) / denominator,
    items: points.length,
    pairs,
    concordant,
    discordant,
    tiedInFirstOnly,
    tiedInSecondOnly,
    tiedInBoth
  }
}
