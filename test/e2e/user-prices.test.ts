/**
 * Costs that can always be capped: a missing or $0 price is unknown, and the user's own prices
 * (flags or .env) drive the estimate, --max-cost-usd, the forecast's cost column, the summary and
 * the artefact. The sandbox bills the prompt length the estimate assumes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { REPO_ROOT, runCli } from "../support/cli.js"

const EXAMPLE = join(REPO_ROOT, "examples", "eng5")
const PRICES = ["--usd-per-1k-input", "0.002", "--usd-per-1k-output", "0.01"]
const emptyDir = () => mkdtempSync(join(tmpdir(), "eng5-prices-"))

describe("the user's prices", () => {
  it("price CJ's default model in the plan's estimate and the forecast's cost column, marked as the user's", () => {
    const result = runCli(["run", "plan", "--assets", EXAMPLE, ...PRICES, "--forecast-budgets", "20", "--json"])
    expect(result.code).toBe(0)
    const plan = JSON.parse(result.stdout)
    expect(plan.costEstimate.lines[0].model).toBe("gpt-5.1")
    expect(plan.costEstimate.prices).toEqual({ source: "user_supplied", usd_per_1k_input: 0.002, usd_per_1k_output: 0.01 })
    expect(plan.costEstimate.usd.low).toBeGreaterThan(0)
    expect(plan.forecast.budgets[0].estimatedCostUsd.low).toBeGreaterThan(0)
  })

  it("come from .env when no flag names them", () => {
    const cwd = emptyDir()
    writeFileSync(join(cwd, ".env"), "ENG5_USD_PER_1K_INPUT=0.002\nENG5_USD_PER_1K_OUTPUT=0.01\n")
    const result = runCli(["run", "plan", "--assets", EXAMPLE, "--json"], { cwd })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).costEstimate.prices.source).toBe("user_supplied")
  })

  it("let --max-cost-usd cap the default model; the summary, the artefact, the HTML report and runs list give the cost at them", () => {
    const out = emptyDir()
    const result = runCli(["run", "execute", "--sandbox", "--assets", EXAMPLE, "--output-dir", out, "--max-comparisons", "30", "--max-cost-usd", "5", ...PRICES])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Cost: \$\d+\.\d+ at your prices \(\$0\.002\/1k prompt, \$0\.01\/1k completion tokens; the platform reported \$0\.00\)/)
    const artefactPath = /artefact {2}(\S+)/.exec(result.stdout)?.[1] ?? ""
    const artefact = JSON.parse(readFileSync(artefactPath, "utf8"))
    expect(artefact.costs.estimate.prices.source).toBe("user_supplied")
    expect(artefact.costs.total_usd_at_user_prices).toBeGreaterThan(0)
    expect(artefactSchemaErrors(artefact)).toEqual([])
    const atUserPrices = `${artefact.costs.total_usd_at_user_prices.toFixed(4)} at your prices`
    expect(readFileSync(join(dirname(artefactPath), "reports", "report.html"), "utf8")).toContain(`<td>${atUserPrices}`)
    const [listed] = JSON.parse(runCli(["runs", "list", "--output-dir", out, "--json"]).stdout).runs
    expect(listed.costUsd).toBe(artefact.costs.total_usd_at_user_prices)
  })

  it("a model priced $0 in the manifest is unknown: --max-cost-usd refuses it (exit 2) and names the price flags", () => {
    const result = runCli(["run", "execute", "--sandbox", "--assets", EXAMPLE, "--output-dir", emptyDir(), "--llm-provider", "google", "--llm-model", "gemini-2.5-flash-preview-05-20", "--max-cost-usd", "1000", "--json"])
    expect(result.code).toBe(2)
    const { error } = JSON.parse(result.stdout)
    expect(error.tag).toBe("CostLimitExceeded")
    expect(error.message).toContain("$0, taken as unknown")
    expect(error.fix).toContain("--usd-per-1k-input N --usd-per-1k-output N")
  })
})

describe("the sandbox bills what the estimate assumes", () => {
  it("its prompt tokens per comparison lie inside the estimate's range, and its cost on the example inside the estimate", () => {
    const result = runCli(["run", "execute", "--sandbox", "--assets", EXAMPLE, "--output-dir", emptyDir(), "--llm-model", "claude-haiku-4-5-20251001", "--max-comparisons", "120", "--json"])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
    const [line] = artefact.costs.estimate.lines
    const [bucket] = artefact.costs.token_counts
    const perComparison = bucket.prompt_tokens / bucket.comparisons
    expect(perComparison).toBeGreaterThanOrEqual(line.prompt_tokens.low / line.comparisons.high)
    expect(perComparison).toBeLessThanOrEqual(line.prompt_tokens.high / line.comparisons.high)
    expect(bucket.comparisons).toBe(120)
    expect(artefact.costs.total_usd).toBeGreaterThanOrEqual(artefact.costs.estimate.usd.low)
    expect(artefact.costs.total_usd).toBeLessThanOrEqual(artefact.costs.estimate.usd.high)
  })
})
