/**
 * `eng5 run anchor-align` (the bundled anchor-align plugin) on the sandbox as an operator runs
 * it, and `eng5 report alignment` regenerating its report from the stored run folder.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { REPO_ROOT } from "../support/cli.js"
import { type CliOutcome, isolatedEnv, startCli } from "../support/cliProcess.js"

const ASSETS = join(REPO_ROOT, "examples", "eng5")
const ANCHOR_FILES = readdirSync(join(ASSETS, "anchor_essays")).filter((name) => !name.startsWith("."))

describe("eng5 run anchor-align on the sandbox", () => {
  const outputDir = mkdtempSync(join(tmpdir(), "eng5-align-"))
  let run: CliOutcome
  let folder = ""

  beforeAll(async () => {
    // A budget far below the anchors' pairs: still every anchor is sent (B6).
    run = await startCli(["run", "anchor-align", "--sandbox", "--assets", ASSETS, "--output-dir", outputDir, "--await-completion", "--max-comparisons", "10"], isolatedEnv()).done
    const folders = readdirSync(outputDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    folder = join(outputDir, folders[0]?.name ?? "missing")
  })

  it("sends every anchor as a student in the GUEST flow, with CJ's own system prompt (no override)", () => {
    expect(run.stderr).not.toContain("✖")
    expect(run.code).toBe(0)
    const request = JSON.parse(readFileSync(join(folder, "request.json"), "utf8"))
    expect(request.data.assignment_id).toBeNull()
    expect(request.data.essays_for_cj).toHaveLength(ANCHOR_FILES.length)
    expect(request.data.llm_config_overrides).toBeNull()
    const artefact = JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8"))
    // Ids sent are this batch's own; the artefact keeps the stable ids, with the id sent beside each.
    const sent = request.data.essays_for_cj.map((e: { essay_id: string }) => e.essay_id)
    expect(artefact.inputs.students.map((s: { cj_essay_id: string }) => s.cj_essay_id)).toEqual(sent)
    const stable = artefact.inputs.students.map((s: { essay_id: string }) => s.essay_id)
    expect(stable.filter((id: string) => sent.includes(id))).toEqual([])
    expect(artefact.bt_summary.map((e: { essay_id: string }) => e.essay_id).sort()).toEqual([...stable].sort())
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.metadata.mode).toBe("anchor-align")
    expect(artefact.validation.post_run["anchor-alignment"]).toMatchObject({ status: "succeeded" })
  })

  it("writes the alignment report as markdown and JSON into the run folder", () => {
    expect(run.stdout).toContain(`Alignment report: ${join(folder, "reports", "anchor_alignment.md")}`)
    const json = JSON.parse(readFileSync(join(folder, "reports", "anchor_alignment.json"), "utf8"))
    expect(json.schema).toBe("eng5.anchor-alignment/1")
    expect(json.anchors).toHaveLength(ANCHOR_FILES.length)
    expect(json.summary.comparisons_used).toBeGreaterThan(0)
    expect(typeof json.summary.kendall_tau_b).toBe("number")
    const wins = json.anchors.reduce((sum: number, anchor: { wins: number }) => sum + anchor.wins, 0)
    expect(wins).toBe(json.summary.comparisons_used)
    for (const anchor of json.anchors) expect(anchor.grade_in_scale).toBe(true)
    const markdown = readFileSync(join(folder, "reports", "anchor_alignment.md"), "utf8")
    expect(markdown).toContain("Kendall's τ-b")
    expect(markdown).toContain("| Anchor | Grade | BT score | CJ rank | Expected rank | Wins | Losses | Win rate | Source |")
  })

  it("shows on screen the anchors by the report's ids with their grades, and Kendall's τ-b", () => {
    const json = JSON.parse(readFileSync(join(folder, "reports", "anchor_alignment.json"), "utf8"))
    expect(run.stdout).not.toContain("Grade projections")
    expect(run.stdout).toContain(`Kendall's τ-b (CJ rank vs grade): ${json.summary.kendall_tau_b.toFixed(3)}`)
    for (const anchor of json.anchors) {
      const row = run.stdout.split("\n").find((line) => line.startsWith(`${anchor.anchor_id} `))
      expect(row?.split(/\s+/).slice(0, 3)).toEqual([anchor.anchor_id, anchor.expected_grade, String(anchor.cj_rank)])
    }
  })

  it("regenerates the same report from the stored run with eng5 report alignment", async () => {
    const before = JSON.parse(readFileSync(join(folder, "reports", "anchor_alignment.json"), "utf8"))
    const again = await startCli(["report", "alignment", folder, "--json"], isolatedEnv()).done
    expect(again.code).toBe(0)
    const printed = JSON.parse(again.stdout)
    const after = JSON.parse(readFileSync(join(folder, "reports", "anchor_alignment.json"), "utf8"))
    expect(printed).toEqual(after)
    expect({ ...after, generated_at: "" }).toEqual({ ...before, generated_at: "" })
  })

  it("refuses a folder that is not an anchor-align run (exit 2)", async () => {
    const empty = mkdtempSync(join(tmpdir(), "eng5-align-none-"))
    const outcome = await startCli(["report", "alignment", empty], isolatedEnv()).done
    expect(outcome.code).toBe(2)
  })
})
