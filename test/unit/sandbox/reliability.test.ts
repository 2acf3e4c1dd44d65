import { describe, expect, it } from "vitest"
import { batchReliability, MIN_TRUSTED_COMPARISONS, scaleSeparationReliability, standardErrorsAt } from "../../../src/domain/reliability.js"
import { fitBradleyTerry } from "../../../src/sandbox/bradleyTerry.js"

const times = (n: number, winner: string, loser: string) => Array.from({ length: n }, () => ({ winner, loser }))

describe("scale separation reliability", () => {
  it("matches a hand-computed case: θ = (−1, 0, 1), SE 0.5 each, gives (2/3 − 1/4) / (2/3) = 0.625", () => {
    const ssr = scaleSeparationReliability([-1, 0, 1].map((theta) => ({ theta, standardError: 0.5 })))
    expect(ssr).toBeCloseTo(0.625, 12)
  })

  it("is 0, not negative, when the errors exceed the spread, and null below two essays", () => {
    expect(scaleSeparationReliability([{ theta: -0.1, standardError: 2 }, { theta: 0.1, standardError: 2 }])).toBe(0)
    expect(scaleSeparationReliability([{ theta: 0, standardError: 1 }])).toBeNull()
  })

  it("takes standard errors from the comparison graph that agree with the BT fit's", () => {
    // A beat B 2–1, B beat C 2–1, A beat C 4–1 (the fit's own hand-computed case).
    const outcomes = [...times(2, "A", "B"), ...times(1, "B", "A"), ...times(2, "B", "C"), ...times(1, "C", "B"), ...times(4, "A", "C"), ...times(1, "C", "A")]
    const fit = fitBradleyTerry(["A", "B", "C"], outcomes)
    const errors = standardErrorsAt(fit.essays.map((e) => ({ essayId: e.essayId, theta: e.theta, isAnchor: false })), new Map([["A|B", 3], ["B|C", 3], ["A|C", 5]]))
    for (const essay of fit.essays) expect(errors.get(essay.essayId)).toBeCloseTo(essay.standardError, 6)
  })

  it("names students with fewer than 7 successful comparisons, and leaves anchors out of the SSR", () => {
    const essays = [
      { essayId: "s1", theta: 1, isAnchor: false },
      { essayId: "s2", theta: -1, isAnchor: false },
      { essayId: "s3", theta: 0, isAnchor: false },
      { essayId: "a1", theta: 0.5, isAnchor: true }
    ]
    const pairs = new Map([["s1|s2", 8], ["s1|s3", 1], ["a1|s2", 2]])
    const reliability = batchReliability(essays, pairs)
    expect(MIN_TRUSTED_COMPARISONS).toBe(7)
    expect(reliability.students).toBe(3)
    expect(reliability.underCompared.map((e) => [e.essayId, e.comparisons])).toEqual([["s3", 1]])
  })
})
