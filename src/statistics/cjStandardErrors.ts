import type { IndexedOutcome } from "./pairTable.js"
import { inverseDiagonal } from "./linearAlgebra.js"

/**
 * CJ's standard errors of θ (cj_core_logic/bt_inference.py): the Fisher information of the
 * comparisons at θ, with one essay held as the reference (its row and column removed, its SE
 * 0), inverted by Moore–Penrose pseudo-inverse, SE = √diagonal, capped at 2.0 logits.
 *
 * Each comparison adds p·(1 − p) at its pair, with p = σ(θ_winner − θ_loser), except that CJ
 * takes p as exactly 1 or 0 when the two θ differ by more than 10 (so such a comparison adds
 * nothing). The reduced information matrix is block-diagonal over the connected parts of the
 * graph of pairs that add information; the pseudo-inverse is taken block by block:
 * - the block holding the reference is invertible once the reference is removed;
 * - any other block is a whole Laplacian L of k essays, whose pseudo-inverse is
 *   (L + J/k)⁻¹ − J/k (J all ones): the SEs of essays in a part of the graph cut off from the
 *   reference measure nothing on the reference's scale, and CJ's cap usually hides that;
 * - an essay in no informative comparison has a zero block, so SE 0 (CJ's answer, not a
 *   precise essay: such essays are named by the reliability report).
 * With no comparisons at all CJ gives every essay 0.5.
 */
export const CJ_SE_CAP = 2
const CERTAINTY_GAP = 10
const NO_COMPARISONS_SE = 0.5

const root = (parents: Int32Array, index: number): number => {
  let at = index
  while ((parents[at] as number) !== at) {
    parents[at] = parents[parents[at] as number] as number
    at = parents[at] as number
  }
  return at
}

export const cjStandardErrors = (theta: ArrayLike<number>, outcomes: ReadonlyArray<IndexedOutcome>, reference: number): Float64Array => {
  const size = theta.length
  const errors = new Float64Array(size)
  if (size < 2) return errors
  if (outcomes.length === 0) return errors.fill(NO_COMPARISONS_SE)
  if (!(reference >= 0 && reference < size)) throw new RangeError(`reference ${reference} is not one of the ${size} essays`)

  const information = new Map<number, number>()
  const parents = Int32Array.from({ length: size }, (_, i) => i)
  for (const { winner, loser } of outcomes) {
    const difference = (theta[winner] as number) - (theta[loser] as number)
    const p = Math.abs(difference) > CERTAINTY_GAP ? (difference > 0 ? 1 : 0) : Math.exp(difference) / (1 + Math.exp(difference))
    const weight = p * (1 - p)
    if (weight === 0) continue
    const low = Math.min(winner, loser)
    const high = Math.max(winner, loser)
    information.set(low * size + high, (information.get(low * size + high) ?? 0) + weight)
    parents[root(parents, low)] = root(parents, high)
  }

  const members = new Map<number, Array<number>>()
  for (let i = 0; i < size; i++) {
    const part = root(parents, i)
    const list = members.get(part)
    if (list === undefined) members.set(part, [i])
    else list.push(i)
  }
  for (const part of members.values()) {
    const holdsReference = part.includes(reference)
    const free = part.filter((i) => i !== reference)
    if (free.length === 0 || (!holdsReference && free.length === 1)) continue
    const positionOf = new Map(free.map((essay, position) => [essay, position]))
    const shift = holdsReference ? 0 : 1 / free.length
    const matrix = free.map(() => new Float64Array(free.length).fill(shift))
    for (const [key, weight] of information) {
      const low = Math.floor(key / size)
      const high = key - low * size
      const a = positionOf.get(low)
      const b = positionOf.get(high)
      if (a !== undefined) (matrix[a] as Float64Array)[a] = ((matrix[a] as Float64Array)[a] as number) + weight
      if (b !== undefined) (matrix[b] as Float64Array)[b] = ((matrix[b] as Float64Array)[b] as number) + weight
      if (a !== undefined && b !== undefined) {
        ;(matrix[a] as Float64Array)[b] = ((matrix[a] as Float64Array)[b] as number) - weight
        ;(matrix[b] as Float64Array)[a] = ((matrix[b] as Float64Array)[a] as number) - weight
      }
    }
    const variances = inverseDiagonal(matrix)
    free.forEach((essay, position) => {
      errors[essay] = Math.min(CJ_SE_CAP, Math.sqrt(Math.max(0, (variances[position] as number) - shift)))
    })
  }
  errors[reference] = 0
  return errors
}
