import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import { scaleSeparationReliability } from "../../../src/domain/reliability.js"
import { CJ_DEFAULT_SETTINGS } from "../../../src/sandbox/cjSettings.js"
import { forecastReliability } from "../../../src/sandbox/forecast.js"
import { runSimulation } from "../../../src/sandbox/simulateBatch.js"
import { legacyScale } from "./exampleBatch.js"
import { requestFor } from "./sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "./syntheticEssays.js"

const essays = [...syntheticStudents(20, "forecast"), ...syntheticAnchors(["E+", "D+", "C+", "B", "A"], "forecast")]

describe("reliability forecast", () => {
  it("forecasts an SSR interval that holds the SSR the sandbox then measures across seeds", () => {
    const forecast = forecastReliability({ essays, gradeScale: legacyScale, budgets: [60, 120], runs: 12, seed: 4 })
    for (const budget of forecast.budgets) {
      const measured = [101, 102, 103, 104, 105, 106].map((seed) => {
        const outcome = runSimulation(requestFor(essays, { maxComparisons: budget.budget }), essays, { seed, gradeScale: legacyScale, now: () => new Date(), newUuid: randomUUID })
        const students = (outcome.fit?.essays ?? []).filter((e) => !e.essayId.startsWith("ANCHOR_"))
        return scaleSeparationReliability(students) ?? 0
      })
      const mean = measured.reduce((sum, s) => sum + s, 0) / measured.length
      expect(mean).toBeGreaterThanOrEqual(budget.ssr.low)
      expect(mean).toBeLessThanOrEqual(budget.ssr.high)
    }
    expect((forecast.budgets[1]?.ssr.mean ?? 0)).toBeGreaterThan(forecast.budgets[0]?.ssr.mean ?? 1)
  })

  it("reports the share of stable grades, a noisier judge lowering it, and no cost without an estimate", () => {
    const steady = forecastReliability({ essays, gradeScale: legacyScale, budgets: [120], runs: 8, seed: 1 })
    const noisy = forecastReliability({ essays, gradeScale: legacyScale, budgets: [120], runs: 8, seed: 1, judgeNoise: 3 })
    expect(steady.budgets[0]?.stableGradeShare).toBeGreaterThan(0)
    expect(noisy.budgets[0]?.ssr.mean ?? 1).toBeLessThan(steady.budgets[0]?.ssr.mean ?? 0)
    expect(steady.budgets[0]?.estimatedCostUsd).toBeNull()
    const priced = forecastReliability({ essays, gradeScale: legacyScale, budgets: [60], runs: 2, seed: 1, costOfComparisons: (n) => ({ low: n * 0.01, high: n * 0.02 }) })
    expect(priced.budgets[0]?.estimatedCostUsd?.low).toBeCloseTo(0.6, 9)
    expect(priced.budgets[0]?.estimatedCostUsd?.high).toBeCloseTo(1.2, 9)
  })

  it("simulates a budget above CJ's cap as if the cap were raised, and says so", () => {
    const forecast = forecastReliability({ essays, gradeScale: legacyScale, budgets: [200], runs: 2, seed: 1, settings: CJ_DEFAULT_SETTINGS })
    expect(forecast.budgets[0]).toMatchObject({ budget: 200, capRaised: true, meanComparisons: 200 })
  })
})
