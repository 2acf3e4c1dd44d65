import { describe, expect, it } from "vitest"
import type { BtEntry } from "../../src/domain/artefact.js"
import { cjIdsOf, scoreArtefact } from "../../src/domain/artefactReliability.js"
import { scoreLikeCj } from "../../src/statistics/cjScoring.js"

const record = (status: string, winner_id: string, loser_id: string) => ({ status, winner_id, loser_id })
const entry = (essay_id: string, theta: number, is_anchor = false): BtEntry => ({ essay_id, theta, standard_error: 0, standard_error_available: false, rank: 1, comparison_count: 0, is_anchor })
const same = (id: string) => id

describe("the SEs and reliability eng5 adds to an artefact", () => {
  it("are absent before the batch has scores", () => {
    expect(scoreArtefact([], [record("succeeded", "s1", "s2")], same)).toBeNull()
  })

  it("count successful comparisons only, and give a never-compared student no standard error", () => {
    const scores = [entry("s1", 1), entry("s2", -1), entry("a1", 0, true)]
    const result = scoreArtefact(scores, [record("succeeded", "s1", "a1"), record("failed", "s1", "s2"), record("failed", "s2", "a1")], same)
    expect(result?.reliability.under_compared).toEqual([
      { essay_id: "s2", comparisons: 0, standard_error: null },
      { essay_id: "s1", comparisons: 1, standard_error: expect.any(Number) }
    ])
    expect(result?.reliability.students).toBe(1)
    expect(result?.reliability.ssr).toBeNull()
    expect(result?.bt_summary.map((e) => [e.essay_id, e.standard_error_available])).toEqual([
      ["s1", true],
      ["s2", true],
      ["a1", true]
    ])
  })

  it("order essays by the ids CJ held, so CJ's reference and SEs come out, and the refit reproduces CJ's θ", () => {
    // Stable ids sort one way, the ids sent to CJ another; the anchor sorting last among CJ's ids is the reference.
    const students = [
      { essay_id: "zeta", cj_essay_id: "A-sent" },
      { essay_id: "alpha", cj_essay_id: "B-sent" },
      { essay_id: "mid", cj_essay_id: "C-sent" }
    ]
    const cjIdOf = cjIdsOf(students)
    const comparisons = [
      record("succeeded", "zeta", "alpha"),
      record("succeeded", "alpha", "mid"),
      record("succeeded", "mid", "zeta"),
      record("succeeded", "zeta", "ANCHOR_1_x"),
      record("succeeded", "ANCHOR_2_y", "alpha"),
      record("succeeded", "mid", "ANCHOR_2_y"),
      record("succeeded", "ANCHOR_1_x", "mid")
    ]
    const cj = scoreLikeCj(
      ["A-sent", "B-sent", "C-sent", "ANCHOR_1_x", "ANCHOR_2_y"].map((essayId) => ({ essayId, isAnchor: essayId.startsWith("ANCHOR") })),
      comparisons.map((c) => ({ winner: cjIdOf(c.winner_id), loser: cjIdOf(c.loser_id) }))
    )
    const published = new Map(cj.essays.map((e) => [e.essayId, e]))
    const summary = ["zeta", "alpha", "mid", "ANCHOR_1_x", "ANCHOR_2_y"].map((id) => entry(id, published.get(cjIdOf(id))?.theta as number, id.startsWith("ANCHOR")))
    const result = scoreArtefact(summary, comparisons, cjIdOf)
    expect(result?.reliability.standard_error_reference).toBe("ANCHOR_2_y")
    expect(result?.reliability.refit_max_theta_difference).toBeLessThan(1e-9)
    for (const e of result?.bt_summary ?? []) expect(e.standard_error).toBeCloseTo(published.get(cjIdOf(e.essay_id))?.standardError as number, 12)
  })
})
