/**
 * An experiment against the platform's own services: two anchor-align variants (CJ's own
 * prompt and a file's), one batch each, followed at once; every artefact must match CJ's
 * database, and the report must list both cells.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { eng5, expectExit, workDir } from "./support/cli.js"
import { expectArtefactMatchesCj, readArtefact, readCjBatch } from "./support/cjDatabase.js"
import { cjIdsOf, readRequest } from "./support/runFolders.js"

const EXAMPLE = fileURLToPath(new URL("../../examples/eng5", import.meta.url))
const PROMPT = fileURLToPath(new URL("../../examples/experiments/prompts/language-control.md", import.meta.url))

interface RunRow {
  readonly batchUuid: string
  readonly outcome: string
  readonly runFolder: string
}

describe("an experiment through the platform", () => {
  it("runs a 2-variant × 1-repeat anchor-align experiment: both batches complete, each artefact matches CJ's database, the report lists both cells", async () => {
    const cwd = workDir()
    const file = join(cwd, "platform-experiment.yaml")
    writeFileSync(file, [`name: platform-experiment`, `mode: anchor-align`, `repeats: 1`, `assets: ${EXAMPLE}`, `completion-timeout: 420`, `variants:`, `  - name: baseline`, `  - name: language-control`, `    system-prompt: ${PROMPT}`, ""].join("\n"))

    const plan = await eng5(["experiment", "plan", file, "--no-forecast", "--json"], cwd)
    expectExit(plan, 0)
    expect(JSON.parse(plan.stdout).experiment).toMatchObject({ cells: 2, batches: 2, sandbox: false })

    const outcome = await eng5(["experiment", "run", file, "--json"], cwd)
    expectExit(outcome, 0)
    const report = JSON.parse(outcome.stdout) as { experiment: { folder: string; batches: unknown }; cells: ReadonlyArray<{ cell: string; runs: ReadonlyArray<RunRow>; kendallTauB: unknown }> }
    expect(report.experiment.batches).toEqual({ planned: 2, completed: 2, notCompleted: 0 })
    expect(report.cells.map((c) => c.cell)).toEqual(["baseline", "language-control"])

    for (const cell of report.cells) {
      expect(cell.runs).toHaveLength(1)
      const [run] = cell.runs
      if (run === undefined) throw new Error(`cell ${cell.cell} has no run`)
      expect(run.outcome).toBe("completed")
      const artefact = readArtefact(run.runFolder)
      const cj = await readCjBatch(run.batchUuid)
      expect(cj.essays).toHaveLength(12)
      expectArtefactMatchesCj(artefact, cj, cjIdsOf(artefact))
      expect(typeof cell.kendallTauB).toBe("number")
    }
    const [baseline, language] = report.cells.map((c) => readRequest(c.runs[0]?.runFolder ?? ""))
    expect(baseline?.data.llm_config_overrides?.system_prompt_override ?? null).toBeNull()
    expect(language?.data.llm_config_overrides?.system_prompt_override).toBe(readFileSync(PROMPT, "utf8").trim())

    const again = await eng5(["experiment", "report", report.experiment.folder, "--json"], cwd)
    expectExit(again, 0)
    expect(JSON.parse(again.stdout).cells.map((c: { cell: string }) => c.cell)).toEqual(["baseline", "language-control"])
  })
})
