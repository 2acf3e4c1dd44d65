import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cjIdsOf, scoreArtefact } from "../../src/domain/artefactReliability.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { runCli } from "../support/cli.js"

const outDir = () => mkdtempSync(join(tmpdir(), "eng5-reliability-"))
const sandboxRun = (out: string, ...extra: string[]) =>
  runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", out, ...extra])

interface UnderCompared {
  readonly essay_id: string
  readonly comparisons: number
}
interface BtRow {
  readonly essay_id: string
  readonly is_anchor: boolean
  readonly standard_error: number
  readonly standard_error_available?: boolean
}

describe("a completed sandbox run's numbers", () => {
  it("carry CJ's SEs, a split-half reliability and an SSR or its reason, the same in the report, the summary and the artefact", () => {
    const out = outDir()
    const json = sandboxRun(out, "--json")
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout)
    const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    const { reliability } = artefact
    expect(reliability).toEqual(report.reliability)
    expect(reliability.students).toBe(24)
    expect(reliability.split_half.low).toBeLessThanOrEqual(reliability.split_half.median)
    expect(reliability.split_half.median).toBeLessThanOrEqual(reliability.split_half.high)
    expect(reliability.split_half.splits).toBe(100)
    // Either an SSR or the reason there is none, never both.
    expect([reliability.ssr === null, reliability.ssr_not_estimable_reason === null]).not.toEqual([true, true])
    expect([reliability.ssr === null, reliability.ssr_not_estimable_reason === null]).not.toEqual([false, false])
    expect(reliability.largest_component_share).toBeGreaterThan(0)
    expect(reliability.refit_max_theta_difference).toBeLessThan(1e-6)

    // Every essay has CJ's SE; the reference anchor's is 0 and the rest are positive.
    const rows = artefact.bt_summary as ReadonlyArray<BtRow>
    expect(rows.every((row) => row.standard_error_available === true)).toBe(true)
    const reference = rows.find((row) => row.essay_id === reliability.standard_error_reference)
    expect(reference?.is_anchor).toBe(true)
    expect(reference?.standard_error).toBe(0)
    expect(rows.filter((row) => row !== reference).every((row) => row.standard_error > 0)).toBe(true)

    // 120 comparisons over 36 essays: about 6.7 each, so some students fall under 7.
    const successes = new Map<string, number>()
    for (const c of artefact.llm_comparisons) {
      if (c.status !== "succeeded") continue
      for (const id of [c.winner_id, c.loser_id]) successes.set(id, (successes.get(id) ?? 0) + 1)
    }
    const students = rows.filter((e) => !e.is_anchor).map((e) => e.essay_id)
    const few = students.filter((id) => (successes.get(id) ?? 0) < 7).sort()
    expect(few.length).toBeGreaterThan(0)
    expect(reliability.under_compared.map((e: UnderCompared) => e.essay_id).sort()).toEqual(few)

    // Recomputed from the artefact alone, the same answer.
    const unscored = rows.map((row) => ({ ...row, standard_error: 0, standard_error_available: false, theta: (row as unknown as { theta: number }).theta, rank: 1, comparison_count: 0 }))
    expect(scoreArtefact(unscored, artefact.llm_comparisons, cjIdsOf(artefact.inputs.students))?.reliability).toEqual(reliability)

    // A rehearsal says so everywhere.
    expect(artefact.metadata.sandbox).toMatchObject({ seed: expect.any(Number), cj_settings: expect.objectContaining({ max_pairwise_comparisons: 120 }) })
    expect(report.sandbox).toEqual(artefact.metadata.sandbox)
    expect(JSON.parse(readFileSync(join(report.runFolder, "run.json"), "utf8")).sandbox).toBe(true)
    const html = readFileSync(join(report.runFolder, "reports", "report.html"), "utf8")
    expect(html).toContain("Sandbox rehearsal")
    expect(html).toContain("Students under 7 comparisons")
    const listed = JSON.parse(runCli(["runs", "list", "--output-dir", out, "--json"]).stdout)
    expect(listed.runs[0]).toMatchObject({ sandbox: true })
    expect(runCli(["runs", "list", "--output-dir", out]).stdout).toContain("SANDBOX")

    const human = sandboxRun(outDir())
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^SANDBOX REHEARSAL \(seed \d+\)/)
    expect(human.stdout).toMatch(/Reliability over 24 students: split-half \d\.\d\d \(\d\.\d\d–\d\.\d\d over 100 random splits\)/)
    expect(human.stdout).toContain("Too few comparisons to trust (under 7)")
    expect(human.stdout).not.toContain("usual for grading")
  })
})
