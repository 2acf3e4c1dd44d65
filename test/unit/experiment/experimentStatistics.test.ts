import { describe, expect, it } from "vitest"
import type { AssessmentRunArtefact, ComparisonRecord } from "../../../src/domain/artefact.js"
import { type CellInput, experimentStatistics, type RunInput } from "../../../src/domain/experimentReport.js"
import { kendallTauB } from "../../../src/statistics/kendallTauB.js"
import { stubArtefact } from "../../support/artefacts.js"

/** Anchors of the legacy scale, best first: CJ's batch anchors with their known grades. */
const GRADES: Readonly<Record<string, string>> = { a1: "A", b1: "B", c1: "C+", c2: "C-", d1: "D+", e1: "E+" }
const ORDER = { A: 7, B: 6, "C+": 5, "C-": 4, "D+": 3, "E+": 1 } as Readonly<Record<string, number>>

const comparison = (sequence: number, winner: string, loser: string): ComparisonRecord => ({
  sequence,
  request_id: `r${sequence}`,
  correlation_id: "00000000-0000-4000-8000-000000000000",
  winner_id: winner,
  loser_id: loser,
  essay_a_id: winner,
  essay_b_id: loser,
  prompt_hash: "0".repeat(64),
  provider: "anthropic",
  model: "claude",
  tokens_prompt: 100,
  tokens_completion: 10,
  cost_usd: 0.01,
  started_at: "2026-02-07T10:00:00.000Z",
  completed_at: "2026-02-07T10:00:01.000Z",
  status: "succeeded"
})

/** A completed run whose CJ ranking is `order` (best first), with the given comparisons and split-half. */
const run = (repeat: number, order: ReadonlyArray<string>, wins: ReadonlyArray<readonly [string, string]>, splitHalf: number, outcome: "completed" | "batch_failed" = "completed"): RunInput => {
  const stub = stubArtefact()
  const artefact: AssessmentRunArtefact = {
    ...stub,
    bt_summary: order.map((id, index) => ({ essay_id: id, theta: order.length - index, standard_error: 0.5, rank: index + 1, comparison_count: 4, is_anchor: true, anchor_grade: GRADES[id] ?? "" })),
    llm_comparisons: wins.map(([winner, loser], index) => comparison(index + 1, winner, loser)),
    costs: { total_usd: wins.length * 0.01, token_counts: [{ provider: "anthropic", model: "claude", prompt_tokens: wins.length * 100, completion_tokens: wins.length * 10, usd: wins.length * 0.01 }] },
    reliability: { ssr: null, ssr_not_estimable_reason: "x", largest_component_share: 1, split_half: { median: splitHalf, low: splitHalf, high: splitHalf, splits: 100 }, students: 0, mean_standard_error: null, min_trusted_comparisons: 7, under_compared: [], standard_error_reference: null, refit_max_theta_difference: 0, method: "test" },
    validation: { ...stub.validation, runner_status: { ...stub.validation.runner_status, outcome } }
  }
  return { repeat, batchUuid: artefact.metadata.batch_uuid, runFolder: `/runs/${repeat}`, artefact, error: null }
}

const cell = (name: string, variant: string, matrix: Readonly<Record<string, string>>, runs: ReadonlyArray<RunInput>, plannedRuns = runs.length): CellInput => ({ cell: name, variant, matrix, settings: {}, plannedRuns, runs })
const tauOf = (order: ReadonlyArray<string>) => kendallTauB(order.map((id, index) => [-(index + 1), ORDER[GRADES[id] ?? ""] ?? 0] as const)).value

const PERFECT = ["a1", "b1", "c1", "c2", "d1", "e1"]
const SWAPPED = ["b1", "a1", "c1", "d1", "c2", "e1"]

describe("the experiment's statistics per cell", () => {
  it("averages τ-b over the completed runs, sums comparisons, cost and tokens over every run, and counts the runs that did not complete", () => {
    const runs = [run(1, PERFECT, [["a1", "b1"]], 0.8), run(2, SWAPPED, [["b1", "a1"], ["d1", "c2"]], 0.6), run(3, PERFECT, [["a1", "e1"]], 0.9, "batch_failed")]
    const [report] = experimentStatistics([cell("base", "base", {}, runs)], { replicates: 200 })
    expect(report?.kendallTauB).toBeCloseTo(((tauOf(PERFECT) ?? 0) + (tauOf(SWAPPED) ?? 0)) / 2, 12)
    expect(report?.completedRuns).toBe(2)
    expect(report?.failures).toBe(1)
    expect(report?.splitHalf).toBeCloseTo(0.7, 12)
    expect(report?.comparisons).toBe(4)
    expect(report?.costUsd).toBeCloseTo(0.04, 12)
    expect(report?.tokens).toEqual({ prompt: 400, completion: 40 })
    expect(report?.runs.map((r) => r.outcome)).toEqual(["completed", "completed", "batch_failed"])
    expect(report?.runs[2]?.kendallTauB).toBeNull()
  })

  it("counts direct inversions per run and places them on the grade scale: neighbouring grades are 1 step apart", () => {
    const runs = [run(1, PERFECT, [["b1", "a1"], ["e1", "c1"]], 0.8), run(2, PERFECT, [["b1", "a1"]], 0.8)]
    const [report] = experimentStatistics([cell("base", "base", {}, runs)], { replicates: 100 })
    expect(report?.inversions.perRun).toBe(1.5)
    expect(report?.inversions.byBoundary).toEqual([
      { higherGrade: "A", lowerGrade: "B", steps: 1, count: 2 },
      { higherGrade: "C+", lowerGrade: "E+", steps: 4, count: 1 }
    ])
    // Every boundary of the scale, lowest first: B beating A sits at B | A (twice in two runs); E+ beating C+ crosses four.
    const crossed = Object.fromEntries((report?.inversions.byScaleBoundary ?? []).map((b) => [b.boundary, b.perRun]))
    expect(crossed).toEqual({ "F | F+": 0, "F+ | E-": 0, "E- | E+": 0, "E+ | D-": 0.5, "D- | D+": 0.5, "D+ | C-": 0.5, "C- | C+": 0.5, "C+ | B": 0, "B | A": 1 })
  })

  it("measures agreement between the runs of a cell, and has none with one run", () => {
    const [two, one] = experimentStatistics([cell("two", "v", {}, [run(1, PERFECT, [], 0.8), run(2, PERFECT, [], 0.8)]), cell("one", "v", { t: "1" }, [run(1, PERFECT, [], 0.8)])], { replicates: 100 })
    expect(two?.repeatAgreement).toEqual({ pairs: 1, kendallTauB: 1, spearmanRho: 1, exactGradeAgreement: null })
    expect(one?.repeatAgreement).toBeNull()
  })

  it("compares each variant with the first variant's cell of the same matrix values, with the difference in τ-b and its interval", () => {
    const cells = [
      cell("base [t=0]", "base", { t: "0" }, [run(1, SWAPPED, [], 0.8)]),
      cell("base [t=1]", "base", { t: "1" }, [run(1, PERFECT, [], 0.8)]),
      cell("lc [t=0]", "lc", { t: "0" }, [run(1, PERFECT, [], 0.8)]),
      cell("lc [t=1]", "lc", { t: "1" }, [run(1, PERFECT, [], 0.8)])
    ]
    const reports = experimentStatistics(cells, { replicates: 300 })
    expect(reports.map((r) => r.versusBaseline?.baseline ?? null)).toEqual([null, null, "base [t=0]", "base [t=1]"])
    expect(reports[2]?.versusBaseline?.kendallTauBDifference).toBeCloseTo((tauOf(PERFECT) ?? 0) - (tauOf(SWAPPED) ?? 0), 12)
    expect(reports[3]?.versusBaseline).toEqual({ baseline: "base [t=1]", kendallTauBDifference: 0, interval: { low: 0, high: 0, level: 0.95 } })
    expect(reports[2]?.kendallTauBInterval?.low).toBeLessThanOrEqual(reports[2]?.kendallTauB ?? Number.NaN)
  })

  it("reports a cell whose batches never completed without τ-b, and with every planned run counted as a failure", () => {
    const neverRan: RunInput = { repeat: 1, batchUuid: "u", runFolder: "/runs/x", artefact: null, error: { tag: "PreflightFailed", message: "CJ refused", fix: "fix it", exitCode: 2 } }
    const [report] = experimentStatistics([cell("base", "base", {}, [neverRan], 2)], { replicates: 50 })
    expect(report).toMatchObject({ kendallTauB: null, kendallTauBInterval: null, completedRuns: 0, failures: 2, costUsd: 0 })
    expect(report?.runs[0]).toMatchObject({ outcome: "not_started", error: { tag: "PreflightFailed" } })
  })
})
