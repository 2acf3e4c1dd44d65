import { randomUUID } from "node:crypto"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { AssessmentFailed, ComparisonResult, ConsumedEnvelope, ErrorDetail } from "../../../src/domain/consumedEvents.js"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { TOPICS } from "../../../src/domain/platform.js"
import type { ComparisonCallbackData, SimulatedMessage } from "../../../src/sandbox/platformEvents.js"
import { runSimulation } from "../../../src/sandbox/simulateBatch.js"
import { requestFor } from "./sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "./syntheticEssays.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale
const students = syntheticStudents(12, "faults")
const essays = [...students, ...syntheticAnchors(["E+", "C-", "B"], "faults")]
const base = { seed: 17, gradeScale: legacy, now: () => new Date("2026-02-07T10:00:00Z"), newUuid: randomUUID }

const callbacks = (messages: ReadonlyArray<SimulatedMessage>): Array<ComparisonCallbackData> =>
  messages.flatMap((message) => (message.topic === TOPICS.comparisonResult ? [message.envelope.data] : []))
const topicsOf = (messages: ReadonlyArray<SimulatedMessage>) => messages.map((message) => message.topic)

describe("simulated batch: fault knobs", () => {
  it("answers about errorRate of the comparisons with decodable error callbacks and fits the rest", () => {
    const outcome = runSimulation(requestFor(essays), essays, { ...base, errorRate: 0.3 })
    const all = callbacks(outcome.messages)
    const errors = all.filter((callback) => callback.error_detail !== null)
    expect(all).toHaveLength(outcome.pairs.length)
    expect(errors).toHaveLength(outcome.comparisons.filter((comparison) => !comparison.succeeded).length)
    expect(errors.length / all.length).toBeGreaterThan(0.2)
    expect(errors.length / all.length).toBeLessThan(0.4)
    for (const error of errors) {
      expect(error).toMatchObject({ winner: null, justification: null, confidence: null, model: "unknown", cost_estimate: 0 })
      expect(error.error_detail?.correlation_id).toBe(error.correlation_id)
      expect(() => Schema.decodeUnknownSync(ErrorDetail)(error.error_detail)).not.toThrow()
      expect(() => Schema.decodeUnknownSync(ComparisonResult)(error)).not.toThrow()
      expect(error.request_metadata.prompt_sha256).toMatch(/^[0-9a-f]{64}$/)
    }
    const fitted = outcome.fit?.essays.reduce((sum, essay) => sum + essay.comparisons, 0) ?? 0
    expect(fitted).toBe(2 * (all.length - errors.length))
  })

  it("redelivers about duplicateRate of the callbacks as identical messages with the same request_id", () => {
    const outcome = runSimulation(requestFor(essays), essays, { ...base, duplicateRate: 0.25 })
    const all = outcome.messages.filter((message) => message.topic === TOPICS.comparisonResult)
    const requestIds = all.map((message) => (message.envelope.data as ComparisonCallbackData).request_id)
    const distinct = new Set(requestIds)
    const duplicates = requestIds.length - distinct.size
    expect(distinct.size).toBe(outcome.pairs.length)
    expect(duplicates).toBe(outcome.comparisons.filter((comparison) => comparison.deliveriesAtMs.length === 2).length)
    expect(duplicates / distinct.size).toBeGreaterThan(0.15)
    expect(duplicates / distinct.size).toBeLessThan(0.35)
    const deliveries = Map.groupBy(all, (message) => (message.envelope.data as ComparisonCallbackData).request_id)
    for (const copies of deliveries.values()) for (const copy of copies) expect(copy).toEqual(copies[0])
    // Duplicates are not extra comparisons: the fit sees each pair once.
    expect(outcome.fit?.essays.reduce((sum, essay) => sum + essay.comparisons, 0)).toBe(2 * outcome.pairs.length)
  })

  it("publishes CJAssessmentFailedV1 instead of the completion and the result when asked to fail the batch", () => {
    const request = requestFor(essays)
    const outcome = runSimulation(request, essays, { ...base, failBatch: true })
    const topics = topicsOf(outcome.messages)
    expect(topics.filter((topic) => topic === TOPICS.comparisonResult)).toHaveLength(outcome.pairs.length)
    expect(topics.at(-1)).toBe(TOPICS.failed)
    expect(topics).not.toContain(TOPICS.completed)
    expect(topics).not.toContain(TOPICS.resultPublished)
    const failure = outcome.messages.at(-1)
    if (failure?.topic !== TOPICS.failed) throw new Error("no failure event")
    expect(failure.key).toBe(request.data.entity_id)
    expect(failure.envelope).toMatchObject({ event_type: TOPICS.failed, correlation_id: request.correlation_id })
    const envelope = Schema.decodeUnknownSync(ConsumedEnvelope)(failure.envelope)
    const data = Schema.decodeUnknownSync(AssessmentFailed)(envelope.data)
    expect(data).toMatchObject({ entity_id: request.data.entity_id, status: "failed_critically" })
    expect(data.system_metadata?.error_info?.["error_code"]).toBe("SANDBOX_SIMULATED_FAILURE")
  })

  it("publishes the completion but no result when asked to drop it", () => {
    const topics = topicsOf(runSimulation(requestFor(essays), essays, { ...base, dropResult: true }).messages)
    expect(topics.at(-1)).toBe(TOPICS.completed)
    expect(topics).not.toContain(TOPICS.resultPublished)
  })

  it("reports a critical failure when every comparison errors, with every student unscored", () => {
    const outcome = runSimulation(requestFor(essays), essays, { ...base, errorRate: 1 })
    expect(callbacks(outcome.messages).every((callback) => callback.error_detail !== null)).toBe(true)
    expect(outcome.fit).toBeUndefined()
    const completion = outcome.messages.find((message) => message.topic === TOPICS.completed)
    if (completion?.topic !== TOPICS.completed) throw new Error("no completion")
    expect(completion.envelope.data.status).toBe("failed_critically")
    expect(completion.envelope.data.processing_summary).toMatchObject({ total_essays: 12, successful: 0, failed: 12 })
    const result = outcome.messages.at(-1)
    if (result?.topic !== TOPICS.resultPublished) throw new Error("no result")
    const results = result.envelope.data.essay_results
    for (const essay of results) expect(essay).toMatchObject({ bt_score: 0, rank: 999, normalized_score: 0 })
    for (const student of results.filter((essay) => !essay.is_anchor)) expect(student).toMatchObject({ letter_grade: "U", confidence_score: 0 })
  })

  it("leaves every knob off by default", () => {
    const outcome = runSimulation(requestFor(essays), essays, base)
    const all = callbacks(outcome.messages)
    expect(all.every((callback) => callback.error_detail === null)).toBe(true)
    expect(new Set(all.map((callback) => callback.request_id)).size).toBe(all.length)
    expect(topicsOf(outcome.messages).slice(-2)).toEqual([TOPICS.completed, TOPICS.resultPublished])
  })
})
