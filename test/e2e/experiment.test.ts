/**
 * `eng5 experiment` end to end on the shipped example (2 variants × 2 temperatures × 2 repeats,
 * sandbox): plan, a run stopped by Ctrl-C and then killed outright, each time resumed, until
 * every batch completed; the report; and a file that cannot run.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { REPO_ROOT, runCli } from "../support/cli.js"
import { type CliOutcome, isolatedEnv, startCli } from "../support/cliProcess.js"

const EXAMPLE = join(REPO_ROOT, "examples/experiments/anchor-align.yaml")

interface Batch {
  readonly cell: string
  readonly repeat: number
  readonly batch_uuid: string
  readonly run_folder: string
  readonly previous: ReadonlyArray<{ readonly batch_uuid: string }>
}

const batchesIn = (folder: string): ReadonlyArray<Batch> => {
  try {
    return (JSON.parse(readFileSync(join(folder, "experiment.json"), "utf8")) as { batches: ReadonlyArray<Batch> }).batches
  } catch {
    return []
  }
}

const outcomeOf = (runFolder: string): string | null => {
  try {
    return (JSON.parse(readFileSync(join(runFolder, "assessment_run.json"), "utf8")) as { validation: { runner_status: { outcome?: string } } }).validation.runner_status.outcome ?? null
  } catch {
    return null
  }
}

const completed = (folder: string): ReadonlyArray<Batch> => batchesIn(folder).filter((b) => outcomeOf(b.run_folder) === "completed")

/** Batches on record that have not completed and were not on record in `before`: started by the run since. */
const startedSince = (folder: string, before: ReadonlySet<string>): ReadonlyArray<Batch> => batchesIn(folder).filter((b) => !before.has(b.batch_uuid) && outcomeOf(b.run_folder) !== "completed")

/** Runs `experiment run` until `ready` says so, then sends `signal`. */
const runUntil = async (out: string, ready: () => boolean, signal: NodeJS.Signals): Promise<CliOutcome> => {
  const run = startCli(["experiment", "run", EXAMPLE, "--output-dir", out, "--parallel", "2"], isolatedEnv())
  const deadline = Date.now() + 60_000
  while (!ready() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  run.child.kill(signal)
  return run.done
}

describe("eng5 experiment", () => {
  it("plans, runs, survives Ctrl-C and a kill, resumes to the end and reports every cell", async () => {
    const out = mkdtempSync(join(tmpdir(), "eng5-experiment-"))
    const folder = join(out, "anchor-align")

    const plan = runCli(["experiment", "plan", EXAMPLE, "--json"])
    expect(plan.code).toBe(0)
    const planned = JSON.parse(plan.stdout)
    expect(planned.experiment).toMatchObject({ cells: 4, batches: 8, repeats: 2, sandbox: true })
    expect(planned.cells.map((c: { cell: string }) => c.cell)).toEqual(["baseline [llm-temperature=0]", "baseline [llm-temperature=0.3]", "language-control [llm-temperature=0]", "language-control [llm-temperature=0.3]"])
    expect(planned.totalCostUsd.high).toBeGreaterThan(planned.totalCostUsd.low)
    expect(planned.cells[0].forecast.trueReliability.mean).toBeGreaterThan(0)

    const interrupted = await runUntil(out, () => completed(folder).length >= 2, "SIGINT")
    expect(interrupted.code).toBe(130)
    expect(interrupted.stderr).toContain(`Run \`eng5 experiment run ${EXAMPLE}\` again to resume`)
    expect(existsSync(join(folder, "report.html"))).toBe(true)
    const keptAtFirst = completed(folder)
    expect(keptAtFirst.length).toBeGreaterThanOrEqual(2)
    expect(keptAtFirst.length).toBeLessThan(8)

    // Killed while batches it started are running: nothing of the process is left to record how they ended.
    const onRecord = new Set(batchesIn(folder).map((b) => b.batch_uuid))
    const killed = await runUntil(out, () => completed(folder).length > keptAtFirst.length && startedSince(folder, onRecord).length > 0, "SIGKILL")
    expect(killed.signal).toBe("SIGKILL")
    const keptAtKill = completed(folder)
    const inFlight = startedSince(folder, onRecord)
    expect(inFlight.length).toBeGreaterThan(0)
    const mtimes = new Map(keptAtKill.map((b) => [b.batch_uuid, statSync(join(b.run_folder, "assessment_run.json")).mtimeMs]))

    const resumed = runCli(["experiment", "run", EXAMPLE, "--output-dir", out, "--parallel", "4", "--json"])
    expect(resumed.code).toBe(0)
    const report = JSON.parse(resumed.stdout)
    expect(report.error).toBeNull()
    expect(report.experiment.batches).toEqual({ planned: 8, completed: 8, notCompleted: 0 })
    // Finished batches were not run again: same batch, same artefact.
    for (const batch of keptAtKill) {
      expect(batchesIn(folder).find((b) => b.cell === batch.cell && b.repeat === batch.repeat)?.batch_uuid).toBe(batch.batch_uuid)
      expect(statSync(join(batch.run_folder, "assessment_run.json")).mtimeMs).toBe(mtimes.get(batch.batch_uuid))
    }
    // Each sandbox batch the kill cut short was started again and completed, the cut one kept on record.
    for (const cut of inFlight) {
      const again = batchesIn(folder).find((b) => b.cell === cut.cell && b.repeat === cut.repeat)
      expect(again?.batch_uuid).not.toBe(cut.batch_uuid)
      expect(again?.previous.map((p) => p.batch_uuid)).toContain(cut.batch_uuid)
      expect(outcomeOf(again?.run_folder ?? "")).toBe("completed")
    }
    for (const cell of report.cells) {
      expect(cell.runs).toHaveLength(2)
      expect(cell.runs.every((r: { outcome: string; runFolder: string }) => r.outcome === "completed" && existsSync(r.runFolder))).toBe(true)
      expect(typeof cell.kendallTauB).toBe("number")
      expect(cell.kendallTauBInterval.low).toBeLessThanOrEqual(cell.kendallTauB)
      expect(cell.kendallTauBInterval.high).toBeGreaterThanOrEqual(cell.kendallTauB)
      expect(typeof cell.splitHalf).toBe("number")
      expect(cell.repeatAgreement.pairs).toBe(1)
      expect(cell.costUsd).toBeGreaterThan(0)
    }
    expect(report.cells.map((c: { versusBaseline: { baseline: string } | null }) => c.versusBaseline?.baseline ?? null)).toEqual([null, null, "baseline [llm-temperature=0]", "baseline [llm-temperature=0.3]"])
    expect(typeof report.cells[2].versusBaseline.kendallTauBDifference).toBe("number")

    const html = readFileSync(join(folder, "report.html"), "utf8")
    for (const chart of ["tau-per-cell", "tau-difference", "inversions-by-boundary", "cost-against-alignment", "split-half-per-cell"]) expect(html).toContain(`data-chart="${chart}"`)
    expect(html).toContain("Sandbox rehearsal")

    const again = runCli(["experiment", "report", folder, "--json", "--html", join(out, "paper.html")])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).cells).toEqual(report.cells)
    expect(existsSync(join(out, "paper.html"))).toBe(true)
  })

  it("refuses a file that cannot run with every problem, exit 2, and creates nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "eng5-experiment-bad-"))
    const file = join(dir, "bad.yaml")
    writeFileSync(file, `assets: ${join(REPO_ROOT, "examples/eng5")}\nsandbox: true\nvariants:\n  - name: a\n    llm-temperature: 9\n  - name: b\n    max-comparisons: lots\n`)
    const outcome = runCli(["experiment", "run", file, "--output-dir", join(dir, "out"), "--json"])
    expect(outcome.code).toBe(2)
    const { error } = JSON.parse(outcome.stdout)
    expect(error.tag).toBe("InvalidExperiment")
    expect(error.message).toContain("cell a: --llm-temperature 9 is outside 0–2.")
    expect(error.message).toMatch(/cell b: --max-comparisons "lots" is not a whole number\. → Pass a whole number/u)
    expect(existsSync(join(dir, "out"))).toBe(false)
  })

  it("goes on past a batch CJ fails, exits 1, and keeps the failed batch when resumed", () => {
    const dir = mkdtempSync(join(tmpdir(), "eng5-experiment-failing-"))
    const file = join(dir, "failing.yaml")
    writeFileSync(file, `mode: anchor-align\nassets: ${join(REPO_ROOT, "examples/eng5")}\nsandbox: true\nmax-comparisons: 12\nvariants:\n  - name: broken\n    sandbox-fail-batch: true\n  - name: sound\n`)
    const out = join(dir, "out")
    const first = runCli(["experiment", "run", file, "--output-dir", out, "--json"])
    expect(first.code).toBe(1)
    const report = JSON.parse(first.stdout)
    expect(report.error).toMatchObject({ tag: "ExperimentIncomplete", exitCode: 1 })
    expect(report.cells.map((c: { runs: ReadonlyArray<{ outcome: string }> }) => c.runs[0]?.outcome)).toEqual(["batch_failed", "completed"])
    expect(report.cells[0].runs[0].error.tag).toBe("BatchFailed")
    expect(typeof report.cells[1].kendallTauB).toBe("number")

    const again = runCli(["experiment", "run", file, "--output-dir", out, "--json"])
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stdout).cells.map((c: { runs: ReadonlyArray<{ batchUuid: string }> }) => c.runs[0]?.batchUuid)).toEqual(report.cells.map((c: { runs: ReadonlyArray<{ batchUuid: string }> }) => c.runs[0]?.batchUuid))
  })

  it("holds --max-cost-usd against the whole experiment: every batch's estimate together", () => {
    const plan = runCli(["experiment", "plan", EXAMPLE, "--no-forecast", "--max-cost-usd", "3", "--json"])
    expect(plan.code).toBe(2)
    const report = JSON.parse(plan.stdout)
    // Each cell fits under $3; the eight batches together do not.
    expect(report.cells.every((c: { costUsd: { high: number } }) => c.costUsd.high < 3)).toBe(true)
    expect(report.totalCostUsd.high).toBeGreaterThan(3)
    expect(report.error).toMatchObject({ tag: "CostLimitExceeded", exitCode: 2 })
    expect(report.error.message).toContain("over every batch")
  })

  it("refuses a --max-cost-usd that is not an amount, naming the flag, before checking any cell", () => {
    const plan = runCli(["experiment", "plan", EXAMPLE, "--no-forecast", "--max-cost-usd", "abc"])
    expect(plan.code).toBe(2)
    expect(plan.stderr).toContain('--max-cost-usd "abc" is not a number')
    expect(plan.stderr).toContain("--max-cost-usd 20")
    expect(plan.stderr).not.toContain("Check the 4 cells")
  })
})
