/**
 * Kendall's τ-a between two scorings of the same items: (concordant − discordant) pairs over
 * all n(n − 1)/2 pairs; a pair tied in either scoring counts as neither. 1 is the same order,
 * −1 the reverse. Used to check that a fit recovers the simulated latent order.
 */
export const kendallTau = (first: ReadonlyArray<number>, second: ReadonlyArray<number>): number => {
  if (first.length !== second.length) throw new RangeError(`kendallTau needs equal lengths, got ${first.length} and ${second.length}`)
  const size = first.length
  if (size < 2) return Number.NaN
  let balance = 0
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      balance += Math.sign((first[i] as number) - (first[j] as number)) * Math.sign((second[i] as number) - (second[j] as number))
    }
  }
  return balance / ((size * (size - 1)) / 2)
}
