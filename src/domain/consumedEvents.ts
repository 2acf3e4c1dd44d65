import { Schema } from "effect"

/**
 * The events eng5 consumes (contracts §2.5–2.8), parsed in two phases as the platform does:
 * first the envelope with `data` left open, then the typed payload chosen by the topic.
 * Like Pydantic on the platform, unknown fields are ignored. Enum-like fields (provider,
 * status, error codes, letter grades) are plain strings: a value the platform adds later
 * must not turn a real result into a dropped "invalid" event.
 */

/** Lower-case hyphenated, 32-hex or upper case: Pydantic accepts all three. */
const LenientUuid = Schema.String.check(
  Schema.isPattern(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/)
)
/** ISO 8601 with `Z`, an offset, or none (naive timestamps copied from CJ's database). */
const IsoTimestamp = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/)
)
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const NonNegative = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
const NullableString = Schema.NullOr(Schema.String)
const OpenObject = Schema.Record(Schema.String, Schema.Unknown)

export const ConsumedEnvelope = Schema.Struct({
  event_id: LenientUuid,
  event_type: Schema.String,
  event_timestamp: Schema.optionalKey(IsoTimestamp),
  source_service: Schema.String,
  schema_version: Schema.optionalKey(Schema.Int),
  correlation_id: Schema.optionalKey(LenientUuid),
  data: Schema.Unknown,
  metadata: Schema.optionalKey(Schema.NullOr(OpenObject))
})
export type ConsumedEnvelope = typeof ConsumedEnvelope.Type

export const ErrorDetail = Schema.Struct({
  error_code: Schema.String,
  message: Schema.String,
  service: Schema.String,
  operation: Schema.String,
  correlation_id: LenientUuid,
  timestamp: IsoTimestamp,
  details: Schema.optionalKey(OpenObject)
})

/**
 * The keys of `request_metadata` eng5 reads (contracts §2.5). CJ and the LLM Provider put more
 * there; those are kept in the stored event but not parsed.
 */
const RequestMetadata = Schema.Struct({
  essay_a_id: Schema.optionalKey(Schema.String),
  essay_b_id: Schema.optionalKey(Schema.String),
  bos_batch_id: Schema.optionalKey(Schema.String),
  batch_id: Schema.optionalKey(Schema.String),
  prompt_sha256: Schema.optionalKey(Schema.String)
})

const TokenUsage = Schema.Struct({
  prompt_tokens: Schema.optionalKey(NonNegativeInt),
  completion_tokens: Schema.optionalKey(NonNegativeInt),
  total_tokens: Schema.optionalKey(NonNegativeInt)
})

/** `LLMComparisonResultV1`: one judged pair, or one failed attempt. */
export const ComparisonResult = Schema.Struct({
  request_id: Schema.String.check(Schema.isMinLength(1)),
  correlation_id: LenientUuid,
  winner: Schema.NullOr(Schema.Literals(["Essay A", "Essay B"])),
  justification: Schema.NullOr(Schema.String.check(Schema.isMaxLength(500))),
  confidence: Schema.NullOr(Schema.Finite.check(Schema.isBetween({ minimum: 1, maximum: 5 }))),
  error_detail: Schema.NullOr(ErrorDetail),
  provider: Schema.String,
  model: Schema.String,
  response_time_ms: NonNegativeInt,
  token_usage: Schema.optionalKey(TokenUsage),
  cost_estimate: NonNegative,
  requested_at: IsoTimestamp,
  completed_at: IsoTimestamp,
  trace_id: Schema.optionalKey(NullableString),
  request_metadata: Schema.optionalKey(RequestMetadata)
})
export type ComparisonResult = typeof ComparisonResult.Type

/** `CJAssessmentCompletedV1`, the thin completion event. */
export const AssessmentCompleted = Schema.Struct({
  entity_id: Schema.String,
  status: Schema.String,
  cj_assessment_job_id: Schema.String,
  processing_summary: Schema.optionalKey(OpenObject)
})
export type AssessmentCompleted = typeof AssessmentCompleted.Type

/** `CJAssessmentFailedV1`: CJ gave up on the batch; `error_info` says why. */
export const AssessmentFailed = Schema.Struct({
  entity_id: Schema.String,
  status: Schema.optionalKey(Schema.String),
  cj_assessment_job_id: Schema.optionalKey(Schema.String),
  system_metadata: Schema.optionalKey(Schema.Struct({ error_info: Schema.optionalKey(OpenObject) }))
})
export type AssessmentFailed = typeof AssessmentFailed.Type

export const EssayResult = Schema.Struct({
  essay_id: Schema.String.check(Schema.isMinLength(1)),
  normalized_score: Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
  letter_grade: Schema.String,
  confidence_score: Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
  confidence_label: Schema.String,
  bt_score: Schema.Finite,
  rank: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  is_anchor: Schema.Boolean,
  display_name: Schema.optionalKey(NullableString)
})
export type EssayResult = typeof EssayResult.Type

/** `AssessmentResultV1`, the rich result: Bradley–Terry scores and grade projections. */
export const AssessmentResult = Schema.Struct({
  batch_id: Schema.String,
  cj_assessment_job_id: Schema.String,
  assessment_method: Schema.String,
  model_used: Schema.String,
  model_provider: Schema.String,
  model_version: Schema.optionalKey(NullableString),
  essay_results: Schema.Array(EssayResult),
  assessment_metadata: Schema.optionalKey(Schema.NullOr(OpenObject)),
  assessed_at: Schema.optionalKey(IsoTimestamp)
})
export type AssessmentResult = typeof AssessmentResult.Type
