import { describe, expect, it } from "vitest"
import { kendallTauB } from "../../../src/statistics/kendallTauB.js"
import { type RankedGroup, repeatedTauB } from "../../../src/statistics/repeatedTauB.js"

/** Items a..h with known orders 8..1 (a is best). */
const ITEMS = ["a", "b", "c", "d", "e", "f", "g", "h"]
const truth = new Map(ITEMS.map((item, index) => [item, ITEMS.length - index]))
/** A ranking: the items in the order given, best first, as scores. */
const ranking = (order: ReadonlyArray<string>) => new Map(order.map((item, index) => [item, order.length - index]))
const tauOf = (order: ReadonlyArray<string>) => kendallTauB(order.map((item, index) => [order.length - index, truth.get(item) ?? 0] as const)).value ?? Number.NaN

const perfect = ranking(ITEMS)
const oneSwap = ranking(["b", "a", "c", "d", "e", "f", "g", "h"])
const shuffled = ranking(["c", "a", "f", "b", "h", "d", "e", "g"])

describe("Kendall's τ-b over repeated rankings with bootstrap intervals", () => {
  it("is the mean of the repeats' τ-b", () => {
    const { groups } = repeatedTauB([{ truth, repeats: [oneSwap, shuffled] }], [], { seed: 1, replicates: 200 })
    expect(groups[0]?.value).toBeCloseTo((tauOf(["b", "a", "c", "d", "e", "f", "g", "h"]) + tauOf(["c", "a", "f", "b", "h", "d", "e", "g"])) / 2, 12)
  })

  it("gives a perfect ranking the interval [1, 1]: a resampled item only adds ties, which τ-b leaves out", () => {
    const { groups } = repeatedTauB([{ truth, repeats: [perfect, perfect] }], [], { seed: 1, replicates: 300 })
    expect(groups[0]).toEqual({ value: 1, interval: { low: 1, high: 1, level: 0.95 } })
  })

  it("holds the estimate inside its interval, and a noisier ranking gets a wider one", () => {
    const { groups } = repeatedTauB([{ truth, repeats: [oneSwap] }, { truth, repeats: [shuffled, oneSwap] }], [], { seed: 3, replicates: 1000 })
    for (const group of groups) {
      expect(group.interval?.low).toBeLessThanOrEqual(group.value ?? Number.NaN)
      expect(group.interval?.high).toBeGreaterThanOrEqual(group.value ?? Number.NaN)
    }
    const width = (index: number) => (groups[index]?.interval?.high ?? 0) - (groups[index]?.interval?.low ?? 0)
    expect(width(1)).toBeGreaterThan(width(0))
  })

  it("pairs the difference by item: two groups with the same ranking differ by exactly 0 in every replicate", () => {
    const same: RankedGroup = { truth, repeats: [shuffled] }
    const { differences } = repeatedTauB([same, same], [[1, 0]], { seed: 5, replicates: 500 })
    expect(differences[0]).toEqual({ value: 0, interval: { low: 0, high: 0, level: 0.95 } })
  })

  it("puts the difference of a clearly better ranking above 0", () => {
    const worse = ranking(["h", "c", "a", "f", "b", "g", "d", "e"])
    const { differences } = repeatedTauB([{ truth, repeats: [worse, worse] }, { truth, repeats: [perfect, oneSwap] }], [[1, 0]], { seed: 7, replicates: 1000 })
    expect(differences[0]?.value).toBeGreaterThan(0.5)
    expect(differences[0]?.interval?.low).toBeGreaterThan(0)
  })

  it("is reproducible from its seed", () => {
    const groups = [{ truth, repeats: [shuffled, oneSwap] }]
    expect(repeatedTauB(groups, [], { seed: "x", replicates: 300 })).toEqual(repeatedTauB(groups, [], { seed: "x", replicates: 300 }))
  })

  it("gives no value and no interval to a group without repeats or with fewer than two graded items", () => {
    const { groups } = repeatedTauB([{ truth, repeats: [] }, { truth: new Map([["a", 1]]), repeats: [ranking(["a"])] }], [], { seed: 1, replicates: 100 })
    expect(groups).toEqual([{ value: null, interval: null }, { value: null, interval: null }])
  })
})
