import { describe, expect, it } from "vitest"
import { type CjScoring, scoreLikeCj } from "../../../src/statistics/cjScoring.js"
import { createRandom } from "../../../src/statistics/random.js"
import { scaleSeparation, splitHalfReliability } from "../../../src/statistics/reliability.js"
import { strongComponents } from "../../../src/statistics/winGraph.js"

const student = (essayId: string, theta: number, standardError: number, comparisons = 10) => ({ essayId, isAnchor: false, theta, standardError, comparisons, wins: 0, losses: 0, rank: 1 })

/** A hand-made scoring: the essays given, and outcomes by index. */
const scoring = (essays: CjScoring["essays"], outcomes: ReadonlyArray<readonly [number, number]>): CjScoring => ({
  essays,
  reference: undefined,
  outcomes: outcomes.map(([winner, loser]) => ({ winner, loser }))
})
const cycle: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 2],
  [2, 0]
]

describe("strongly connected parts of the win/loss graph", () => {
  it("puts a cycle in one part and an essay that only won in a part of its own", () => {
    const parts = strongComponents(4, [...cycle, [3, 0]].map(([winner, loser]) => ({ winner, loser })))
    expect(parts[0]).toBe(parts[1])
    expect(parts[1]).toBe(parts[2])
    expect(parts[3]).not.toBe(parts[0])
  })
})

describe("scale separation reliability", () => {
  it("matches a hand-computed case: θ = (−1, 0, 1), SE 0.5 each, in one part, gives (2/3 − 1/4) / (2/3) = 0.625", () => {
    const result = scaleSeparation(scoring([student("a", -1, 0.5), student("b", 0, 0.5), student("c", 1, 0.5)], cycle))
    expect(result.ssr).toBeCloseTo(0.625, 12)
    expect(result).toMatchObject({ notEstimableReason: null, largestComponentShare: 1 })
  })

  it("is null with the reason, never clamped, when the errors are as large as the spread", () => {
    const result = scaleSeparation(scoring([student("a", -0.1, 1), student("b", 0, 1), student("c", 0.1, 1)], cycle))
    expect(result.ssr).toBeNull()
    expect(result.notEstimableReason).toMatch(/as large as the spread/)
  })

  it("is null when most students won or lost everything, and reports the share that is connected", () => {
    // a beat b, c and d: four parts of one student each.
    const result = scaleSeparation(scoring([student("a", 3, 0.5), student("b", -1, 0.5), student("c", -1, 0.5), student("d", -1, 0.5)], [[0, 1], [0, 2], [0, 3]]))
    expect(result.ssr).toBeNull()
    expect(result.largestComponentShare).toBe(0.25)
    expect(result.notEstimableReason).toMatch(/only 25% of the students/)
  })

  it("is null when a student's SE sits at CJ's cap, and with fewer than two students compared", () => {
    expect(scaleSeparation(scoring([student("a", -2, 2), student("b", 0, 0.5), student("c", 2, 0.5)], cycle)).notEstimableReason).toMatch(/cap of 2/)
    expect(scaleSeparation(scoring([student("a", 0, 0.5), student("b", 1, 0.5, 0)], [])).notEstimableReason).toMatch(/1 student compared/)
  })
})

describe("split-half reliability", () => {
  const essays = Array.from({ length: 20 }, (_, i) => ({ essayId: `s${String(i).padStart(2, "0")}`, isAnchor: false }))
  const compare = (strength: (index: number) => number, seed: string, count: number) => {
    const random = createRandom(seed)
    return Array.from({ length: count }, () => {
      const i = random.integerBetween(0, 19)
      const j = (i + random.integerBetween(1, 19)) % 20
      const p = 1 / (1 + Math.exp(strength(j) - strength(i)))
      const [winner, loser] = random.chance(p) ? [i, j] : [j, i]
      return { winner: (essays[winner] as { essayId: string }).essayId, loser: (essays[loser] as { essayId: string }).essayId }
    })
  }

  it("is high when the comparisons follow clear differences and near 0 when they are coin tosses", () => {
    const clear = splitHalfReliability(essays, compare((i) => (i - 10) / 2, "clear", 300), { seed: 1, splits: 40 })
    const coins = splitHalfReliability(essays, compare(() => 0, "coins", 300), { seed: 1, splits: 40 })
    expect(clear?.median).toBeGreaterThan(0.85)
    expect(Math.abs(coins?.median ?? 1)).toBeLessThan(0.35)
    expect(clear?.low).toBeLessThanOrEqual(clear?.median ?? 0)
    expect(clear?.high).toBeGreaterThanOrEqual(clear?.median ?? 1)
    expect(clear?.splits).toBe(40)
  })

  it("gives the same figures for the same seed, whatever the estimator starts from", () => {
    const outcomes = compare((i) => i / 4, "seeded", 120)
    const start = new Map(scoreLikeCj(essays, outcomes).essays.map((e) => [e.essayId, e.theta]))
    const first = splitHalfReliability(essays, outcomes, { seed: "run-1", splits: 10 })
    const again = splitHalfReliability(essays, outcomes, { seed: "run-1", splits: 10, start })
    expect(again?.median).toBeCloseTo(first?.median ?? Number.NaN, 8)
  })

  it("is null with too few comparisons or students", () => {
    expect(splitHalfReliability(essays, compare(() => 0, "few", 3), { seed: 1 })).toBeNull()
    expect(splitHalfReliability(essays.slice(0, 1), [], { seed: 1 })).toBeNull()
  })
})
