import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import { CJ_DEFAULT_SETTINGS } from "../../../src/sandbox/cjSettings.js"
import { type BudgetForecast, forecastReliability } from "../../../src/sandbox/forecast.js"
import { CJ_CAP_SETTING, recommendBudget } from "../../../src/sandbox/forecastRecommendation.js"
import { runSimulation } from "../../../src/sandbox/simulateBatch.js"
import { splitHalfReliability } from "../../../src/statistics/reliability.js"
import { legacyScale } from "./exampleBatch.js"
import { requestFor } from "./sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "./syntheticEssays.js"

const essays = [...syntheticStudents(20, "forecast"), ...syntheticAnchors(["E+", "D+", "C+", "B", "A"], "forecast")]

describe("reliability forecast", () => {
  it.each([0.5, 1, 2, 4])("never forecasts a lower true reliability for a larger budget (judge noise %s)", (judgeNoise) => {
    const forecast = forecastReliability({ essays, gradeScale: legacyScale, budgets: [15, 30, 60, 120], runs: 8, seed: 3, judgeNoise, splits: 4 })
    const truths = forecast.budgets.map((b) => b.trueReliability?.mean ?? Number.NaN)
    truths.slice(1).forEach((truth, i) => expect(truth).toBeGreaterThanOrEqual(truths[i] as number))
  })

  it("is calibrated: the split-half reliability of 10 sandbox rehearsals falls inside the forecast's 10–90% interval at least 6 times", () => {
    const budget = 60
    const [forecast] = forecastReliability({ essays, gradeScale: legacyScale, budgets: [budget], runs: 20, seed: 4 }).budgets
    const interval = forecast?.splitHalf
    if (interval === null || interval === undefined) throw new Error("no split-half forecast")
    const inside = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110].filter((seed) => {
      const outcome = runSimulation(requestFor(essays, { maxComparisons: budget }), essays, { seed, gradeScale: legacyScale, now: () => new Date(), newUuid: randomUUID })
      const outcomes = outcome.comparisons.filter((c) => c.succeeded).map(({ pair, judgement }) => (judgement.winner === "A" ? { winner: pair.essayA, loser: pair.essayB } : { winner: pair.essayB, loser: pair.essayA }))
      const refs = outcome.essays.map((e) => ({ essayId: e.essayId, isAnchor: e.isAnchor }))
      const realised = splitHalfReliability(refs, outcomes, { seed })?.median ?? Number.NaN
      return realised >= interval.low && realised <= interval.high
    })
    expect(inside.length).toBeGreaterThanOrEqual(6)
  })

  it("gives no SSR where CJ's scores cannot support one, and intervals that hold their mean", () => {
    const forecast = forecastReliability({ essays, gradeScale: legacyScale, budgets: [10, 240], runs: 6, seed: 1, splits: 4, judgeNoise: 4 })
    const [few, many] = forecast.budgets as [BudgetForecast, BudgetForecast]
    expect(few.ssr).toBeNull()
    expect(few.ssrEstimableShare).toBeLessThan(0.5)
    expect(many.ssr).not.toBeNull()
    for (const measure of [many.ssr, many.splitHalf, many.trueReliability, many.stableGradeShare]) {
      expect(measure?.low).toBeLessThanOrEqual(measure?.mean ?? Number.NaN)
      expect(measure?.mean).toBeLessThanOrEqual(measure?.high ?? Number.NaN)
    }
    expect(many.comparisonsPerEssay).toBeCloseTo((2 * many.meanComparisons) / essays.length, 12)
    // Rehearsals grade some students differently: the grades come from each rehearsal's own scores.
    expect(many.stableGradeShare?.mean).toBeLessThan(0.95)
    expect(many.stableGradeShare?.mean).toBeGreaterThan(0.05)
  })

  it("prices each budget through the cost seam, and rehearses a budget above CJ's cap as if the cap were raised", () => {
    const priced = forecastReliability({ essays, gradeScale: legacyScale, budgets: [60], runs: 2, seed: 1, splits: 2, costOfComparisons: (n) => ({ low: n * 0.01, high: n * 0.02 }) })
    expect(priced.budgets[0]?.estimatedCostUsd).toEqual({ low: 0.6, high: 1.2 })
    const raised = forecastReliability({ essays, gradeScale: legacyScale, budgets: [200], runs: 2, seed: 1, splits: 2, settings: CJ_DEFAULT_SETTINGS })
    expect(raised.budgets[0]).toMatchObject({ comparisons: 200, capRaised: true, meanComparisons: 200, estimatedCostUsd: null })
  })

  it("stops after the first budget that reaches the target, once past the run's own budget", () => {
    const forecast = forecastReliability({ essays, gradeScale: legacyScale, budgets: [30, 60, 120, 240], runs: 4, seed: 1, splits: 2, stopWhen: { trueReliability: 0.3, notBefore: 60 } })
    expect(forecast.budgets.map((b) => b.comparisons)).toEqual([30, 60])
  })
})

const budget = (b: number, truth: number, perEssay: number): BudgetForecast => ({
    comparisons: b,
    capRaised: b > 120,
    meanComparisons: b,
    comparisonsPerEssay: perEssay,
    ssr: null,
    ssrEstimableShare: 0,
    splitHalf: null,
    trueReliability: { mean: truth, low: truth - 0.1, high: truth + 0.1 },
    stableGradeShare: null,
  estimatedCostUsd: null
})

describe("the forecast's recommendation", () => {
  const cohort = { students: 200, anchors: 12, cjCap: 120 }

  it("names the smallest budget that reaches the target and says it fits CJ's cap", () => {
    const advice = recommendBudget([budget(60, 0.5, 1), budget(110, 0.82, 2), budget(220, 0.9, 4)], 0.8, cohort)
    expect(advice).toMatchObject({ target: 0.8, budget: 110, withinCjCap: true })
    expect(advice.advice).toContain("--max-comparisons 110")
  })

  it("above CJ's cap names the setting to raise and how to split the cohort", () => {
    const advice = recommendBudget([budget(106, 0.4, 1), budget(1060, 0.81, 10)], 0.8, cohort)
    expect(advice).toMatchObject({ budget: 1060, withinCjCap: false })
    expect(advice.advice).toContain(`${CJ_CAP_SETTING} to at least 1060`)
    // At 10 comparisons per essay a batch of g students and 12 anchors needs 5·(g + 12) ≤ 120: g = 12.
    expect(advice.advice).toContain("17 batches of at most 12 students")
  })

  it("says when no budget reaches the target, and how far the best got", () => {
    const advice = recommendBudget([budget(60, 0.4, 1), budget(120, 0.6, 2)], 0.8, cohort)
    expect(advice).toMatchObject({ budget: null, withinCjCap: null })
    expect(advice.advice).toContain("the best, 120, reaches 0.60")
  })
})
