import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import { type BatchEvent, classifyRecord } from "../../src/domain/classifyRecord.js"
import { Hydrator, canonicalTimestamp } from "../../src/domain/hydrator.js"
import { TOPICS } from "../../src/domain/platform.js"
import { comparisonCallback, completionEvent, failureEvent, resultEvent } from "../support/cjEvents.js"

const batch = randomUUID()
const correlation = randomUUID()

const event = (topic: string, value: string): BatchEvent => {
  const classified = classifyRecord(topic, value, batch)
  if (classified._tag !== "Ours") throw new Error(`test event not accepted: ${JSON.stringify(classified)}`)
  return classified.event
}
const callback = (spec: Omit<Parameters<typeof comparisonCallback>[0], "batchUuid">) => event(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, ...spec }))
const hydrator = () => new Hydrator("eng5_np_legacy_9_step")

describe("Hydrator: the artefact's results, one event at a time", () => {
  it("records winner and loser by slot, with the callback's prompt hash, tokens, cost and timestamps", () => {
    const h = hydrator()
    const hash = "ab".repeat(32)
    const a = h.apply(callback({ essayA: "ANCHOR_1_aaaa", essayB: "s1", winner: "Essay B", requestId: "r1", promptHash: hash, promptTokens: 100, completionTokens: 20, cost: 0.01 }))
    h.apply(callback({ essayA: "s2", essayB: "ANCHOR_1_aaaa", winner: "Essay A", requestId: "r2" }))
    expect(a._tag).toBe("ComparisonRecorded")
    const [first, second] = h.comparisons
    expect(first).toMatchObject({
      sequence: 1,
      request_id: "r1",
      winner_id: "s1",
      loser_id: "ANCHOR_1_aaaa",
      essay_a_id: "ANCHOR_1_aaaa",
      essay_b_id: "s1",
      prompt_hash: hash,
      provider: "anthropic",
      tokens_prompt: 100,
      tokens_completion: 20,
      cost_usd: 0.01,
      status: "succeeded",
      confidence: 4.2
    })
    expect(first?.started_at).toMatch(/Z$/)
    expect(second).toMatchObject({ sequence: 2, winner_id: "s2", loser_id: "ANCHOR_1_aaaa" })
  })

  it("records an error callback as failed with CJ's reason and code, keeping A/B order", () => {
    const h = hydrator()
    h.apply(callback({ essayA: "a", essayB: "b", error: { code: "LLM_PROVIDER_TIMEOUT", message: "provider timed out" }, cost: 0.002 }))
    const [record] = h.comparisons
    expect(record).toMatchObject({ status: "failed", failure_reason: "provider timed out", error_code: "LLM_PROVIDER_TIMEOUT", winner_id: "a", loser_id: "b", model: "unknown" })
    expect(record).not.toHaveProperty("confidence")
    expect(h.failedComparisonCount).toBe(1)
    expect(h.observedEvents().failed_comparisons).toBe(1)
  })

  it("counts a repeated request_id as a duplicate and does not apply it again", () => {
    const h = hydrator()
    h.apply(callback({ essayA: "a", essayB: "b", requestId: "same", cost: 0.5 }))
    const again = h.apply(callback({ essayA: "a", essayB: "b", requestId: "same", cost: 0.5 }))
    expect(again).toEqual({ _tag: "DuplicateComparison", requestId: "same" })
    expect(h.comparisonCount).toBe(1)
    expect(h.totalCostUsd).toBe(0.5)
    expect(h.observedEvents()).toMatchObject({ llm_comparisons: 1, duplicate_comparisons: 1 })
  })

  it("adds up cost and tokens per provider and model, failed comparisons included, rounded to 6 decimals", () => {
    const h = hydrator()
    h.apply(callback({ essayA: "a", essayB: "b", provider: "openai", model: "gpt-5.1", promptTokens: 10, completionTokens: 1, cost: 0.1 }))
    h.apply(callback({ essayA: "a", essayB: "c", provider: "openai", model: "gpt-5.1", promptTokens: 20, completionTokens: 2, cost: 0.2 }))
    h.apply(callback({ essayA: "b", essayB: "c", provider: "anthropic", model: "claude-haiku-4-5-20251001", promptTokens: 5, completionTokens: 5, cost: 0.0000004 }))
    h.apply(callback({ essayA: "b", essayB: "c", provider: "openai", error: { code: "LLM_PROVIDER_API_ERROR", message: "500" }, cost: 0.05 }))
    const { costs } = h.sections()
    expect(costs.total_usd).toBe(0.35)
    expect(costs.token_counts).toEqual([
      { provider: "openai", model: "gpt-5.1", prompt_tokens: 30, completion_tokens: 3, usd: 0.3, comparisons: 2, failed_comparisons: 0 },
      { provider: "anthropic", model: "claude-haiku-4-5-20251001", prompt_tokens: 5, completion_tokens: 5, usd: 0, comparisons: 1, failed_comparisons: 0 },
      { provider: "openai", model: "unknown", prompt_tokens: 2100, completion_tokens: 80, usd: 0.05, comparisons: 1, failed_comparisons: 1 }
    ])
  })

  it("lists the prompt hashes seen with how many comparisons used each", () => {
    const h = hydrator()
    h.apply(callback({ essayA: "a", essayB: "b", promptHash: "1".repeat(64) }))
    h.apply(callback({ essayA: "a", essayB: "c", promptHash: "1".repeat(64) }))
    h.apply(callback({ essayA: "b", essayB: "c", promptHash: "2".repeat(64) }))
    expect(h.promptHashes()).toEqual([
      { hash: "1".repeat(64), comparisons: 2 },
      { hash: "2".repeat(64), comparisons: 1 }
    ])
  })

  it("builds bt_summary and grade projections from the last result, counting each essay's real comparisons", () => {
    const h = hydrator()
    h.apply(callback({ essayA: "ANCHOR_1_aaaa", essayB: "s1" }))
    h.apply(callback({ essayA: "s1", essayB: "s2" }))
    h.apply(callback({ essayA: "s1", essayB: "s2", error: { code: "LLM_PROVIDER_TIMEOUT", message: "t" } }))
    h.apply(event(TOPICS.resultPublished, resultEvent(batch, correlation, [{ essayId: "s1", grade: "B", rank: 1, bt: 0.9 }])))
    const essays = [
      { essayId: "s1", grade: "B", rank: 1, bt: 0.9, confidence: 0.81 },
      { essayId: "s2", grade: "U", rank: 3, bt: -0.2, confidence: 0 },
      { essayId: "ANCHOR_1_aaaa", grade: "C+", rank: 2, bt: 0.1, anchor: true }
    ]
    const probabilities = { grade_projection_summary: { grade_probabilities: { s1: { B: 0.6, "C+": 0.4 } } } }
    h.apply(event(TOPICS.resultPublished, resultEvent(batch, correlation, essays, probabilities)))
    const { bt_summary, grade_projections } = h.sections()
    expect(bt_summary).toEqual([
      { essay_id: "s1", theta: 0.9, standard_error: 0, standard_error_available: false, rank: 1, comparison_count: 2, is_anchor: false, grade_projection: "B", normalized_score: 0.59 },
      { essay_id: "s2", theta: -0.2, standard_error: 0, standard_error_available: false, rank: 3, comparison_count: 1, is_anchor: false, grade_projection: "U", normalized_score: 0.48 },
      { essay_id: "ANCHOR_1_aaaa", theta: 0.1, standard_error: 0, standard_error_available: false, rank: 2, comparison_count: 1, is_anchor: true, anchor_grade: "C+", grade_projection: "C+", normalized_score: 0.51 }
    ])
    expect(grade_projections.map((p) => [p.essay_id, p.probabilities, p.probabilities_source])).toEqual([
      ["s1", { B: 0.6, "C+": 0.4 }, "cj_grade_probabilities"],
      ["s2", {}, "no_projection"],
      ["ANCHOR_1_aaaa", { "C+": 0.72 }, "cj_confidence_score"]
    ])
    expect(grade_projections.every((p) => p.grade_scale === "eng5_np_legacy_9_step")).toBe(true)
    expect(h.observedEvents().assessment_results).toBe(2)
  })

  it("keeps CJ's own words when the batch fails, and counts completions", () => {
    const h = hydrator()
    expect(h.apply(event(TOPICS.completed, completionEvent(batch, correlation, ["s1"])))).toEqual({ _tag: "CompletionSeen", status: "completed_successfully", count: 1 })
    const failed = h.apply(event(TOPICS.failed, failureEvent(batch, correlation, "Success rate 12% below threshold")))
    expect(failed).toEqual({ _tag: "BatchFailed", reason: "CJ_INSUFFICIENT_COMPARISONS: Success rate 12% below threshold" })
    expect(h.failure).toBe("CJ_INSUFFICIENT_COMPARISONS: Success rate 12% below threshold")
    expect(h.observedEvents()).toMatchObject({ completions: 1, failures: 1 })
  })

  it("normalises timestamps to carry a zone", () => {
    expect(canonicalTimestamp("2026-02-07T10:11:12.345678")).toBe("2026-02-07T10:11:12.345678Z")
    expect(canonicalTimestamp("2026-02-07T10:11:12+0100")).toBe("2026-02-07T10:11:12+01:00")
    expect(canonicalTimestamp("2026-02-07T10:11:12Z")).toBe("2026-02-07T10:11:12Z")
  })
})
