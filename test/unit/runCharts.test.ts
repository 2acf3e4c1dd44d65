import { describe, expect, it } from "vitest"
import type { AssessmentRunArtefact, ComparisonRecord, GradeProjection } from "../../src/domain/artefact.js"
import { compareRuns } from "../../src/domain/compareRuns.js"
import { runReportHtml } from "../../src/programs/reportHtml.js"
import { compareCharts } from "../../src/report/compareCharts.js"
import { renderFigures } from "../../src/report/htmlPage.js"
import { runCharts } from "../../src/report/runCharts.js"
import { renderSvg } from "../../src/report/vegaSvg.js"
import { stubArtefact } from "../support/artefacts.js"

const chartOf = (artefact: AssessmentRunArtefact, id: string) => {
  const chart = runCharts(artefact).find((c) => c.id === id)
  if (chart === undefined) throw new Error(`no ${id} chart`)
  return chart
}

const textsOf = (svg: string): ReadonlyArray<string> => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/gu)].map((m) => m[1] ?? "")

const comparison = (sequence: number, status: "succeeded" | "failed"): ComparisonRecord => ({
  sequence,
  request_id: `r${sequence}`,
  correlation_id: "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e",
  winner_id: "s1_",
  loser_id: "s2_",
  essay_a_id: "s1_",
  essay_b_id: "s2_",
  prompt_hash: "3".repeat(64),
  provider: "anthropic",
  model: "claude-haiku-4-5-20251001",
  tokens_prompt: 1000,
  tokens_completion: 60,
  cost_usd: 0.001,
  started_at: "2026-02-07T10:00:00.000Z",
  completed_at: "2026-02-07T10:00:01.000Z",
  status,
  ...(status === "failed" ? { error_code: "LLM_PROVIDER_TIMEOUT" } : {})
})

const projection = (essay: string, grade: string, probabilities: Record<string, number>, source: GradeProjection["probabilities_source"]): GradeProjection => ({
  essay_id: essay,
  grade_scale: "eng5_np_legacy_9_step",
  grade,
  probabilities,
  ...(source === undefined ? {} : { probabilities_source: source })
})

describe("the run report's charts show what their titles say", () => {
  it("an empty failures chart says none failed instead of drawing an empty frame", async () => {
    const artefact = { ...stubArtefact(), llm_comparisons: [comparison(1, "succeeded"), comparison(2, "succeeded")] }
    const chart = chartOf(artefact, "failed-comparisons")
    expect(chart.empty).toBe("None failed.")
    const html = await renderFigures([chart])
    expect(html).toContain('<p class="empty">None failed.</p>')
    expect(html).not.toContain("<svg")
  })

  it("counts have whole-number ticks: failed comparisons, comparisons per essay, tokens", async () => {
    const artefact: AssessmentRunArtefact = {
      ...stubArtefact(),
      llm_comparisons: [comparison(1, "succeeded"), comparison(2, "failed")],
      bt_summary: [
        { essay_id: "s1_", theta: 0.4, standard_error: 0.5, rank: 1, comparison_count: 2, is_anchor: false },
        { essay_id: "s2_", theta: -0.4, standard_error: 0.5, rank: 2, comparison_count: 1, is_anchor: false }
      ],
      costs: { total_usd: 0.001, token_counts: [{ provider: "anthropic", model: "claude-haiku-4-5-20251001", prompt_tokens: 3, completion_tokens: 2, usd: 0.001 }] }
    }
    for (const id of ["failed-comparisons", "comparisons-per-essay", "cost-per-model"]) {
      const ticks = textsOf(await renderSvg(chartOf(artefact, id).spec)).filter((t) => /^[\d.,]+$/u.test(t))
      expect({ id, ticks: ticks.length > 0 }).toEqual({ id, ticks: true })
      expect({ id, decimals: ticks.filter((t) => t.includes(".")) }).toEqual({ id, decimals: [] })
    }
  })

  it("with only CJ's confidence in one grade per student the chart is called that, one bar per student", async () => {
    const artefact = { ...stubArtefact(), grade_projections: [projection("s1_", "B", { B: 0.8 }, "cj_confidence_score"), projection("s2_", "C+", { "C+": 0.55 }, "cj_confidence_score")] }
    const chart = chartOf(artefact, "grade-projections")
    expect(chart.title).toContain("CJ's confidence")
    expect(chart.title).not.toContain("probability of each grade")
    expect(textsOf(await renderSvg(chart.spec))).toEqual(expect.arrayContaining(["B", "C+"]))
  })

  it("with a grade distribution the chart shows the probability of each grade", () => {
    const artefact = { ...stubArtefact(), grade_projections: [projection("s1_", "B", { A: 0.1, B: 0.7, "C+": 0.2 }, "cj_grade_probabilities")] }
    expect(chartOf(artefact, "grade-projections").title).toContain("probability of each grade")
  })

  it("a run with the user's prices shows its cost at them, not the platform's $0 for a model CJ does not price", async () => {
    const atUserPrices: AssessmentRunArtefact = {
      ...stubArtefact(),
      costs: { total_usd: 0, total_usd_at_user_prices: 0.1234, token_counts: [{ provider: "openai", model: "gpt-5.1", prompt_tokens: 40_000, completion_tokens: 4_340, usd: 0 }] }
    }
    const html = await runReportHtml(atUserPrices)
    const summary = /<table>.*?<\/table>/su.exec(html)?.[0] ?? ""
    expect(summary).toContain("<td>0.1234 at your prices (the platform reported 0.0000)</td>")
    expect(chartOf(atUserPrices, "cost-per-model").title).toMatch(/^Cost \$0\.1234 at your prices \(the platform's: openai\/gpt-5\.1 \$0\.0000\)/)
    const platformPriced = await runReportHtml({ ...atUserPrices, costs: { total_usd: 0.05, token_counts: atUserPrices.costs.token_counts } })
    expect(platformPriced).not.toContain("at your prices")
  })

  it("the summary table lays one fact per row, so it stays narrow", async () => {
    const html = await runReportHtml(stubArtefact())
    const summary = /<table>.*?<\/table>/su.exec(html)?.[0] ?? ""
    expect(summary.match(/<tr>/gu)?.length).toBeGreaterThan(8)
    for (const row of summary.match(/<tr>.*?<\/tr>/gu) ?? []) expect(row.match(/<t[dh]>/gu)).toHaveLength(2)
  })
})

const run = (uuid: string, label: string, thetas: ReadonlyArray<number>): AssessmentRunArtefact => ({
  ...stubArtefact(uuid),
  metadata: { ...stubArtefact(uuid).metadata, batch_id: label },
  bt_summary: thetas.map((theta, i) => ({ essay_id: `student_${i + 1}`, theta, standard_error: 0.3, rank: i + 1, comparison_count: 5, is_anchor: false }))
})

describe("the compare page's scatter", () => {
  it("draws the y = x line and names each essay on hover", async () => {
    const compared = compareRuns([
      { folder: "/runs/a", artefact: run("0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01", "a", [1, 0.2, -0.5]) },
      { folder: "/runs/b", artefact: run("0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e02", "b", [0.8, 0.1, -0.9]) }
    ])
    const html = await renderFigures(compareCharts(compared))
    for (const essay of ["student_1", "student_2", "student_3"]) expect(html).toContain(`<title>${essay}</title>`)
    // One dashed rule from the lowest score on both axes to the highest: the diagonal of the square plot.
    expect(html).toMatch(/<line [^>]*aria-roledescription="rule mark" transform="translate\(0,420\)" x2="420" y2="-420"[^>]*stroke-dasharray/u)
  })
})
