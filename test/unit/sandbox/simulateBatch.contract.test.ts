import { randomUUID } from "node:crypto"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { AssessmentCompleted, AssessmentResult, ComparisonResult, ConsumedEnvelope } from "../../../src/domain/consumedEvents.js"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { costOf, lookupModel } from "../../../src/domain/modelManifest.js"
import { TOPICS } from "../../../src/domain/platform.js"
import { DEFAULT_CJ_SYSTEM_PROMPT } from "../../../src/domain/systemPrompt.js"
import { renderComparisonPrompt, sha256Hex } from "../../../src/sandbox/comparisonPrompt.js"
import type { ComparisonCallbackData, SimulatedMessage } from "../../../src/sandbox/platformEvents.js"
import { runSimulation } from "../../../src/sandbox/simulateBatch.js"
import { requestFor } from "./sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "./syntheticEssays.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale
const students = syntheticStudents(8, "contract")
const anchors = syntheticAnchors(["F+", "E+", "D+", "C+", "A"], "contract")
const essays = [...students, ...anchors]
const options = { seed: 99, gradeScale: legacy, now: () => new Date("2026-02-07T10:00:00Z"), newUuid: randomUUID }
const haiku = { provider: "anthropic", model: "claude-haiku-4-5-20251001", temperature: 0.3 }

const callbacksOf = (messages: ReadonlyArray<SimulatedMessage>): Array<ComparisonCallbackData> =>
  messages.flatMap((message) => (message.topic === TOPICS.comparisonResult ? [message.envelope.data] : []))

/** Decodes a message the way eng5's collector does: envelope first, then the payload chosen by topic. */
const decode = (message: SimulatedMessage) => {
  const envelope = Schema.decodeUnknownSync(ConsumedEnvelope)(JSON.parse(JSON.stringify(message.envelope)))
  switch (message.topic) {
    case TOPICS.comparisonResult:
      return Schema.decodeUnknownSync(ComparisonResult)(envelope.data)
    case TOPICS.completed:
      return Schema.decodeUnknownSync(AssessmentCompleted)(envelope.data)
    case TOPICS.resultPublished:
      return Schema.decodeUnknownSync(AssessmentResult)(envelope.data)
    case TOPICS.failed:
      throw new Error("no failure expected in this run")
  }
}

describe("simulated batch: the platform's messages", () => {
  const request = requestFor(essays, { llm: haiku })
  const outcome = runSimulation(request, essays, { ...options, errorRate: 0.1 })

  it("publishes callbacks, then the completion, then the result, every one decodable by eng5's schemas", () => {
    const topics = outcome.messages.map((message) => message.topic)
    expect(topics.slice(0, -2).every((topic) => topic === TOPICS.comparisonResult)).toBe(true)
    expect(topics.slice(-2)).toEqual([TOPICS.completed, TOPICS.resultPublished])
    for (const message of outcome.messages) expect(() => decode(message)).not.toThrow()
  })

  it("writes callbacks as the LLM Provider does, linked to the batch through request_metadata", () => {
    const completion = outcome.messages.find((message) => message.topic === TOPICS.completed)
    for (const message of outcome.messages.filter((m) => m.topic === TOPICS.comparisonResult)) {
      expect(message.key).toBeNull()
      expect(message.envelope).toMatchObject({ event_type: "LLMComparisonResultV1", source_service: "llm_provider_service", metadata: null })
      const data = message.envelope.data as ComparisonCallbackData
      expect(message.envelope.correlation_id).toBe(data.correlation_id)
      expect(data.request_metadata).toMatchObject({
        bos_batch_id: request.data.entity_id,
        cj_batch_id: completion?.envelope.data.cj_assessment_job_id,
        cj_source: "els",
        cj_request_type: "cj_comparison"
      })
      expect(data.request_metadata.prompt_sha256).toMatch(/^[0-9a-f]{64}$/)
      for (const id of [data.request_metadata.essay_a_id, data.request_metadata.essay_b_id]) {
        expect(students.some((student) => student.essayId === id) || /^ANCHOR_\d+_[0-9a-f]{8}$/.test(id)).toBe(true)
      }
    }
  })

  it("hashes and counts the rendered prompt of each pair, prices it from the manifest and times it", () => {
    const textOf = new Map(outcome.essays.map((essay, index) => [essay.essayId, (index < students.length ? students[index] : anchors[index - students.length])?.text ?? ""]))
    const model = lookupModel(haiku.model, haiku.provider)
    if (model._tag !== "Found") throw new Error("the manifest should list Claude Haiku 4.5")
    const succeeded = callbacksOf(outcome.messages).filter((callback) => callback.winner !== null)
    expect(succeeded.length).toBeGreaterThan(0)
    for (const callback of succeeded) {
      const prompt = renderComparisonPrompt({
        systemPrompt: DEFAULT_CJ_SYSTEM_PROMPT,
        rubric: null,
        instructions: null,
        essayAText: textOf.get(callback.request_metadata.essay_a_id) ?? "",
        essayBText: textOf.get(callback.request_metadata.essay_b_id) ?? ""
      })
      expect(callback.request_metadata.prompt_sha256).toBe(sha256Hex(prompt))
      // What the cost estimate assumes: 4 characters per token plus the middle of CJ's template band.
      expect(callback.token_usage.prompt_tokens).toBe(Math.ceil(prompt.length / 4) + 375)
      expect(callback.token_usage.completion_tokens).toBeGreaterThanOrEqual(40)
      expect(callback.token_usage.completion_tokens).toBeLessThanOrEqual(120)
      expect(callback.token_usage.total_tokens).toBe(callback.token_usage.prompt_tokens + callback.token_usage.completion_tokens)
      expect(callback.cost_estimate).toBeCloseTo(costOf(model.model, callback.token_usage.prompt_tokens, callback.token_usage.completion_tokens), 9)
      expect(callback.cost_estimate).toBeGreaterThan(0)
      expect(Date.parse(callback.completed_at) - Date.parse(callback.requested_at)).toBe(callback.response_time_ms)
      expect(callback).toMatchObject({ provider: "anthropic", model: haiku.model, error_detail: null })
    }
  })

  it("delivers callbacks in the order the judge finished them", () => {
    const published = outcome.messages.map((message) => Date.parse(message.envelope.event_timestamp))
    expect(published).toEqual([...published].sort((a, b) => a - b))
  })

  it("completes with the request's correlation id, keyed by the batch, counting students only", () => {
    const completion = outcome.messages.find((message) => message.topic === TOPICS.completed)
    if (completion?.topic !== TOPICS.completed) throw new Error("no completion")
    expect(completion.key).toBe(request.data.entity_id)
    expect(completion.envelope).toMatchObject({ event_type: TOPICS.completed, source_service: "cj_assessment_service", correlation_id: request.correlation_id })
    expect(completion.envelope.metadata?.["traceparent"]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)
    const summary = completion.envelope.data.processing_summary
    expect(completion.envelope.data.status).toBe("completed_successfully")
    expect(summary.total_essays).toBe(students.length)
    expect(summary.successful + summary.failed).toBe(students.length)
    expect([...summary.successful_essay_ids, ...summary.failed_essay_ids].every((id) => !id.startsWith("ANCHOR_"))).toBe(true)
    expect(summary.single_essay_batch).toBe(false)
  })

  it("publishes a result with every student and anchor, ranked, graded in the scale, keyed by CJ's job id", () => {
    const result = outcome.messages.at(-1)
    if (result?.topic !== TOPICS.resultPublished) throw new Error("no result")
    const data = result.envelope.data
    expect(result.key).toBe(data.cj_assessment_job_id)
    expect(result.envelope).toMatchObject({ event_type: "assessment.result.published", correlation_id: request.correlation_id })
    expect(data).toMatchObject({ batch_id: request.data.entity_id, assessment_method: "cj_assessment", model_used: haiku.model, model_provider: "anthropic", assignment_id: request.data.assignment_id })
    expect(data.essay_results).toHaveLength(essays.length)
    expect(data.essay_results.map((essay) => essay.rank).sort((a, b) => a - b)).toEqual(essays.map((_, index) => index + 1))
    for (const essay of data.essay_results) {
      expect(legacy.grades).toContain(essay.letter_grade)
      expect(essay.normalized_score).toBeGreaterThanOrEqual(0)
      expect(essay.normalized_score).toBeLessThanOrEqual(1)
      expect(essay.is_anchor).toBe(essay.essay_id.startsWith("ANCHOR_"))
      expect(essay.display_name).toBe(essay.is_anchor ? `ANCHOR GRADE ${essay.letter_grade}` : null)
    }
    expect(data.essay_results.filter((essay) => essay.is_anchor).map((essay) => essay.letter_grade)).toEqual(["F+", "E+", "D+", "C+", "A"])
    expect(data.assessment_metadata).toMatchObject({
      anchor_essays_used: 5,
      calibration_method: "anchor",
      anchor_grade_distribution: { A: 1, B: 0, C: 1, D: 1, E: 1, F: 1, U: 0 },
      comparison_count: (13 * 12) / 2,
      llm_temperature: 0.3,
      course_code: "ENG5"
    })
  })

  it("projects no grades without anchors, as CJ does for a GUEST batch", () => {
    const guest = runSimulation(requestFor(students, { assignmentId: null }), students, options)
    const result = guest.messages.at(-1)
    if (result?.topic !== TOPICS.resultPublished) throw new Error("no result")
    expect(result.envelope.data.assessment_metadata.calibration_method).toBe("default")
    expect(result.envelope.data.essay_results.every((essay) => essay.letter_grade === "U" && essay.confidence_score === 0)).toBe(true)
  })

  it("takes the model from the request, else CJ's defaults", () => {
    expect(runSimulation(requestFor(students), students, options)).toMatchObject({ provider: "openai", modelId: "gpt-5.1" })
    expect(runSimulation(requestFor(students, { llm: { provider: "anthropic" } }), students, options)).toMatchObject({ provider: "anthropic", modelId: "claude-haiku-4-5-20251001" })
    expect(runSimulation(requestFor(students, { llm: { model: "gpt-4.1-2025-04-14" } }), students, options)).toMatchObject({ provider: "openai", modelId: "gpt-4.1-2025-04-14" })
  })

  it("honours max_comparisons", () => {
    const capped = runSimulation(requestFor(essays, { maxComparisons: 17 }), essays, options)
    expect(callbacksOf(capped.messages)).toHaveLength(17)
  })

  it("refuses inputs that do not match the request", () => {
    const allStudents = requestFor(students)
    expect(() => runSimulation(allStudents, students.slice(1), options)).toThrow(/no text for requested essay/)
    expect(() => runSimulation(requestFor(students.slice(1)), students, options)).toThrow(/not in the request/)
    expect(() => runSimulation(allStudents, students, { ...options, errorRate: 1.5 })).toThrow(/errorRate/)
  })
})
