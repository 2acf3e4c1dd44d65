import { Schema } from "effect"
import { COURSE_CODES, LANGUAGES, REQUEST_EVENT_NAME, SOURCE_SERVICE, TOPICS } from "./platform.js"

/** Effect Schema of the request CJ consumes (contracts §2.3–2.4), field by field, in wire order. */
const Uuid = Schema.String.check(Schema.isUUID())
const WireTimestamp = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/))
const NullableString = Schema.NullOr(Schema.String)

export const LlmConfigOverrides = Schema.Struct({
  model_override: NullableString,
  temperature_override: Schema.NullOr(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 2 }))),
  max_tokens_override: Schema.NullOr(Schema.Int.check(Schema.isGreaterThan(0))),
  provider_override: NullableString,
  system_prompt_override: NullableString,
  judge_rubric_override: NullableString,
  reasoning_effort: NullableString,
  output_verbosity: NullableString
})
export type LlmConfigOverrides = typeof LlmConfigOverrides.Type

export const EssayRef = Schema.Struct({
  essay_id: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(36)),
  text_storage_id: Schema.String.check(Schema.isMinLength(1)),
  spellcheck_metrics: Schema.Null
})
export type EssayRef = typeof EssayRef.Type

export const SystemProcessingMetadata = Schema.Struct({
  entity_id: Schema.String,
  entity_type: Schema.Literal("batch"),
  parent_id: NullableString,
  timestamp: WireTimestamp,
  processing_stage: Schema.Literal("pending"),
  started_at: Schema.Null,
  completed_at: Schema.Null,
  event: Schema.Literal(REQUEST_EVENT_NAME),
  error_info: Schema.Struct({})
})

export const CjAssessmentRequest = Schema.Struct({
  event_name: Schema.Literal(REQUEST_EVENT_NAME),
  entity_id: Uuid,
  entity_type: Schema.Literal("batch"),
  parent_id: NullableString,
  timestamp: WireTimestamp,
  system_metadata: SystemProcessingMetadata,
  essays_for_cj: Schema.Array(EssayRef).check(Schema.isMinLength(1)),
  language: Schema.Literals(LANGUAGES),
  course_code: Schema.Literals(COURSE_CODES),
  student_prompt_ref: Schema.Null,
  llm_config_overrides: Schema.NullOr(LlmConfigOverrides),
  assignment_id: Schema.NullOr(Schema.String.check(Schema.isMaxLength(100))),
  user_id: Schema.String.check(Schema.isMinLength(1)),
  org_id: NullableString
})
export type CjAssessmentRequest = typeof CjAssessmentRequest.Type

export const RequestMetadata = Schema.Struct({
  runner_mode: Schema.String,
  batch_label: Schema.String.check(Schema.isMinLength(1)),
  max_comparisons: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  llm_batching_mode_hint: Schema.optionalKey(Schema.String)
})

export const RequestEnvelope = Schema.Struct({
  event_id: Uuid,
  event_type: Schema.Literal(TOPICS.request),
  event_timestamp: WireTimestamp,
  source_service: Schema.Literal(SOURCE_SERVICE),
  schema_version: Schema.Literal(1),
  correlation_id: Uuid,
  data_schema_uri: Schema.Null,
  data: CjAssessmentRequest,
  metadata: RequestMetadata
})
export type RequestEnvelope = typeof RequestEnvelope.Type
