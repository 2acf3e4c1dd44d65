import { mkdtempSync, readdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/cli.js"

const emptyDir = () => mkdtempSync(join(tmpdir(), "eng5-forecast-"))

interface IntervalJson {
  readonly mean: number
  readonly low: number
  readonly high: number
}
const holdsItsMean = (interval: IntervalJson) => {
  expect(interval.low).toBeLessThanOrEqual(interval.mean + 1e-12)
  expect(interval.mean).toBeLessThanOrEqual(interval.high)
}

describe("eng5 run plan --forecast on the example dataset", () => {
  it("reports per budget the reliabilities CJ's numbers will show, with intervals, the grade agreement and the cost, as JSON", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--llm-provider", "anthropic", "--forecast-budgets", "120,40", "--forecast-judge-noise", "1.5", "--json"])
    expect(result.code).toBe(0)
    const { forecast } = JSON.parse(result.stdout)
    expect(forecast).toMatchObject({ runs: 20, judgeNoise: 1.5, students: 24, anchors: 12, budgetsSource: "--forecast-budgets" })
    expect(forecast.budgets.map((b: { comparisons: number }) => b.comparisons)).toEqual([40, 120])
    for (const budget of forecast.budgets) {
      // SSR is given exactly when most rehearsals can support one.
      expect(budget.ssr === null).toBe(budget.ssrEstimableShare <= 0.5)
      for (const measure of [budget.splitHalf, budget.trueReliability, budget.stableGradeShare, ...(budget.ssr === null ? [] : [budget.ssr])]) holdsItsMean(measure)
      expect(budget.estimatedCostUsd.low).toBeGreaterThan(0)
      expect(budget.estimatedCostUsd.high).toBeGreaterThanOrEqual(budget.estimatedCostUsd.low)
    }
    const [few, many] = forecast.budgets
    expect(many.trueReliability.mean).toBeGreaterThan(few.trueReliability.mean)
    expect(many.estimatedCostUsd.low).toBeGreaterThan(few.estimatedCostUsd.low)
    const reaching = forecast.budgets.find((b: { trueReliability: IntervalJson }) => b.trueReliability.mean >= 0.8)
    expect(forecast.recommendation).toMatchObject({ target: 0.8, budget: reaching?.comparisons ?? null })
  })

  it("by default climbs in comparisons per essay until the target, and says whether CJ's cap allows it", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--forecast-target", "0.7", "--json"])
    expect(result.code).toBe(0)
    const { forecast } = JSON.parse(result.stdout)
    expect(forecast.budgetsSource).toBe("comparisons_per_essay")
    const budgets = forecast.budgets.map((b: { comparisons: number }) => b.comparisons)
    // 36 essays: 1, 2, 3, … comparisons per essay are 18, 36, 54, … comparisons; CJ's own 120 is always there.
    expect(budgets.slice(0, 2)).toEqual([18, 36])
    expect(budgets).toContain(120)
    const { recommendation } = forecast
    const reaching = forecast.budgets.find((b: { trueReliability: IntervalJson }) => b.trueReliability.mean >= 0.7)
    expect(recommendation).toEqual({ target: 0.7, budget: reaching.comparisons, withinCjCap: reaching.comparisons <= 120, advice: expect.any(String) })
    // The forecast stops at the first budget past CJ's 120 that reaches the target.
    expect(forecast.budgets.at(-1).comparisons === 120 || forecast.budgets.at(-1).trueReliability.mean >= 0.7).toBe(true)
  })

  it("prints a table without --json, with the target's advice and no threshold beside a number that misses it", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--max-comparisons", "100", "--forecast-budgets", "50,100"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Reliability forecast: 24 students, 12 anchors")
    expect(result.stdout).toMatch(/^100\s+5\.6\s+/m)
    expect(result.stdout).toContain("Split-half")
    expect(result.stdout).toMatch(/^Target 0\.8: /m)
    expect(result.stdout).not.toContain("usual for grading")
  })

  it("dry-run --forecast --json carries the forecast beside its run folder", () => {
    const result = runCli(["run", "dry-run", "--assets", "examples/eng5", "--output-dir", emptyDir(), "--forecast-budgets", "60", "--json"])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.forecast.budgets).toHaveLength(1)
    expect(report.forecast.budgets[0].estimatedCostUsd).toBeNull()
  })
})

describe("bad forecast and sandbox CJ values: exit 2 naming the flag, nothing run", () => {
  const forecastCases: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
    ["--forecast-budgets", ["--forecast-budgets", "40,abc"]],
    ["--forecast-budgets", ["--forecast-budgets", "0,80"]],
    ["--forecast-budgets", ["--forecast-budgets", "40,,80"]],
    ["--forecast-target", ["--forecast-target", "1.2"]],
    ["--forecast-judge-noise", ["--forecast-judge-noise", "0"]],
    ["--forecast-judge-noise", ["--forecast-judge-noise", "loud"]]
  ]
  it.each(forecastCases)("%s %j", (flag, args) => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", ...args, "--json"])
    expect(result.code).toBe(2)
    const { error } = JSON.parse(result.stdout)
    expect(error.tag).toBe("InvalidFlag")
    expect(error.message).toContain(flag)
    expect(error.fix).toContain(flag)
  })

  const sandboxCases: ReadonlyArray<readonly [string, string]> = [
    ["--sandbox-max-pairwise-comparisons", "0"],
    ["--sandbox-max-pairwise-comparisons", "12.5"],
    ["--sandbox-min-comparisons-for-stability-check", "-1"],
    ["--sandbox-score-stability-threshold", "fast"],
    ["--sandbox-min-success-rate-threshold", "1.5"],
    ["--sandbox-batch-monitor-interval-minutes", "0"]
  ]
  it.each(sandboxCases)("%s %s", (flag, value) => {
    const out = emptyDir()
    const result = runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--output-dir", out, `${flag}=${value}`, "--json"])
    expect(result.code).toBe(2)
    const { error } = JSON.parse(result.stdout)
    expect(error.message).toContain(flag)
    expect(error.fix).toContain(flag)
    expect(readdirSync(out)).toEqual([])
  })
})
