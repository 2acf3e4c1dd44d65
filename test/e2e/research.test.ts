import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { launch } from "puppeteer-core"
import { beforeAll, describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { CHROMIUM_INSTALL_TIMEOUT_MS, ensureChromium } from "../support/chromium.js"
import { runCli } from "../support/cli.js"

const MODEL = ["--llm-model", "claude-haiku-4-5-20251001"]
const out = mkdtempSync(join(tmpdir(), "eng5-research-"))
const sandboxRun = (label: string, ...extra: string[]) =>
  runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", out, "--batch-id", label, "--json", ...MODEL, ...extra])

const folders: Record<string, string> = {}

describe("the researcher's side: cost limit, runs list, compare, HTML report (sandbox)", () => {
  beforeAll(() => {
    for (const [label, seed] of [["seed-one", "1"], ["seed-two", "2"]] as const) {
      const result = sandboxRun(label, "--seed", seed, "--max-comparisons", "60")
      if (result.code !== 0) throw new Error(`sandbox run ${label} exited ${result.code}: ${result.stderr}`)
      folders[label] = JSON.parse(result.stdout).runFolder
    }
  }, 180_000)

  it("refuses to publish above --max-cost-usd with exit 2 and leaves no run folder", () => {
    const result = sandboxRun("too-dear", "--max-cost-usd", "0.01")
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout).error).toMatchObject({ tag: "CostLimitExceeded", exitCode: 2 })
    expect(readdirSync(out).some((name) => name.startsWith("too-dear-"))).toBe(false)
  })

  it("plan prints the estimate; a model without prices says so", () => {
    const priced = runCli(["run", "plan", "--assets", "examples/eng5", ...MODEL, "--max-comparisons", "60"])
    expect(priced.stdout).toMatch(/Estimated cost \(--max-comparisons\): \$\d+\.\d+–\$\d+\.\d+/)
    const unpriced = runCli(["run", "plan", "--assets", "examples/eng5", "--json"])
    expect(JSON.parse(unpriced.stdout).costEstimate).toMatchObject({ comparisons_source: "cj_default_cap", usd: null, lines: [{ model: "gpt-5.1", comparisons: { high: 120 } }] })
  })

  it("keeps the estimate beside the actual cost in a schema-valid artefact", () => {
    const artefact = JSON.parse(readFileSync(join(folders["seed-one"] ?? "", "assessment_run.json"), "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.costs.estimate.lines[0].comparisons.high).toBe(60)
    expect(artefact.costs.total_usd).toBeGreaterThan(0)
  })

  it("lists the runs newest first", () => {
    const listed = JSON.parse(runCli(["runs", "list", "--output-dir", out, "--json"]).stdout).runs
    expect(listed.map((r: { label: string }) => r.label)).toEqual(["seed-two", "seed-one"])
    expect(listed[0]).toMatchObject({ mode: "execute", outcome: "completed", comparisons: 60 })
    expect(listed[0].costUsd).toBeGreaterThan(0)
  })

  it("compares two seeds over their shared essays, as JSON and as an HTML scatter", () => {
    const html = join(out, "compare.html")
    const result = runCli(["report", "compare", folders["seed-one"] ?? "", folders["seed-two"] ?? "", "--html", html, "--json"])
    expect(result).toMatchObject({ code: 0 })
    const comparison = JSON.parse(result.stdout)
    expect(comparison.runs.map((r: { label: string }) => r.label)).toEqual(["seed-one", "seed-two"])
    const [pair] = comparison.pairs
    expect(pair.sharedEssays).toBe(24)
    expect(pair.kendallTauB).toBeGreaterThan(0)
    expect(pair.spearmanRho).toBeGreaterThan(0)
    expect(pair.exactAgreement).toBeLessThanOrEqual(pair.adjacentAgreement)
    expect(readFileSync(html, "utf8")).toMatch(/data-chart="scatter-1-2"><h2>[^<]*<\/h2><svg/)
  })

  it("takes runs by their labels where it takes run folders, as runs list shows them", () => {
    const compared = runCli(["report", "compare", "seed-one", "seed-two", "--output-dir", out, "--json"])
    expect(compared.code).toBe(0)
    expect(JSON.parse(compared.stdout).runs.map((r: { label: string }) => r.label)).toEqual(["seed-one", "seed-two"])
    const html = runCli(["report", "html", "seed-two", "--output-dir", out, "--json"])
    expect(html.code).toBe(0)
    expect(JSON.parse(html.stdout).runFolder).toBe(folders["seed-two"])
  })

  it("writes reports/report.html at the end of the run; it renders every chart in Chromium without console errors", async () => {
    const regenerated = runCli(["report", "html", folders["seed-one"] ?? "", "--json"])
    expect(regenerated).toMatchObject({ code: 0 })
    const path = JSON.parse(regenerated.stdout).reportPath
    expect(path).toBe(join(folders["seed-one"] ?? "", "reports", "report.html"))
    const browser = await launch({ executablePath: await ensureChromium(), args: ["--no-sandbox", "--disable-gpu"] })
    try {
      const page = await browser.newPage()
      const problems: string[] = []
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text())
      })
      page.on("pageerror", (error) => problems.push(String(error)))
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) problems.push(`network: ${request.url()}`)
      })
      await page.setViewport({ width: 1280, height: 900 })
      await page.goto(`file://${path}`, { waitUntil: "load" })
      const summaryWidth = await page.$eval("table", (table) => table.getBoundingClientRect().right)
      expect(summaryWidth).toBeLessThanOrEqual(1280)
      expect(await page.$eval("html", (root) => root.scrollWidth)).toBeLessThanOrEqual(1280)
      const charts = await page.$$eval("figure.chart", (figures) =>
        figures.map((figure) => ({ id: figure.getAttribute("data-chart"), marks: figure.querySelectorAll("svg g.mark-symbol path, svg g.mark-rect path, svg g.mark-rule line").length }))
      )
      expect(charts.map((c) => c.id)).toEqual(["bt-scores", "grade-projections", "anchor-alignment", "comparisons-per-essay", "failed-comparisons", "cost-per-model"])
      expect(charts.filter((c) => c.id !== "failed-comparisons" && c.marks === 0)).toEqual([])
      const shot = await page.screenshot({ fullPage: true })
      expect(shot.byteLength).toBeGreaterThan(10_000)
      expect(problems).toEqual([])
    } finally {
      await browser.close()
    }
  }, CHROMIUM_INSTALL_TIMEOUT_MS + 120_000)
})
