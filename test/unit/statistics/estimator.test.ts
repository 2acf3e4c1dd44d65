import { describe, expect, it } from "vitest"
import { scoreLikeCj } from "../../../src/statistics/cjScoring.js"
import { cjStandardErrors } from "../../../src/statistics/cjStandardErrors.js"

const times = (n: number, winner: string, loser: string) => Array.from({ length: n }, () => ({ winner, loser }))
const essays = (...ids: ReadonlyArray<string>) => ids.map((essayId) => ({ essayId, isAnchor: essayId.startsWith("ANCHOR") }))

describe("CJ's estimator", () => {
  it("centres θ on every essay of the batch, the never-compared ones included", () => {
    const scoring = scoreLikeCj(essays("a", "b", "c", "idle"), [...times(3, "a", "b"), ...times(2, "b", "c"), ...times(1, "c", "a")])
    expect(scoring.essays.reduce((sum, e) => sum + e.theta, 0)).toBeCloseTo(0, 12)
    const idle = scoring.essays.find((e) => e.essayId === "idle")
    expect(idle?.comparisons).toBe(0)
    expect(scoring.essays.map((e) => e.essayId)).toEqual(["a", "b", "c", "idle"])
    expect(scoring.essays.map((e) => e.rank).slice(0, 3)).toEqual([1, 3, 4])
    expect(idle?.theta).toBeGreaterThan(-0.5)
  })

  it("keeps an essay that won everything finite, through CJ's prior", () => {
    const scoring = scoreLikeCj(essays("top", "x", "y"), [...times(5, "top", "x"), ...times(5, "top", "y"), ...times(2, "x", "y"), ...times(2, "y", "x")])
    const top = scoring.essays.find((e) => e.essayId === "top")
    expect(Number.isFinite(top?.theta)).toBe(true)
    expect(top?.theta).toBeGreaterThan(2)
  })

  it("finds the same θ from any start", () => {
    const outcomes = [...times(4, "a", "b"), ...times(1, "b", "a"), ...times(2, "b", "c"), ...times(3, "c", "d"), ...times(1, "d", "a")]
    const cold = scoreLikeCj(essays("a", "b", "c", "d"), outcomes)
    const warm = scoreLikeCj(essays("a", "b", "c", "d"), outcomes, { initialTheta: new Map([["a", 9], ["d", -9]]) })
    cold.essays.forEach((essay, i) => expect(warm.essays[i]?.theta).toBeCloseTo(essay.theta, 10))
  })

  it("leaves out comparisons of essays not in the batch, as CJ does", () => {
    const scoring = scoreLikeCj(essays("a", "b"), [...times(2, "a", "b"), { winner: "a", loser: "stranger" }])
    expect(scoring.outcomes).toHaveLength(2)
    expect(scoring.essays.map((e) => e.comparisons)).toEqual([2, 2])
  })
})

describe("CJ's standard errors", () => {
  it("hold the last anchor by id as the reference, with SE 0", () => {
    const scoring = scoreLikeCj(essays("ANCHOR_1", "ANCHOR_2", "s1", "s2"), [...times(2, "s1", "ANCHOR_1"), ...times(1, "ANCHOR_1", "s1"), ...times(2, "ANCHOR_2", "s2"), ...times(1, "s2", "s1"), ...times(1, "s1", "s2")])
    expect(scoring.reference).toBe("ANCHOR_2")
    expect(scoring.essays.find((e) => e.essayId === "ANCHOR_2")?.standardError).toBe(0)
    expect(scoring.essays.find((e) => e.essayId === "s1")?.standardError).toBeGreaterThan(0)
  })

  it("invert the information of a pair by hand: one pair compared n times at θ difference 0 gives SE 2/√n", () => {
    const errors = cjStandardErrors([0, 0], [...Array(4)].map(() => ({ winner: 0, loser: 1 })), 1)
    expect(errors[0]).toBeCloseTo(1, 12)
    expect(errors[1]).toBe(0)
  })

  it("cap at 2 logits, ignore pairs more than 10 logits apart, and give 0.5 everywhere without comparisons", () => {
    expect(cjStandardErrors([0, 0], [{ winner: 0, loser: 1 }], 1)[0]).toBe(2)
    expect(cjStandardErrors([6, -6, 0], [{ winner: 0, loser: 1 }, { winner: 2, loser: 1 }], 2)[0]).toBe(0)
    expect([...cjStandardErrors([0, 0, 0], [], 2)]).toEqual([0.5, 0.5, 0.5])
  })
})
