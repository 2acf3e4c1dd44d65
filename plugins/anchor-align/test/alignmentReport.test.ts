import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { alignmentMetrics, type ComparisonOutcome } from "eng5/sdk"
import { type AlignmentReport, alignmentReportJson, alignmentReportMarkdown } from "../src/alignmentReport.js"
import { markdownCell, truncate } from "../src/markdown.js"
import { writeAlignmentReport } from "../src/writeAlignmentReport.js"

const LEGACY = GRADE_SCALES["eng5_np_legacy_9_step"] as GradeScale

const reportOf = (comparisons: ReadonlyArray<ComparisonOutcome>, prompts: AlignmentReport["prompts"] = { systemPrompt: null, judgeRubric: null }): AlignmentReport => ({
  batchLabel: "pilot",
  batchUuid: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
  generatedAt: "2026-01-02T03:04:05.000Z",
  metrics: alignmentMetrics({
    expectedGrades: { a1: "A", b1: "B", b2: "B", c1: "C+" },
    scale: LEGACY,
    essays: [
      { essayId: "b1", btScore: 1.5, rank: 1 },
      { essayId: "a1", btScore: 0.5, rank: 2 },
      { essayId: "c1", btScore: -0.25, rank: 3 },
      { essayId: "b2", btScore: -1.75, rank: 4 }
    ],
    comparisons,
    anchorIdOf: (id) => id
  }),
  prompts,
  sourceFiles: { a1: "A1.docx", b1: "B1.docx" }
})

const won = (winner: string, loser: string, justification?: string): ComparisonOutcome => ({
  winnerId: winner,
  loserId: loser,
  status: "succeeded",
  confidence: 4,
  ...(justification === undefined ? {} : { justification })
})

/** The table starting at a heading, as rows of raw lines. */
const tableAfter = (markdown: string, heading: string): string[] => {
  const start = markdown.indexOf(heading)
  expect(start).toBeGreaterThanOrEqual(0)
  const lines = markdown.slice(start).split("\n")
  const first = lines.findIndex((line) => line.startsWith("|"))
  const rest = lines.slice(first)
  const end = rest.findIndex((line) => !line.startsWith("|"))
  return end === -1 ? rest : rest.slice(0, end)
}

const unescapedPipes = (line: string): number => line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 1

describe("markdown cells", () => {
  it("escape backslashes and pipes, neutralise HTML and turn line breaks into <br>", () => {
    expect(markdownCell("a | b\\c\nd\r\ne <i>&")).toBe("a \\| b\\\\c<br>d<br>e &lt;i&gt;&amp;")
  })

  it("truncate by characters with an ellipsis, never splitting an emoji", () => {
    expect(truncate("short", 10)).toBe("short")
    expect(truncate("😀😀😀😀", 2)).toBe("😀😀…")
  })
})

describe("alignment report (markdown)", () => {
  it("shows summary metrics and the per-anchor table sorted by expected rank", () => {
    // CJ order b1, a1, c1, b2: tau-b = 1 / sqrt(30) = 0.183 (see the metrics test for the arithmetic).
    const markdown = alignmentReportMarkdown(reportOf([won("b1", "a1"), won("a1", "c1")]))
    expect(markdown).toContain("# Anchor alignment: pilot")
    expect(markdown).toContain("| Kendall's τ-b (CJ rank vs expected grade) | 0.183 |")
    expect(markdown).toContain("| Comparisons used (succeeded, between anchors) | 2 |")
    expect(markdown).toContain("| Direct inversions (unique pairs) | 1 |")
    expect(markdown).toContain("| Zero-win anchors | 2 |")
    const anchorRows = tableAfter(markdown, "## Anchors").slice(2)
    expect(anchorRows).toEqual([
      "| a1 | A | 0.500 | 2 | 1 | 1 | 1 | 50% | A1.docx |",
      "| b1 | B | 1.500 | 1 | 2–3 | 1 | 0 | 100% | B1.docx |",
      "| b2 | B | -1.750 | 4 | 2–3 | 0 | 0 | — |  |",
      "| c1 | C+ | -0.250 | 3 | 4 | 0 | 1 | 0% |  |"
    ])
  })

  it("keeps every inversion row in its columns whatever the justification holds", () => {
    const nasty = "Pipes | and \\ backslashes\nand a second line | end"
    const markdown = alignmentReportMarkdown(reportOf([won("b1", "a1", nasty), won("c1", "a1", "plain")]))
    const rows = tableAfter(markdown, "## Direct inversions")
    expect(rows).toHaveLength(4)
    const header = rows[0] ?? ""
    for (const row of rows) expect(unescapedPipes(row)).toBe(unescapedPipes(header))
    expect(rows[2]).toContain("Pipes \\| and \\\\ backslashes<br>and a second line \\| end")
  })

  it("truncates long justifications in the table and keeps them whole in the JSON", () => {
    const long = "x".repeat(150)
    const report = reportOf([won("b1", "a1", long)])
    const markdown = alignmentReportMarkdown(report)
    expect(markdown).toContain(`| ${"x".repeat(100)}… |`)
    expect(markdown).not.toContain("x".repeat(101))
    expect(alignmentReportJson(report).inversions[0]?.justification).toBe(long)
  })

  it("has an inversions section only when there are inversions", () => {
    expect(alignmentReportMarkdown(reportOf([won("a1", "b1")]))).not.toContain("## Direct inversions")
    expect(alignmentReportMarkdown(reportOf([won("b1", "a1")]))).toContain("## Direct inversions")
  })

  it("prints the prompts used, or (CJ default), in fences the text cannot close", () => {
    const defaults = alignmentReportMarkdown(reportOf([]))
    expect(defaults).toContain("### System prompt\n\n```text\n(CJ default)\n```")
    expect(defaults).toContain("### Judge rubric\n\n```text\n(CJ default)\n```")
    const given = alignmentReportMarkdown(reportOf([], { systemPrompt: "You are a judge.\n```\nnot a fence end", judgeRubric: "Prefer clarity. Åäö 😀" }))
    expect(given).toContain("### System prompt\n\n````text\nYou are a judge.\n```\nnot a fence end\n````")
    expect(given).toContain("```text\nPrefer clarity. Åäö 😀\n```")
  })

  it("says why tau-b is undefined instead of printing 0", () => {
    const report = reportOf([])
    const single: AlignmentReport = {
      ...report,
      metrics: alignmentMetrics({ expectedGrades: { a1: "A" }, scale: LEGACY, essays: [{ essayId: "a1", btScore: 0, rank: 1 }], comparisons: [], anchorIdOf: (id) => id })
    }
    expect(alignmentReportMarkdown(single)).toContain("| Kendall's τ-b (CJ rank vs expected grade) | n/a (fewer than two ranked anchors with a grade in the scale) |")
    expect(alignmentReportJson(single).summary.kendall_tau_b).toBeNull()
  })
})

describe("alignment report (files)", () => {
  it("writes the markdown and the JSON into the run folder, atomically", async () => {
    const runFolder = mkdtempSync(join(tmpdir(), "eng5-align-"))
    const report = reportOf([won("b1", "a1", "close call")], { systemPrompt: "judge", judgeRubric: null })
    const files = await Effect.runPromise(writeAlignmentReport(runFolder, "reports/anchor_alignment", report))
    expect(files).toEqual({ markdownPath: join(runFolder, "reports/anchor_alignment.md"), jsonPath: join(runFolder, "reports/anchor_alignment.json") })
    expect(readFileSync(files.markdownPath, "utf8")).toBe(alignmentReportMarkdown(report))
    const json = JSON.parse(readFileSync(files.jsonPath, "utf8"))
    expect(json).toEqual(alignmentReportJson(report))
    expect(json).toMatchObject({
      schema: "eng5.anchor-alignment/1",
      grade_scale: "eng5_np_legacy_9_step",
      summary: { direct_inversions: 1, kendall_tau_b_pairs: { anchors: 4, concordant: 3, discordant: 2, tied_in_grade_only: 1 } },
      prompts: { system_prompt: "judge", judge_rubric: null }
    })
    expect(json.anchors[0]).toEqual({
      anchor_id: "a1",
      cj_essay_id: "a1",
      source_file: "A1.docx",
      expected_grade: "A",
      grade_in_scale: true,
      bt_score: 0.5,
      cj_rank: 2,
      expected_rank_from: 1,
      expected_rank_to: 1,
      wins: 0,
      losses: 1,
      win_rate: 0
    })
    expect(readdirSync(join(runFolder, "reports")).sort()).toEqual(["anchor_alignment.json", "anchor_alignment.md"])
  })

  it("fails with a post-run exit code when the run folder cannot be written", async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), "eng5-align-")), "file")
    writeFileSync(notAFolder, "")
    const error = await Effect.runPromise(Effect.flip(writeAlignmentReport(notAFolder, "anchor_alignment", reportOf([]))))
    expect(error._tag).toBe("AlignmentReportNotWritten")
    expect(error.exitCode).toBe(3)
    expect(error.message).toContain(notAFolder)
  })
})
