import { TOPICS } from "../domain/platform.js"

/**
 * The shapes the simulated services publish, field for field and in the platform's declaration
 * order (contracts §2.3 and §2.5–2.8), with nulls written out as the platform writes them.
 */
export interface PlatformEnvelope<Data> {
  readonly event_id: string
  readonly event_type: string
  readonly event_timestamp: string
  readonly source_service: string
  readonly schema_version: 1
  readonly correlation_id: string
  readonly data_schema_uri: null
  readonly data: Data
  readonly metadata: Readonly<Record<string, unknown>> | null
}

export interface ErrorDetailData {
  readonly error_code: string
  readonly message: string
  readonly service: string
  readonly operation: string
  readonly correlation_id: string
  readonly timestamp: string
  readonly details: Readonly<Record<string, unknown>>
  readonly stack_trace: null
  readonly trace_id: null
  readonly span_id: null
}

export interface ComparisonRequestMetadata {
  readonly essay_a_id: string
  readonly essay_b_id: string
  readonly bos_batch_id: string
  readonly cj_batch_id: string
  readonly cj_source: "els"
  readonly cj_request_type: "cj_comparison"
  readonly prompt_sha256: string
}

export interface ComparisonCallbackData {
  readonly request_id: string
  readonly correlation_id: string
  readonly winner: "Essay A" | "Essay B" | null
  readonly justification: string | null
  readonly confidence: number | null
  readonly error_detail: ErrorDetailData | null
  readonly provider: string
  readonly model: string
  readonly response_time_ms: number
  readonly token_usage: { readonly prompt_tokens: number; readonly completion_tokens: number; readonly total_tokens: number }
  readonly cost_estimate: number
  readonly requested_at: string
  readonly completed_at: string
  readonly trace_id: null
  readonly request_metadata: ComparisonRequestMetadata
}

export interface SystemMetadataData {
  readonly entity_id: string
  readonly entity_type: "batch"
  readonly parent_id: null
  readonly timestamp: string
  readonly processing_stage: "completed" | "failed"
  readonly started_at: string
  readonly completed_at: string
  readonly event: string
  readonly error_info: Readonly<Record<string, unknown>>
}

export interface ProcessingSummaryData {
  readonly total_essays: number
  readonly successful: number
  readonly failed: number
  readonly successful_essay_ids: ReadonlyArray<string>
  readonly failed_essay_ids: ReadonlyArray<string>
  readonly processing_time_seconds: number
  readonly single_essay_batch: boolean
}

export interface CompletionData {
  readonly event_name: "cj_assessment.completed"
  readonly entity_id: string
  readonly entity_type: "batch"
  readonly parent_id: null
  readonly timestamp: string
  readonly status: "completed_successfully" | "failed_critically"
  readonly system_metadata: SystemMetadataData
  readonly cj_assessment_job_id: string
  readonly processing_summary: ProcessingSummaryData
}

export interface FailureData {
  readonly event_name: "cj_assessment.failed"
  readonly entity_id: string
  readonly entity_type: "batch"
  readonly parent_id: null
  readonly timestamp: string
  readonly status: "failed_critically"
  readonly system_metadata: SystemMetadataData
  readonly cj_assessment_job_id: string
}

export interface EssayResultData {
  readonly essay_id: string
  readonly normalized_score: number
  readonly letter_grade: string
  readonly confidence_score: number
  readonly confidence_label: "HIGH" | "MID" | "LOW"
  readonly bt_score: number
  readonly rank: number
  readonly is_anchor: boolean
  readonly feedback_uri: null
  readonly metrics_uri: null
  readonly display_name: string | null
}

export interface AssessmentMetadataData {
  readonly anchor_essays_used: number
  readonly calibration_method: "anchor" | "default"
  readonly anchor_grade_distribution: Readonly<Record<string, number>>
  readonly comparison_count: number
  readonly processing_duration_seconds: number
  readonly llm_temperature: number | null
  readonly assignment_id: string | null
  readonly course_code: string
}

export interface AssessmentResultData {
  readonly event_name: "assessment.result.published"
  readonly entity_id: string
  readonly entity_type: "batch"
  readonly parent_id: null
  readonly timestamp: string
  readonly batch_id: string
  readonly cj_assessment_job_id: string
  readonly assignment_id: string | null
  readonly assessment_method: "cj_assessment"
  readonly model_used: string
  readonly model_provider: string
  readonly model_version: null
  readonly essay_results: ReadonlyArray<EssayResultData>
  readonly assessment_metadata: AssessmentMetadataData
  readonly assessed_at: string
}

export type SimulatedMessage =
  | { readonly topic: typeof TOPICS.comparisonResult; readonly key: null; readonly envelope: PlatformEnvelope<ComparisonCallbackData> }
  | { readonly topic: typeof TOPICS.completed; readonly key: string; readonly envelope: PlatformEnvelope<CompletionData> }
  | { readonly topic: typeof TOPICS.resultPublished; readonly key: string; readonly envelope: PlatformEnvelope<AssessmentResultData> }
  | { readonly topic: typeof TOPICS.failed; readonly key: string; readonly envelope: PlatformEnvelope<FailureData> }

export const LLM_PROVIDER_SERVICE = "llm_provider_service"
export const CJ_ASSESSMENT_SERVICE = "cj_assessment_service"
export const CALLBACK_EVENT_TYPE = "LLMComparisonResultV1"
export const RESULT_EVENT_TYPE = "assessment.result.published"

export interface EnvelopeFields<Data> {
  readonly eventId: string
  readonly eventType: string
  readonly timestamp: string
  readonly sourceService: string
  readonly correlationId: string
  readonly data: Data
  readonly metadata: Readonly<Record<string, unknown>> | null
}

export const envelope = <Data>(fields: EnvelopeFields<Data>): PlatformEnvelope<Data> => ({
  event_id: fields.eventId,
  event_type: fields.eventType,
  event_timestamp: fields.timestamp,
  source_service: fields.sourceService,
  schema_version: 1,
  correlation_id: fields.correlationId,
  data_schema_uri: null,
  data: fields.data,
  metadata: fields.metadata
})
