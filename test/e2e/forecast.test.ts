import { mkdtempSync, readdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/cli.js"

const emptyDir = () => mkdtempSync(join(tmpdir(), "eng5-forecast-"))

describe("eng5 run plan --forecast on the example dataset", () => {
  it("reports per budget the expected SSR in its interval, the stable grades and the cost, as JSON", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--llm-provider", "anthropic", "--forecast-budgets", "120,40", "--forecast-judge-noise", "1.5", "--json"])
    expect(result.code).toBe(0)
    const { forecast } = JSON.parse(result.stdout)
    expect(forecast).toMatchObject({ runs: 20, judgeNoise: 1.5, students: 24, anchors: 12, budgetsSource: "--forecast-budgets" })
    expect(forecast.budgets.map((b: { budget: number }) => b.budget)).toEqual([40, 120])
    for (const budget of forecast.budgets) {
      expect(budget.ssr.low).toBeLessThanOrEqual(budget.ssr.mean)
      expect(budget.ssr.mean).toBeLessThanOrEqual(budget.ssr.high)
      expect(budget.stableGradeShare).toBeGreaterThan(0)
      expect(budget.estimatedCostUsd.low).toBeGreaterThan(0)
      expect(budget.estimatedCostUsd.high).toBeGreaterThanOrEqual(budget.estimatedCostUsd.low)
    }
    const [few, many] = forecast.budgets
    expect(many.ssr.mean).toBeGreaterThan(few.ssr.mean)
    expect(many.estimatedCostUsd.low).toBeGreaterThan(few.estimatedCostUsd.low)
  })

  it("defaults to five budgets up to --max-comparisons, and prints a table without --json", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--max-comparisons", "100", "--forecast"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Reliability forecast: 24 students, 12 anchors")
    expect(result.stdout).toMatch(/^100\s+100\s+0\.\d\d/m)
    expect(result.stdout).toContain("SSR 10–90%")
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
