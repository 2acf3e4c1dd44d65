import { choleskyInPlace, choleskySolve, inverseOfPositiveDefinite, type SquareMatrix, zeroMatrix } from "./linearAlgebra.js"

/**
 * Bradley–Terry fit: P(i beats j) = 1 / (1 + exp(θj − θi)), θ the log-strength of an essay.
 *
 * Estimation is Newton–Raphson on the log-likelihood penalised by a Gaussian prior
 * θ ~ N(0, 1/λ) ("ridge", `priorPrecision` λ), with step halving whenever a full step would
 * lower the objective. With λ = 0 this is the plain maximum-likelihood estimate.
 *
 * Why the prior: the MLE does not exist when an essay won (or lost) every comparison it was in,
 * or more generally when the "beat" graph is not strongly connected; θ would run off to ±∞.
 * The default λ = 0.01 (a prior standard deviation of 10 logits) keeps such an essay finite
 * (an essay that beat five evenly matched essays lands about 4.8 logits above them) while
 * moving well-determined thetas by far less than their standard errors. Asking for λ = 0 on data whose MLE does not
 * exist falls back to the default λ; `priorPrecision` in the result says which was used.
 *
 * Identification: the likelihood only sees differences, so θ is reported mean-centred (Σθ = 0).
 * With λ > 0 the penalised optimum is centred by itself; with λ = 0 the centring is the
 * constraint.
 *
 * Standard errors: the observed information of the log-likelihood at θ̂ is the weighted graph
 * Laplacian L with L_ij = −n_ij·p_ij·(1 − p_ij) off the diagonal and row sums of zero (for the
 * logistic link the observed and expected information coincide); the prior adds λ·I. The
 * covariance of the centred θ is that information inverted on the sum-zero subspace:
 * Cov = P·(L + λI + J/n)⁻¹·P with J the all-ones matrix and P = I − J/n. Adding J/n makes the
 * matrix invertible without changing it on the sum-zero subspace, and P projects the constant
 * direction away again; for λ = 0 this is exactly the Moore–Penrose pseudo-inverse L⁺.
 * SE_i = √Cov_ii: the uncertainty of essay i relative to the batch mean.
 */
export interface BradleyTerryOutcome {
  readonly winner: string
  readonly loser: string
}

export interface BradleyTerryOptions {
  /** λ, the precision of the N(0, 1/λ) prior on each θ; 0 asks for the plain MLE. */
  readonly priorPrecision?: number
  /** Stop when no θ moves by more than this in one Newton step. */
  readonly tolerance?: number
  readonly maxIterations?: number
  /** Where Newton starts (0 for an essay not in it): the last fit, when refitting after a few more comparisons. */
  readonly initialTheta?: ReadonlyMap<string, number>
  /** False skips the covariance (an n³ inversion); standard errors are then NaN. */
  readonly standardErrors?: boolean
}

export interface BradleyTerryEssay {
  readonly essayId: string
  /** Mean-centred log-strength. */
  readonly theta: number
  readonly standardError: number
  readonly comparisons: number
  readonly wins: number
  readonly losses: number
  /** 1 = strongest; ties broken by essay id. */
  readonly rank: number
}

export interface BradleyTerryFit {
  /** In the order of the ids given. */
  readonly essays: ReadonlyArray<BradleyTerryEssay>
  readonly iterations: number
  readonly converged: boolean
  /** The λ actually used (see the fallback above). */
  readonly priorPrecision: number
  /** Log-likelihood of the outcomes at the fitted θ, without the prior term. */
  readonly logLikelihood: number
}

export const DEFAULT_PRIOR_PRECISION = 0.01
const DEFAULT_TOLERANCE = 1e-10
const DEFAULT_MAX_ITERATIONS = 100

/** log σ(x) without overflow for large |x|. */
const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)))
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)))

const entry = (matrix: SquareMatrix, row: number, column: number): number => (matrix[row] as Float64Array)[column] as number

/** True when every essay can reach every other along "beat" edges: the condition for the MLE to exist. */
export const isStronglyConnected = (beats: SquareMatrix): boolean => {
  const size = beats.length
  if (size <= 1) return true
  const reachesAll = (edge: (from: number, to: number) => boolean): boolean => {
    const seen = new Uint8Array(size)
    const stack = [0]
    seen[0] = 1
    let count = 1
    while (stack.length > 0) {
      const from = stack.pop() as number
      for (let to = 0; to < size; to++) {
        if (seen[to] === 0 && edge(from, to)) {
          seen[to] = 1
          count++
          stack.push(to)
        }
      }
    }
    return count === size
  }
  return reachesAll((from, to) => entry(beats, from, to) > 0) && reachesAll((from, to) => entry(beats, to, from) > 0)
}

const penalisedObjective = (beats: SquareMatrix, theta: Float64Array, lambda: number): { logLikelihood: number; objective: number } => {
  const size = theta.length
  let logLikelihood = 0
  let squares = 0
  for (let i = 0; i < size; i++) {
    squares += (theta[i] as number) ** 2
    for (let j = 0; j < size; j++) {
      const count = entry(beats, i, j)
      if (count > 0) logLikelihood += count * logSigmoid((theta[i] as number) - (theta[j] as number))
    }
  }
  return { logLikelihood, objective: logLikelihood - (lambda / 2) * squares }
}

/** Gradient of the penalised log-likelihood and the information matrix L + λI + J/n. */
const gradientAndInformation = (beats: SquareMatrix, theta: Float64Array, lambda: number, information: SquareMatrix = zeroMatrix(theta.length)) => {
  const size = theta.length
  const gradient = new Float64Array(size)
  for (let i = 0; i < size; i++) {
    const row = (information[i] as Float64Array).fill(0)
    let diagonal = lambda
    let score = -lambda * (theta[i] as number)
    for (let j = 0; j < size; j++) {
      if (j === i) continue
      const won = entry(beats, i, j)
      const games = won + entry(beats, j, i)
      if (games === 0) continue
      const p = sigmoid((theta[i] as number) - (theta[j] as number))
      score += won - games * p
      const weight = games * p * (1 - p)
      diagonal += weight
      row[j] = -weight
    }
    row[i] = diagonal
    gradient[i] = score
  }
  for (const row of information) for (let j = 0; j < size; j++) row[j] = (row[j] as number) + 1 / size
  return { gradient, information }
}

const centre = (theta: Float64Array): void => {
  const mean = theta.reduce((sum, value) => sum + value, 0) / (theta.length || 1)
  for (let i = 0; i < theta.length; i++) theta[i] = (theta[i] as number) - mean
}

export const fitBradleyTerry = (
  essayIds: ReadonlyArray<string>,
  outcomes: ReadonlyArray<BradleyTerryOutcome>,
  options: BradleyTerryOptions = {}
): BradleyTerryFit => {
  const size = essayIds.length
  const indexOf = new Map<string, number>()
  essayIds.forEach((id, index) => {
    if (indexOf.has(id)) throw new RangeError(`essay id ${id} is listed twice`)
    indexOf.set(id, index)
  })
  const beats = zeroMatrix(size)
  const wins = new Int32Array(size)
  const losses = new Int32Array(size)
  for (const { winner, loser } of outcomes) {
    const w = indexOf.get(winner)
    const l = indexOf.get(loser)
    if (w === undefined || l === undefined) throw new RangeError(`outcome ${winner} > ${loser} names an essay not in the list`)
    if (w === l) throw new RangeError(`essay ${winner} cannot be compared with itself`)
    const row = beats[w] as Float64Array
    row[l] = (row[l] as number) + 1
    wins[w] = (wins[w] as number) + 1
    losses[l] = (losses[l] as number) + 1
  }

  const requested = options.priorPrecision ?? DEFAULT_PRIOR_PRECISION
  if (!(requested >= 0) || !Number.isFinite(requested)) throw new RangeError(`priorPrecision must be a finite number >= 0, got ${requested}`)
  const lambda = requested === 0 && !isStronglyConnected(beats) ? DEFAULT_PRIOR_PRECISION : requested
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS

  const theta = Float64Array.from(essayIds, (id) => options.initialTheta?.get(id) ?? 0)
  centre(theta)
  let current = penalisedObjective(beats, theta, lambda)
  let iterations = 0
  let converged = size <= 1
  const workspace = zeroMatrix(size)
  while (!converged && iterations < maxIterations) {
    iterations++
    const { gradient, information } = gradientAndInformation(beats, theta, lambda, workspace)
    const step = choleskySolve(choleskyInPlace(information), gradient)
    let scale = 1
    let candidate = new Float64Array(size)
    let next = current
    for (let halvings = 0; halvings <= 40; halvings++) {
      candidate = theta.map((value, i) => value + scale * (step[i] as number))
      centre(candidate)
      next = penalisedObjective(beats, candidate, lambda)
      if (next.objective >= current.objective - 1e-12 * Math.abs(current.objective)) break
      scale /= 2
    }
    const largestMove = candidate.reduce((largest, value, i) => Math.max(largest, Math.abs(value - (theta[i] as number))), 0)
    theta.set(candidate)
    current = next
    converged = largestMove < tolerance
  }

  const standardErrors = options.standardErrors === false ? new Float64Array(size).fill(Number.NaN) : centredStandardErrors(beats, theta, lambda)
  const order = essayIds
    .map((essayId, index) => ({ essayId, index }))
    .sort((a, b) => (theta[b.index] as number) - (theta[a.index] as number) || (a.essayId < b.essayId ? -1 : a.essayId > b.essayId ? 1 : 0))
  const rankOf = new Int32Array(size)
  order.forEach(({ index }, position) => {
    rankOf[index] = position + 1
  })

  return {
    essays: essayIds.map((essayId, index) => ({
      essayId,
      theta: theta[index] as number,
      standardError: standardErrors[index] as number,
      comparisons: (wins[index] as number) + (losses[index] as number),
      wins: wins[index] as number,
      losses: losses[index] as number,
      rank: rankOf[index] as number
    })),
    iterations,
    converged,
    priorPrecision: lambda,
    logLikelihood: current.logLikelihood
  }
}

/** √diag(P·(L + λI + J/n)⁻¹·P), using (P·C·P)_ii = C_ii − 2·mean(C_i·) + mean(C). */
const centredStandardErrors = (beats: SquareMatrix, theta: Float64Array, lambda: number): Float64Array => {
  const size = theta.length
  if (size <= 1) return new Float64Array(size)
  const covariance = inverseOfPositiveDefinite(gradientAndInformation(beats, theta, lambda).information)
  const rowMeans = covariance.map((row) => row.reduce((sum, value) => sum + value, 0) / size)
  const grandMean = rowMeans.reduce((sum, value) => sum + value, 0) / size
  return Float64Array.from(rowMeans, (rowMean, i) => Math.sqrt(Math.max(0, entry(covariance, i, i) - 2 * rowMean + grandMean)))
}
