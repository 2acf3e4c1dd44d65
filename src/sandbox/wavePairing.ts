import type { CjSettings } from "./cjSettings.js"
import type { Random } from "../statistics/random.js"

/**
 * CJ's pair generation, wave by wave (cj_core_logic/pair_generation.py). Every essay of the
 * batch, anchors included, is a node; a wave pairs each essay with at most one other.
 *
 * - coverage: pairs never submitted before, weighted as CJ weighs them:
 *   w·(1/(1+cᵢ) + 1/(1+cⱼ)) + v·exp(−|bᵢ − bⱼ|) (the second term only when |bᵢ − bⱼ| < 2),
 *   c the comparisons submitted, b the current BT score, plus a jitter of up to 0.001. With an
 *   odd count, the essay with the most comparisons sits the wave out. CJ finds a maximum-weight
 *   matching (Blossom); this takes edges greedily by weight, which can leave a pair or two
 *   unmatched in a wave where Blossom would not.
 * - resampling: pairs already submitted, fewest comparisons first, each essay at most
 *   ⌈2·wave/n⌉ times.
 *
 * Slot A goes to the essay that has been in slot A less often (a coin toss when even), as
 * CJ's fair-complement orientation balances positions.
 */
export interface WaveEssay {
  readonly essayId: string
}

export interface WavePair {
  readonly essayA: string
  readonly essayB: string
}

export interface PairingState {
  /** Comparisons submitted per essay, failed ones included (CJ counts rows). */
  readonly counts: Map<string, number>
  /** Times each essay sat in slot A minus times in slot B. */
  readonly skew: Map<string, number>
  /** Unordered pairs submitted so far, keyed `lower|higher`. */
  readonly submitted: Set<string>
  /** Current BT scores; an essay without one counts as 0, as in CJ. */
  scores: ReadonlyMap<string, number>
}

export const emptyPairingState = (): PairingState => ({ counts: new Map(), skew: new Map(), submitted: new Set(), scores: new Map() })

export const pairKey = (first: string, second: string): string => (first < second ? `${first}|${second}` : `${second}|${first}`)

const countOf = (state: PairingState, id: string): number => state.counts.get(id) ?? 0

/** Orients the pairs and records them in the state. */
const submit = (pairs: ReadonlyArray<readonly [string, string]>, state: PairingState, random: Random): Array<WavePair> =>
  pairs.map(([first, second]) => {
    const firstSkew = state.skew.get(first) ?? 0
    const secondSkew = state.skew.get(second) ?? 0
    const firstInA = firstSkew === secondSkew ? random.chance(0.5) : firstSkew < secondSkew
    const [essayA, essayB] = firstInA ? [first, second] : [second, first]
    state.skew.set(essayA, (state.skew.get(essayA) ?? 0) + 1)
    state.skew.set(essayB, (state.skew.get(essayB) ?? 0) - 1)
    state.counts.set(essayA, countOf(state, essayA) + 1)
    state.counts.set(essayB, countOf(state, essayB) + 1)
    state.submitted.add(pairKey(essayA, essayB))
    return { essayA, essayB }
  })

export const coverageWave = (essays: ReadonlyArray<WaveEssay>, state: PairingState, limit: number, settings: CjSettings, random: Random): Array<WavePair> => {
  if (limit <= 0 || essays.length < 2) return []
  let nodes = essays.map((essay) => essay.essayId)
  if (nodes.length % 2 === 1) {
    const [sittingOut] = [...nodes].sort((a, b) => countOf(state, b) - countOf(state, a) || (a < b ? -1 : a > b ? 1 : 0))
    nodes = nodes.filter((id) => id !== sittingOut)
  }
  // Index-based arrays: this double loop is the sandbox's hottest path in a forecast.
  const size = nodes.length
  const counts = Float64Array.from(nodes, (id) => countOf(state, id))
  const scores = Float64Array.from(nodes, (id) => state.scores.get(id) ?? 0)
  const indexOf = new Map(nodes.map((id, i) => [id, i]))
  const used = new Uint8Array(size * size)
  for (const key of state.submitted) {
    const [first, second] = key.split("|") as [string, string]
    const i = indexOf.get(first)
    const j = indexOf.get(second)
    if (i !== undefined && j !== undefined) used[i * size + j] = used[j * size + i] = 1
  }
  // Heaviest first, by a native numeric sort of typed arrays: each key packs the weight (to 1e-9) and the edge index.
  const candidates = (size * (size - 1)) / 2
  const firsts = new Int32Array(candidates)
  const seconds = new Int32Array(candidates)
  const weights = new Float64Array(candidates)
  let edgeCount = 0
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      if (used[i * size + j] === 1) continue
      const fairness = 1 / (1 + (counts[i] as number)) + 1 / (1 + (counts[j] as number))
      const distance = Math.abs((scores[i] as number) - (scores[j] as number))
      const proximity = distance < 2 ? Math.exp(-distance) : 0
      firsts[edgeCount] = i
      seconds[edgeCount] = j
      weights[edgeCount] = settings.matchingWeightComparisonCount * fairness + settings.matchingWeightBtProximity * proximity + random.uniform() * 0.001
      edgeCount++
    }
  }
  const keys = new Float64Array(edgeCount)
  for (let edge = 0; edge < edgeCount; edge++) keys[edge] = -Math.round((weights[edge] as number) * 1e9) * edgeCount + edge
  keys.sort()
  const matched = new Uint8Array(size)
  const chosen: Array<readonly [string, string]> = []
  for (const key of keys) {
    if (chosen.length >= limit) break
    const edge = ((key % edgeCount) + edgeCount) % edgeCount
    const i = firsts[edge] as number
    const j = seconds[edge] as number
    if (matched[i] === 1 || matched[j] === 1) continue
    matched[i] = 1
    matched[j] = 1
    chosen.push([nodes[i] as string, nodes[j] as string])
  }
  return submit(chosen, state, random)
}

export const resamplingWave = (essays: ReadonlyArray<WaveEssay>, state: PairingState, limit: number, random: Random): Array<WavePair> => {
  const inBatch = new Set(essays.map((essay) => essay.essayId))
  const candidates = [...state.submitted]
    .map((key) => key.split("|") as [string, string])
    .filter(([first, second]) => inBatch.has(first) && inBatch.has(second))
    .map(([first, second]) => ({ first, second, load: countOf(state, first) + countOf(state, second), tie: random.uniform() }))
    .sort((x, y) => x.load - y.load || x.tie - y.tie)
  const wave = Math.max(0, Math.min(candidates.length, limit))
  if (wave === 0) return []
  const perEssay = Math.max(1, Math.ceil((2 * wave) / essays.length))
  const taken = new Map<string, number>()
  const chosen: Array<readonly [string, string]> = []
  for (const { first, second } of candidates) {
    if (chosen.length >= wave) break
    if ((taken.get(first) ?? 0) >= perEssay || (taken.get(second) ?? 0) >= perEssay) continue
    taken.set(first, (taken.get(first) ?? 0) + 1)
    taken.set(second, (taken.get(second) ?? 0) + 1)
    chosen.push([first, second])
  }
  return submit(chosen, state, random)
}
