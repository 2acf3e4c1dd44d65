/**
 * Events as the HuleEdu platform publishes them (contracts §2.5–2.8), for tests: the LLM
 * Provider's comparison callbacks and CJ's completion, result and failure events, serialised
 * the way Python's `json.dumps` does (", " and ": " separators).
 */
import { createHash, randomUUID } from "node:crypto"

/** Python's default json.dumps separators; consumers must not care, so tests use them. */
export const pythonJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/("(?:[^"\\]|\\.)*")|,/g, (match, str: string | undefined) => str ?? ", ")
    .replace(/("(?:[^"\\]|\\.)*")|:/g, (match, str: string | undefined) => str ?? ": ")

const now = () => new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000Z")

/** The envelope fields every platform event starts with, in the publishers' key order. */
const envelopeHead = (eventType: string, sourceService: string, correlationId: string, timestamp = now()) => ({
  event_id: randomUUID(),
  event_type: eventType,
  event_timestamp: timestamp,
  source_service: sourceService,
  schema_version: 1,
  correlation_id: correlationId,
  data_schema_uri: null
})

/** The fields every CJ batch event's data starts with. */
const batchEventHead = (eventName: string, batchUuid: string) => ({
  event_name: eventName,
  entity_id: batchUuid,
  entity_type: "batch",
  parent_id: null,
  timestamp: now()
})

export const promptHashOf = (text: string): string => createHash("sha256").update(text).digest("hex")

export interface CallbackSpec {
  readonly batchUuid: string
  readonly essayA: string
  readonly essayB: string
  readonly winner?: "Essay A" | "Essay B"
  readonly requestId?: string
  readonly error?: { readonly code: string; readonly message: string }
  readonly provider?: string
  readonly model?: string
  readonly promptTokens?: number
  readonly completionTokens?: number
  readonly cost?: number
  readonly promptHash?: string | null
  /** Replaces request_metadata entirely (for poison messages). */
  readonly requestMetadata?: Record<string, unknown>
}

export const comparisonCallback = (spec: CallbackSpec): string => {
  const correlationId = randomUUID()
  const failed = spec.error !== undefined
  const at = now()
  return pythonJson({
    ...envelopeHead("LLMComparisonResultV1", "llm_provider_service", correlationId, at),
    metadata: null,
    data: {
      request_id: spec.requestId ?? randomUUID(),
      correlation_id: correlationId,
      winner: failed ? null : (spec.winner ?? "Essay A"),
      justification: failed ? null : "The winning essay develops its argument with clearer evidence.",
      confidence: failed ? null : 4.2,
      error_detail: failed
        ? {
            error_code: spec.error?.code,
            message: spec.error?.message,
            service: "llm_provider_service",
            operation: "generate_comparison",
            correlation_id: correlationId,
            timestamp: at,
            details: {},
            stack_trace: null,
            trace_id: null,
            span_id: null
          }
        : null,
      provider: spec.provider ?? "anthropic",
      model: failed ? "unknown" : (spec.model ?? "claude-haiku-4-5-20251001"),
      response_time_ms: 1234,
      token_usage: { prompt_tokens: spec.promptTokens ?? 2100, completion_tokens: spec.completionTokens ?? 80, total_tokens: (spec.promptTokens ?? 2100) + (spec.completionTokens ?? 80) },
      cost_estimate: spec.cost ?? (failed ? 0 : 0.0025),
      requested_at: at,
      completed_at: at,
      trace_id: null,
      request_metadata: spec.requestMetadata ?? {
        essay_a_id: spec.essayA,
        essay_b_id: spec.essayB,
        bos_batch_id: spec.batchUuid,
        cj_batch_id: "42",
        cj_source: "els",
        cj_request_type: "cj_comparison",
        ...(spec.promptHash === null ? {} : { prompt_sha256: spec.promptHash ?? promptHashOf(`${spec.essayA}|${spec.essayB}`) })
      }
    }
  })
}

const systemMetadata = (batchUuid: string, stage: string, event: string, errorInfo: Record<string, unknown> = {}) => ({
  entity_id: batchUuid,
  entity_type: "batch",
  parent_id: null,
  timestamp: now(),
  processing_stage: stage,
  started_at: "2026-02-07T10:00:00.123456",
  completed_at: now(),
  event,
  error_info: errorInfo
})

export const completionEvent = (batchUuid: string, correlationId: string, students: ReadonlyArray<string>, status = "completed_successfully"): string =>
  pythonJson({
    ...envelopeHead("huleedu.cj_assessment.completed.v1", "cj_assessment_service", correlationId),
    data: {
      ...batchEventHead("cj_assessment.completed", batchUuid),
      status,
      system_metadata: systemMetadata(batchUuid, "completed", "cj_assessment.completed"),
      cj_assessment_job_id: "42",
      processing_summary: {
        total_essays: students.length,
        successful: status === "completed_successfully" ? students.length : 0,
        failed: status === "completed_successfully" ? 0 : students.length,
        successful_essay_ids: status === "completed_successfully" ? students : [],
        failed_essay_ids: status === "completed_successfully" ? [] : students,
        processing_time_seconds: 12.5,
        single_essay_batch: false
      }
    },
    metadata: { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }
  })

export interface EssayOutcome {
  readonly essayId: string
  readonly grade: string
  readonly rank: number
  readonly bt: number
  readonly anchor?: boolean
  readonly confidence?: number
}

export const resultEvent = (batchUuid: string, correlationId: string, essays: ReadonlyArray<EssayOutcome>, metadata: Record<string, unknown> = {}): string =>
  pythonJson({
    ...envelopeHead("assessment.result.published", "cj_assessment_service", correlationId),
    data: {
      ...batchEventHead("assessment.result.published", batchUuid),
      batch_id: batchUuid,
      cj_assessment_job_id: "42",
      assignment_id: null,
      assessment_method: "cj_assessment",
      model_used: "claude-haiku-4-5-20251001",
      model_provider: "anthropic",
      model_version: null,
      essay_results: essays.map((e) => ({
        essay_id: e.essayId,
        normalized_score: Math.min(1, Math.max(0, 0.5 + e.bt / 10)),
        letter_grade: e.grade,
        confidence_score: e.confidence ?? 0.72,
        confidence_label: "MID",
        bt_score: e.bt,
        rank: e.rank,
        is_anchor: e.anchor ?? false,
        feedback_uri: null,
        metrics_uri: null,
        display_name: e.anchor === true ? `ANCHOR GRADE ${e.grade}` : null
      })),
      assessment_metadata: { anchor_essays_used: 3, calibration_method: "anchor", comparison_count: 45, processing_duration_seconds: 12.5, ...metadata },
      assessed_at: now()
    },
    metadata: {}
  })

export const failureEvent = (
  batchUuid: string,
  correlationId: string,
  reason: string,
  errorInfo: Record<string, unknown> = { error_code: "CJ_INSUFFICIENT_COMPARISONS", error_message: reason }
): string =>
  pythonJson({
    ...envelopeHead("huleedu.cj_assessment.failed.v1", "cj_assessment_service", correlationId),
    data: {
      ...batchEventHead("cj_assessment.failed", batchUuid),
      status: "failed_critically",
      system_metadata: systemMetadata(batchUuid, "failed", "cj_assessment.failed", errorInfo),
      cj_assessment_job_id: "42"
    },
    metadata: {}
  })
