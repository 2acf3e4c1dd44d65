import { Exit, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { buildLlmOverrides, composeRequest } from "../../src/domain/composeRequest.js"
import { RequestEnvelope } from "../../src/domain/requestEnvelope.js"

const base = {
  eventId: "6d60fa6e-0000-4000-8000-000000000001",
  batchUuid: "11111111-2222-4333-8444-555555555555",
  correlationId: "97de1776-0000-4000-8000-000000000002",
  now: new Date("2026-02-07T10:11:12.345Z"),
  assignmentId: "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e",
  essays: [{ essay_id: "john_doe_essay", text_storage_id: "3f2a0000000000000000000000000000", spellcheck_metrics: null }],
  language: "en" as const,
  courseCode: "ENG5" as const,
  userId: "eng5_np_research_runner",
  orgId: null,
  llmOverrides: null,
  runnerMode: "execute",
  batchLabel: "pilot"
}

describe("LLM overrides", () => {
  it("is null when nothing is set", () => {
    expect(buildLlmOverrides({})).toBeNull()
  })

  it("sends a temperature of 0 on its own (the old runner dropped it)", () => {
    const overrides = buildLlmOverrides({ temperature: 0 })
    expect(overrides?.temperature_override).toBe(0)
    expect(Object.keys(overrides ?? {})).toHaveLength(8)
  })
})

describe("request envelope", () => {
  it("carries the batch uuid in every place CJ reads it and passes the contract schema", () => {
    const envelope = composeRequest({ ...base, maxComparisons: 42, llmBatchingModeHint: "serial_bundle" })
    expect(envelope.event_type).toBe("huleedu.els.cj_assessment.requested.v1")
    expect(envelope.source_service).toBe("eng5_np_batch_runner")
    expect(envelope.data.entity_id).toBe(base.batchUuid)
    expect(envelope.data.system_metadata.entity_id).toBe(base.batchUuid)
    expect(envelope.data.parent_id).toBe(base.assignmentId)
    expect(envelope.data.assignment_id).toBe(base.assignmentId)
    expect(envelope.event_timestamp).toBe("2026-02-07T10:11:12.345000Z")
    expect(envelope.metadata).toEqual({ runner_mode: "execute", batch_label: "pilot", max_comparisons: 42, llm_batching_mode_hint: "serial_bundle" })
    expect(Exit.isSuccess(Schema.decodeUnknownExit(RequestEnvelope)(envelope))).toBe(true)
  })

  it("leaves optional metadata keys out instead of sending nulls", () => {
    expect(Object.keys(composeRequest(base).metadata)).toEqual(["runner_mode", "batch_label"])
  })

  it("fails the contract schema for a request CJ would drop", () => {
    const broken = { ...composeRequest(base), data: { ...composeRequest(base).data, essays_for_cj: [] } }
    expect(Exit.isSuccess(Schema.decodeUnknownExit(RequestEnvelope)(broken))).toBe(false)
    const badCourse = { ...composeRequest(base), data: { ...composeRequest(base).data, course_code: "ENG9" } }
    expect(Exit.isSuccess(Schema.decodeUnknownExit(RequestEnvelope)(badCourse))).toBe(false)
  })
})
