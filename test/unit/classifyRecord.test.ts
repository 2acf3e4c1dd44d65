import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import { classifyRecord } from "../../src/domain/classifyRecord.js"
import { TOPICS } from "../../src/domain/platform.js"
import { comparisonCallback, completionEvent, failureEvent, pythonJson, resultEvent } from "../support/cjEvents.js"

const batch = randomUUID()
const other = randomUUID()
const correlation = randomUUID()

const tagOf = (topic: string, value: string | null) => classifyRecord(topic, value, batch)

describe("classifying consumed records (two-phase parse, then the batch match)", () => {
  it("routes each followed topic to its event kind when the event is this batch's", () => {
    const cases = [
      [TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "A1", essayB: "s1" }), "comparison"],
      [TOPICS.completed, completionEvent(batch, correlation, ["s1"]), "completion"],
      [TOPICS.resultPublished, resultEvent(batch, correlation, [{ essayId: "s1", grade: "B", rank: 1, bt: 0.4 }]), "result"],
      [TOPICS.failed, failureEvent(batch, correlation, "too few comparisons"), "failure"]
    ] as const
    for (const [topic, value, kind] of cases) expect(tagOf(topic, value)).toMatchObject({ _tag: "Ours", event: { kind } })
  })

  it("ignores other batches' events, even malformed ones that still name their batch", () => {
    expect(tagOf(TOPICS.comparisonResult, comparisonCallback({ batchUuid: other, essayA: "a", essayB: "b" }))._tag).toBe("Foreign")
    expect(tagOf(TOPICS.completed, completionEvent(other, correlation, []))._tag).toBe("Foreign")
    expect(tagOf(TOPICS.resultPublished, resultEvent(other, correlation, []))._tag).toBe("Foreign")
    expect(tagOf(TOPICS.failed, failureEvent(other, correlation, "x"))._tag).toBe("Foreign")
    const brokenEnvelope = pythonJson({ event_type: "x", data: { entity_id: other } })
    expect(tagOf(TOPICS.completed, brokenEnvelope)._tag).toBe("Foreign")
  })

  it("matches callbacks on request_metadata.bos_batch_id, case-insensitively, and falls back to batch_id", () => {
    const upper = comparisonCallback({ batchUuid: batch.toUpperCase(), essayA: "a", essayB: "b" })
    expect(tagOf(TOPICS.comparisonResult, upper)._tag).toBe("Ours")
    const legacy = comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", requestMetadata: { essay_a_id: "a", essay_b_id: "b", batch_id: batch, prompt_sha256: "c".repeat(64) } })
    expect(tagOf(TOPICS.comparisonResult, legacy)._tag).toBe("Ours")
    const echoed = comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", requestMetadata: { essay_a_id: "a", essay_b_id: "b", bos_batch_id: batch, batch_id: "provider-42", prompt_sha256: "c".repeat(64) } })
    expect(tagOf(TOPICS.comparisonResult, echoed)._tag).toBe("Ours")
  })

  it.each([
    ["an empty message", null, "empty message"],
    ["text that is not JSON", "{not json", "not JSON"],
    ["an envelope without event_id", pythonJson({ event_type: "x", source_service: "y", data: { request_metadata: { bos_batch_id: batch } } }), "envelope"],
    ["a callback without a prompt hash", comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", promptHash: null }), "prompt_sha256"],
    ["a callback with an upper-case prompt hash", comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", promptHash: "A".repeat(64) }), "prompt_sha256"],
    ["a callback without essay ids", comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", requestMetadata: { bos_batch_id: batch, prompt_sha256: "c".repeat(64) } }), "essay_a_id"],
    ["a callback naming no batch", comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", requestMetadata: { essay_a_id: "a", essay_b_id: "b" } }), "names no batch"]
  ])("counts %s as invalid, with the reason", (_name, value, reason) => {
    expect(tagOf(TOPICS.comparisonResult, value)).toMatchObject({ _tag: "Invalid", reason: expect.stringContaining(reason) })
  })

  it("rejects a callback with both a winner and an error, and a result whose rank breaks the contract", () => {
    const both = JSON.parse(comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b" }))
    both.data.error_detail = JSON.parse(comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", error: { code: "LLM_PROVIDER_TIMEOUT", message: "t" } })).data.error_detail
    expect(tagOf(TOPICS.comparisonResult, JSON.stringify(both))._tag).toBe("Invalid")
    const badRank = resultEvent(batch, correlation, [{ essayId: "s1", grade: "B", rank: 0, bt: 0.1 }])
    expect(tagOf(TOPICS.resultPublished, badRank)._tag).toBe("Invalid")
  })

  it("accepts what Pydantic accepts: 32-hex UUIDs, naive timestamps, unknown extra fields, new enum values", () => {
    const event = JSON.parse(comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", provider: "some_new_provider" }))
    event.event_id = event.event_id.replace(/-/g, "").toUpperCase()
    event.data.requested_at = "2026-02-07T10:11:12.345678"
    event.data.future_field = { nested: true }
    expect(tagOf(TOPICS.comparisonResult, JSON.stringify(event))._tag).toBe("Ours")
    const numericGrades = resultEvent(batch, correlation, [{ essayId: "s1", grade: "7", rank: 1, bt: 0.1 }])
    expect(tagOf(TOPICS.resultPublished, numericGrades)._tag).toBe("Ours")
  })
})
