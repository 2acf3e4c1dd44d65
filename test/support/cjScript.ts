/**
 * CJ's side of a batch, for tests: checks a published request field by field against the
 * contract (contracts §2.3–2.4, written out here rather than reusing eng5's own schema), and
 * scripts the events CJ and the LLM Provider would publish back.
 */
import { randomUUID } from "node:crypto"
import { TOPICS } from "../../src/domain/platform.js"
import { comparisonCallback, completionEvent, type EssayOutcome, failureEvent, promptHashOf, resultEvent } from "./cjEvents.js"

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const WIRE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/
const OVERRIDE_KEYS = [
  "model_override",
  "temperature_override",
  "max_tokens_override",
  "provider_override",
  "system_prompt_override",
  "judge_rubric_override",
  "reasoning_effort",
  "output_verbosity"
]

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v)

const keys = (o: Json) => Object.keys(o).sort().join(",")

/** Every way a request breaks the contract; CJ would drop such a request silently. Empty when it is fine. */
export const contractProblems = (key: string | null, value: string): string[] => {
  const problems: string[] = []
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what)
  }
  let envelope: unknown
  try {
    envelope = JSON.parse(value)
  } catch {
    return ["value is not JSON"]
  }
  if (!isObject(envelope)) return ["envelope is not an object"]
  expect(keys(envelope) === "correlation_id,data,data_schema_uri,event_id,event_timestamp,event_type,metadata,schema_version,source_service", `envelope keys: ${keys(envelope)}`)
  expect(typeof envelope["event_id"] === "string" && UUID_V4.test(envelope["event_id"]), "event_id is a fresh uuid4")
  expect(envelope["event_type"] === TOPICS.request, "event_type is the request topic")
  expect(typeof envelope["event_timestamp"] === "string" && WIRE_TIME.test(envelope["event_timestamp"]), "event_timestamp is UTC with Z")
  expect(envelope["source_service"] === "eng5_np_batch_runner", "source_service")
  expect(envelope["schema_version"] === 1, "schema_version 1")
  expect(typeof envelope["correlation_id"] === "string" && UUID_V4.test(envelope["correlation_id"]), "correlation_id is a uuid4")
  expect(envelope["data_schema_uri"] === null, "data_schema_uri null")
  const data = envelope["data"]
  const metadata = envelope["metadata"]
  if (!isObject(data) || !isObject(metadata)) return [...problems, "data and metadata are objects"]
  expect(
    keys(data) === "assignment_id,course_code,entity_id,entity_type,essays_for_cj,event_name,language,llm_config_overrides,org_id,parent_id,student_prompt_ref,system_metadata,timestamp,user_id",
    `data keys: ${keys(data)}`
  )
  expect(data["event_name"] === "els.cj_assessment.requested", "data.event_name")
  expect(typeof data["entity_id"] === "string" && UUID_V4.test(data["entity_id"]) && data["entity_id"] === key, "data.entity_id is the batch uuid and the message key")
  expect(data["entity_type"] === "batch", "data.entity_type")
  expect(data["parent_id"] === data["assignment_id"], "data.parent_id is the assignment id")
  expect(typeof data["timestamp"] === "string" && WIRE_TIME.test(data["timestamp"]), "data.timestamp")
  const sm = data["system_metadata"]
  expect(
    isObject(sm) &&
      sm["entity_id"] === data["entity_id"] &&
      sm["entity_type"] === "batch" &&
      sm["parent_id"] === data["parent_id"] &&
      typeof sm["timestamp"] === "string" &&
      sm["processing_stage"] === "pending" &&
      sm["started_at"] === null &&
      sm["completed_at"] === null &&
      sm["event"] === "els.cj_assessment.requested" &&
      isObject(sm["error_info"]) &&
      Object.keys(sm["error_info"]).length === 0,
    "data.system_metadata"
  )
  const essays = data["essays_for_cj"]
  expect(
    Array.isArray(essays) &&
      essays.length > 0 &&
      essays.every(
        (e: unknown) =>
          isObject(e) &&
          keys(e) === "essay_id,spellcheck_metrics,text_storage_id" &&
          typeof e["essay_id"] === "string" &&
          e["essay_id"].length > 0 &&
          e["essay_id"].length <= 36 &&
          typeof e["text_storage_id"] === "string" &&
          e["text_storage_id"] !== "" &&
          e["spellcheck_metrics"] === null
      ),
    "data.essays_for_cj"
  )
  expect(data["language"] === "en" || data["language"] === "sv", "data.language")
  expect(["ENG5", "ENG6", "ENG7", "SV1", "SV2", "SV3"].includes(String(data["course_code"])), "data.course_code")
  expect(data["student_prompt_ref"] === null, "data.student_prompt_ref null")
  const overrides = data["llm_config_overrides"]
  expect(overrides === null || (isObject(overrides) && keys(overrides) === [...OVERRIDE_KEYS].sort().join(",")), "llm_config_overrides has all 8 keys")
  if (isObject(overrides)) {
    const t = overrides["temperature_override"]
    expect(t === null || (typeof t === "number" && t >= 0 && t <= 2), "temperature_override in 0–2")
    const m = overrides["max_tokens_override"]
    expect(m === null || (Number.isInteger(m) && Number(m) > 0), "max_tokens_override > 0")
  }
  expect(data["assignment_id"] === null || (typeof data["assignment_id"] === "string" && data["assignment_id"].length <= 100), "data.assignment_id")
  expect(typeof data["user_id"] === "string" && data["user_id"] !== "", "data.user_id")
  expect(data["org_id"] === null || typeof data["org_id"] === "string", "data.org_id")
  expect(metadata["runner_mode"] === "execute", "metadata.runner_mode")
  expect(typeof metadata["batch_label"] === "string" && metadata["batch_label"] !== "", "metadata.batch_label")
  expect(!("max_comparisons" in metadata) || (Number.isInteger(metadata["max_comparisons"]) && Number(metadata["max_comparisons"]) >= 1), "metadata.max_comparisons")
  return problems
}

export interface Produced {
  readonly topic: string
  readonly value: string | null
  readonly partition?: number
}

export interface Scenario {
  /** CJ's anchors, by their CJ essay ids. */
  readonly anchors: ReadonlyArray<string>
  readonly duplicates?: number
  readonly errorCallbacks?: number
  /** Malformed and contract-breaking callbacks. */
  readonly poison?: boolean
  /** Other batches' callbacks, completion and result on the same topics. */
  readonly noise?: boolean
  /** `complete-failed`: CJ's completion with status failed_critically, and its result. */
  readonly ending: "complete" | "complete-failed" | "complete-without-result" | "fail" | "silence"
  readonly partitions?: number
}

export interface Answer {
  /** Everything up to (but without) CJ's completion, result or failure. */
  readonly callbacks: ReadonlyArray<Produced>
  readonly ending: ReadonlyArray<Produced>
  readonly result: Produced | null
  readonly students: ReadonlyArray<string>
  readonly uniqueComparisons: number
}

/** What CJ and the LLM Provider publish for a request: one comparison per anchor × student. */
export const answerRequest = (value: string, scenario: Scenario): Answer => {
  const envelope = JSON.parse(value) as { correlation_id: string; data: { entity_id: string; essays_for_cj: Array<{ essay_id: string }> } }
  const batch = envelope.data.entity_id
  const correlation = envelope.correlation_id
  const students = envelope.data.essays_for_cj.map((e) => e.essay_id)
  const partitions = scenario.partitions ?? 3
  const callbacks: Produced[] = []
  let n = 0
  let duplicated = 0
  const next = () => n++ % partitions
  const prompt = promptHashOf(`system prompt of ${batch}`)
  for (const student of students) {
    for (const anchor of scenario.anchors) {
      const spec = { batchUuid: batch, essayA: anchor, essayB: student, winner: (n % 2 === 0 ? "Essay A" : "Essay B") as "Essay A" | "Essay B", promptHash: prompt, requestId: randomUUID() }
      callbacks.push({ topic: TOPICS.comparisonResult, value: comparisonCallback(spec), partition: next() })
      if (duplicated < (scenario.duplicates ?? 0)) {
        duplicated += 1
        callbacks.push({ topic: TOPICS.comparisonResult, value: comparisonCallback(spec), partition: next() })
      }
    }
  }
  for (let i = 0; i < (scenario.errorCallbacks ?? 0); i++) {
    const spec = { batchUuid: batch, essayA: scenario.anchors[0] ?? "A", essayB: students[0] ?? "s", error: { code: "LLM_PROVIDER_RATE_LIMIT", message: "rate limited by provider" }, promptHash: prompt }
    callbacks.push({ topic: TOPICS.comparisonResult, value: comparisonCallback(spec), partition: next() })
  }
  if (scenario.poison === true) {
    callbacks.push({ topic: TOPICS.comparisonResult, value: "\u0000\u0001 not json", partition: next() })
    callbacks.push({ topic: TOPICS.comparisonResult, value: null, partition: next() })
    callbacks.push({ topic: TOPICS.comparisonResult, value: comparisonCallback({ batchUuid: batch, essayA: "x", essayB: "y", promptHash: null }), partition: next() })
    callbacks.push({ topic: TOPICS.resultPublished, value: '{"event_id": "nope"}' })
  }
  if (scenario.noise === true) {
    const stranger = randomUUID()
    for (let i = 0; i < 5; i++) callbacks.push({ topic: TOPICS.comparisonResult, value: comparisonCallback({ batchUuid: stranger, essayA: "a", essayB: `b${i}` }), partition: next() })
    callbacks.push({ topic: TOPICS.completed, value: completionEvent(stranger, randomUUID(), ["b0"]) })
    callbacks.push({ topic: TOPICS.resultPublished, value: resultEvent(stranger, randomUUID(), [{ essayId: "b0", grade: "A", rank: 1, bt: 1 }]) })
    callbacks.push({ topic: TOPICS.failed, value: failureEvent(stranger, randomUUID(), "another batch failed") })
  }
  const outcomes: EssayOutcome[] = [
    ...students.map((essayId, i) => ({ essayId, grade: ["B", "C+", "C-", "D+"][i % 4] ?? "B", rank: i + 1, bt: 1 - i * 0.3 })),
    // CJ projects grades for students only: every anchor comes back graded "U" (dual_event_publisher.py).
    ...scenario.anchors.map((essayId, i) => ({ essayId, grade: "U", confidence: 0, rank: students.length + i + 1, bt: -i * 0.1, anchor: true }))
  ]
  const result: Produced = { topic: TOPICS.resultPublished, value: resultEvent(batch, correlation, outcomes) }
  const completion: Produced = { topic: TOPICS.completed, value: completionEvent(batch, correlation, students) }
  const ending =
    scenario.ending === "complete"
      ? [result, completion]
      : scenario.ending === "complete-failed"
        ? [result, { topic: TOPICS.completed, value: completionEvent(batch, correlation, students, "failed_critically") }]
      : scenario.ending === "complete-without-result"
        ? [completion]
        : scenario.ending === "fail"
          ? [{ topic: TOPICS.failed, value: failureEvent(batch, correlation, "Batch success rate 0.0% is below the 80% threshold") }]
          : []
  return { callbacks, ending, result: scenario.ending === "complete-without-result" ? result : null, students, uniqueComparisons: students.length * scenario.anchors.length + (scenario.errorCallbacks ?? 0) }
}
