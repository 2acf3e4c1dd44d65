import { conjugateGradient } from "./conjugateGradient.js"
import type { PairTable } from "./pairTable.js"

/**
 * CJ's Bradley–Terry estimator: `choix.ilsr_pairwise(n, comparisons, alpha=0.01)` over every
 * essay of the batch, anchors and essays never compared included, then centred to mean 0
 * (cj_core_logic/scoring_ranking.py).
 *
 * ILSR iterates a Markov chain whose every transition rate starts at α. Its fixed point, the
 * answer choix returns, is the maximiser of
 *
 *   Φ(θ) = Σ over comparisons log σ(θ_winner − θ_loser) + α·n·Σ_i (θ_i − e^θ_i),
 *
 * the Bradley–Terry log-likelihood with a Gamma(α·n) prior on each strength e^θ (at the
 * optimum Σ e^θ = n, as choix normalises). So this maximises Φ directly, by Newton's method
 * with step halving (Φ is strictly concave, so the optimum is unique and found from any
 * start), each step solved by conjugate gradients on the sparse information matrix. It
 * agrees with choix to the precision choix itself stops at (an L1 change of 1e-8 between
 * iterations): test/fixtures/cj-statistics holds CJ's own numbers.
 *
 * Note the prior's weight α·n grows with the batch: 0.36 for 36 essays, 10 for 1,000. An essay
 * that won (or lost) every comparison is held finite by it alone.
 */
export const CJ_ALPHA = 0.01

export interface EstimatorOptions {
  readonly alpha?: number
  /** Where Newton starts; the answer does not depend on it, only the time taken. */
  readonly initialTheta?: ArrayLike<number>
}

const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)))
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)))

const MAX_NEWTON_STEPS = 200
const STEP_TOLERANCE = 1e-11

const objective = (table: PairTable, theta: Float64Array, priorWeight: number): number => {
  let total = 0
  for (let pair = 0; pair < table.first.length; pair++) {
    const difference = (theta[table.first[pair] as number] as number) - (theta[table.second[pair] as number] as number)
    total += (table.firstWins[pair] as number) * logSigmoid(difference) + (table.secondWins[pair] as number) * logSigmoid(-difference)
  }
  for (const value of theta) total += priorWeight * (value - Math.exp(value))
  return total
}

/** θ, centred, in the order of the table's essays. */
export const fitCjTheta = (table: PairTable, options: EstimatorOptions = {}): Float64Array => {
  const { size } = table
  const alpha = options.alpha ?? CJ_ALPHA
  if (!(alpha > 0)) throw new RangeError(`alpha must be above 0 (CJ uses ${CJ_ALPHA}), got ${alpha}`)
  const priorWeight = alpha * size
  const theta = new Float64Array(size)
  if (options.initialTheta !== undefined) {
    // Start from the shape given, shifted to where Σ e^θ = n, near the optimum's own level.
    const given = Float64Array.from(options.initialTheta)
    const level = Math.log(given.reduce((sum, value) => sum + Math.exp(value), 0) / size)
    for (let i = 0; i < size; i++) theta[i] = (given[i] as number) - level
  }
  if (size >= 2) {
    const gradient = new Float64Array(size)
    const diagonal = new Float64Array(size)
    const weights = new Float64Array(table.first.length)
    const multiply = (x: Float64Array, into: Float64Array) => {
      for (let i = 0; i < size; i++) into[i] = (diagonal[i] as number) * (x[i] as number)
      for (let pair = 0; pair < weights.length; pair++) {
        const i = table.first[pair] as number
        const j = table.second[pair] as number
        const weight = weights[pair] as number
        into[i] = (into[i] as number) - weight * (x[j] as number)
        into[j] = (into[j] as number) - weight * (x[i] as number)
      }
    }
    let current = objective(table, theta, priorWeight)
    const candidate = new Float64Array(size)
    for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
      for (let i = 0; i < size; i++) {
        const strength = Math.exp(theta[i] as number)
        gradient[i] = priorWeight * (1 - strength)
        diagonal[i] = priorWeight * strength
      }
      for (let pair = 0; pair < weights.length; pair++) {
        const i = table.first[pair] as number
        const j = table.second[pair] as number
        const games = (table.firstWins[pair] as number) + (table.secondWins[pair] as number)
        const p = sigmoid((theta[i] as number) - (theta[j] as number))
        gradient[i] = (gradient[i] as number) + (table.firstWins[pair] as number) - games * p
        gradient[j] = (gradient[j] as number) - (table.firstWins[pair] as number) + games * p
        const weight = games * p * (1 - p)
        weights[pair] = weight
        diagonal[i] = (diagonal[i] as number) + weight
        diagonal[j] = (diagonal[j] as number) + weight
      }
      const direction = conjugateGradient(multiply, diagonal, gradient)
      let scale = 1
      let next = current
      for (let halvings = 0; halvings < 60; halvings++) {
        for (let i = 0; i < size; i++) candidate[i] = (theta[i] as number) + scale * (direction[i] as number)
        next = objective(table, candidate, priorWeight)
        if (next >= current - 1e-14 * Math.abs(current)) break
        scale /= 2
      }
      let largestMove = 0
      for (let i = 0; i < size; i++) largestMove = Math.max(largestMove, Math.abs((candidate[i] as number) - (theta[i] as number)))
      theta.set(candidate)
      current = next
      if (largestMove < STEP_TOLERANCE) break
    }
  }
  const centre = size === 0 ? 0 : theta.reduce((sum, value) => sum + value, 0) / size
  for (let i = 0; i < size; i++) theta[i] = (theta[i] as number) - centre
  return theta
}
