import { describe, expect, it } from "vitest"
import { type BradleyTerryOutcome, DEFAULT_PRIOR_PRECISION, fitBradleyTerry } from "../../../src/sandbox/bradleyTerry.js"
import { kendallTau } from "../../../src/sandbox/rankAgreement.js"

const repeat = (winner: string, loser: string, times: number): Array<BradleyTerryOutcome> => Array.from({ length: times }, () => ({ winner, loser }))

/**
 * Hand-computed case. A beat B 2–1, B beat C 2–1, A beat C 4–1. The odds 2, 2 and 4 are
 * consistent (2·2 = 4), so θ = (ln 2, 0, −ln 2) reproduces every observed proportion
 * (2/3, 2/3, 4/5) exactly, which makes the score equations zero: it is the MLE.
 *
 * Information: weights n·p·(1 − p) are 3·(2/3)(1/3) = 2/3 for AB and BC, 5·(4/5)(1/5) = 4/5 for AC:
 *   L = [[22/15, −2/3, −4/5], [−2/3, 4/3, −2/3], [−4/5, −2/3, 22/15]].
 * Its eigenvectors orthogonal to 1 are (1, 0, −1)/√2 with eigenvalue 2/3 + 2·(4/5) = 34/15
 * and (1, −2, 1)/√6 with eigenvalue 2, so L⁺ = (15/34)·v1·v1ᵀ + (1/2)·v2·v2ᵀ and
 *   Var θA = Var θC = (15/34)(1/2) + (1/2)(1/6) = 31/102,  Var θB = (1/2)(4/6) = 1/3.
 */
const handCase = [...repeat("A", "B", 2), ...repeat("B", "A", 1), ...repeat("B", "C", 2), ...repeat("C", "B", 1), ...repeat("A", "C", 4), ...repeat("C", "A", 1)]

describe("Bradley–Terry fit", () => {
  it("matches the hand-computed MLE and its standard errors", () => {
    const fit = fitBradleyTerry(["A", "B", "C"], handCase, { priorPrecision: 0 })
    const [a, b, c] = fit.essays
    expect(fit.converged).toBe(true)
    expect(fit.priorPrecision).toBe(0)
    expect(a?.theta).toBeCloseTo(Math.log(2), 10)
    expect(b?.theta).toBeCloseTo(0, 10)
    expect(c?.theta).toBeCloseTo(-Math.log(2), 10)
    expect(a?.standardError).toBeCloseTo(Math.sqrt(31 / 102), 10)
    expect(b?.standardError).toBeCloseTo(Math.sqrt(1 / 3), 10)
    expect(c?.standardError).toBeCloseTo(Math.sqrt(31 / 102), 10)
    expect(fit.essays.map((essay) => [essay.rank, essay.wins, essay.losses, essay.comparisons])).toEqual([
      [1, 6, 2, 8],
      [2, 3, 3, 6],
      [3, 2, 6, 8]
    ])
    // log L = 2·ln(2/3) + ln(1/3) + 2·ln(2/3) + ln(1/3) + 4·ln(4/5) + ln(1/5)
    const expected = 4 * Math.log(2 / 3) + 2 * Math.log(1 / 3) + 4 * Math.log(4 / 5) + Math.log(1 / 5)
    expect(fit.logLikelihood).toBeCloseTo(expected, 10)
  })

  it("moves well-determined thetas only slightly with the default prior", () => {
    const fit = fitBradleyTerry(["A", "B", "C"], handCase)
    expect(fit.priorPrecision).toBe(DEFAULT_PRIOR_PRECISION)
    expect(Math.abs((fit.essays[0]?.theta ?? 0) - Math.log(2))).toBeLessThan(0.01)
    expect(fit.essays.reduce((sum, essay) => sum + essay.theta, 0)).toBeCloseTo(0, 12)
  })

  it("gives positive standard errors that halve when every comparison is seen four times as often", () => {
    const once = fitBradleyTerry(["A", "B", "C"], handCase, { priorPrecision: 0 })
    const fourTimes = fitBradleyTerry(["A", "B", "C"], [...handCase, ...handCase, ...handCase, ...handCase], { priorPrecision: 0 })
    once.essays.forEach((essay, index) => {
      expect(essay.standardError).toBeGreaterThan(0)
      expect(fourTimes.essays[index]?.theta).toBeCloseTo(essay.theta, 10)
      expect(fourTimes.essays[index]?.standardError).toBeCloseTo(essay.standardError / 2, 10)
    })
  })

  it("keeps an essay that won every comparison finite, and falls back to the prior when the MLE does not exist", () => {
    const others = ["B", "C", "D", "E", "F"]
    const ring = others.flatMap((essay, index) => {
      const next = others[(index + 1) % others.length] as string
      return [{ winner: essay, loser: next }, { winner: next, loser: essay }]
    })
    const outcomes = [...others.map((loser) => ({ winner: "A", loser })), ...ring]
    const fit = fitBradleyTerry(["A", ...others], outcomes, { priorPrecision: 0 })
    expect(fit.priorPrecision).toBe(DEFAULT_PRIOR_PRECISION)
    expect(fit.converged).toBe(true)
    const [top, ...rest] = fit.essays
    expect(top?.rank).toBe(1)
    expect(Number.isFinite(top?.theta)).toBe(true)
    expect((top?.theta ?? 0) - (rest[0]?.theta ?? 0)).toBeGreaterThan(3)
    expect((top?.theta ?? 0) - (rest[0]?.theta ?? 0)).toBeLessThan(6)
    expect(top?.standardError).toBeGreaterThan(rest[0]?.standardError ?? Infinity)
  })

  it("recovers the order of known strengths from many simulated comparisons", () => {
    const strengths = [-2, -1.2, -0.5, 0, 0.4, 1.1, 2]
    const ids = strengths.map((_, index) => `e${index}`)
    let state = 12345
    const uniform = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return state / 4294967296
    }
    const outcomes: Array<BradleyTerryOutcome> = []
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const iWins = uniform() < 1 / (1 + Math.exp((strengths[j] as number) - (strengths[i] as number)))
          outcomes.push(iWins ? { winner: ids[i] as string, loser: ids[j] as string } : { winner: ids[j] as string, loser: ids[i] as string })
        }
      }
    }
    const fit = fitBradleyTerry(ids, outcomes)
    expect(kendallTau(strengths, fit.essays.map((essay) => essay.theta))).toBe(1)
    const meanStrength = strengths.reduce((sum, value) => sum + value, 0) / strengths.length
    fit.essays.forEach((essay, index) => expect(Math.abs(essay.theta - ((strengths[index] as number) - meanStrength))).toBeLessThan(3 * essay.standardError))
    expect(fit.iterations).toBeLessThan(20)
  })

  it("rejects outcomes naming an essay it was not given", () => {
    expect(() => fitBradleyTerry(["A", "B"], [{ winner: "A", loser: "Z" }])).toThrow(/not in the list/)
    expect(() => fitBradleyTerry(["A", "A"], [])).toThrow(/listed twice/)
  })

  it("handles trivial batches", () => {
    expect(fitBradleyTerry([], []).essays).toEqual([])
    const single = fitBradleyTerry(["A"], [])
    expect(single.essays[0]).toMatchObject({ theta: 0, standardError: 0, rank: 1 })
  })
})

describe("Kendall's tau", () => {
  it("is 1 for the same order, −1 for the reverse and counts discordant pairs otherwise", () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1)
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1)
    // One swapped neighbour pair among 6: (5 − 1) / 6.
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12)
  })
})
