import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { reliabilityOfArtefact } from "../../src/domain/artefactReliability.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { runCli } from "../support/cli.js"

const outDir = () => mkdtempSync(join(tmpdir(), "eng5-reliability-"))
const sandboxRun = (out: string, ...extra: string[]) =>
  runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", out, ...extra])

interface UnderCompared {
  readonly essay_id: string
  readonly comparisons: number
}

describe("a completed sandbox run's reliability", () => {
  it("the report, the summary and the artefact give the SSR and name the students with too few comparisons", () => {
    const json = sandboxRun(outDir(), "--json")
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout)
    const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.reliability).toEqual(report.reliability)
    expect(artefact.reliability.students).toBe(24)
    expect(artefact.reliability.ssr).toBeGreaterThanOrEqual(0)
    expect(artefact.reliability.ssr).toBeLessThanOrEqual(1)
    // 120 comparisons over 36 essays: about 6.7 each, so some students fall under 7.
    const successes = new Map<string, number>()
    for (const c of artefact.llm_comparisons) {
      if (c.status !== "succeeded") continue
      for (const id of [c.winner_id, c.loser_id]) successes.set(id, (successes.get(id) ?? 0) + 1)
    }
    const students = artefact.bt_summary.filter((e: { is_anchor: boolean }) => !e.is_anchor).map((e: { essay_id: string }) => e.essay_id)
    const few = students.filter((id: string) => (successes.get(id) ?? 0) < 7).sort()
    expect(few.length).toBeGreaterThan(0)
    expect(artefact.reliability.under_compared.map((e: UnderCompared) => e.essay_id).sort()).toEqual(few)
    for (const e of artefact.reliability.under_compared as ReadonlyArray<UnderCompared>) expect(e.comparisons).toBe(successes.get(e.essay_id) ?? 0)
    const html = readFileSync(join(report.runFolder, "reports", "report.html"), "utf8")
    expect(html).toContain("Students under 7 comparisons")
    expect(html).toContain(few[0])
    // Recomputed from the artefact alone, the same answer.
    expect(reliabilityOfArtefact(artefact.bt_summary, artefact.llm_comparisons)).toEqual(artefact.reliability)

    const human = sandboxRun(outDir())
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/Reliability: SSR \d\.\d\d over 24 students/)
    expect(human.stdout).toContain("Too few comparisons to trust (under 7)")
  })
})
