/** A comparison outcome between essays named by their index in a fit's essay list. */
export interface IndexedOutcome {
  readonly winner: number
  readonly loser: number
}

/**
 * The comparisons of a batch as distinct unordered pairs with each side's wins: the sparse
 * form the estimator works on (a batch compares a small share of all possible pairs).
 */
export interface PairTable {
  readonly size: number
  readonly first: Int32Array
  readonly second: Int32Array
  readonly firstWins: Float64Array
  readonly secondWins: Float64Array
}

export const pairTable = (size: number, outcomes: ReadonlyArray<IndexedOutcome>): PairTable => {
  const slotOf = new Map<number, number>()
  const first: Array<number> = []
  const second: Array<number> = []
  const firstWins: Array<number> = []
  const secondWins: Array<number> = []
  for (const { winner, loser } of outcomes) {
    if (!(winner >= 0 && winner < size && loser >= 0 && loser < size) || winner === loser) {
      throw new RangeError(`outcome ${winner} > ${loser} is not a comparison of two of the ${size} essays`)
    }
    const low = Math.min(winner, loser)
    const high = Math.max(winner, loser)
    const key = low * size + high
    let slot = slotOf.get(key)
    if (slot === undefined) {
      slot = first.length
      slotOf.set(key, slot)
      first.push(low)
      second.push(high)
      firstWins.push(0)
      secondWins.push(0)
    }
    if (winner === low) firstWins[slot] = (firstWins[slot] as number) + 1
    else secondWins[slot] = (secondWins[slot] as number) + 1
  }
  return {
    size,
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    firstWins: Float64Array.from(firstWins),
    secondWins: Float64Array.from(secondWins)
  }
}
