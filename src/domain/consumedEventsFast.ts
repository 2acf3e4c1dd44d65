import type { ComparisonResult, ConsumedEnvelope } from "./consumedEvents.js"
import { isHexRun, isHyphenatedUuid } from "./hexText.js"

/**
 * Hand-written checks for the two shapes on the collector's hot path (every envelope, every
 * callback), about ten times cheaper than decoding with the Schemas in consumedEvents.ts, which
 * stay the definition. They are never looser than the Schemas: a value they accept the Schema
 * accepts too, unchanged (these Schemas transform nothing and only drop unknown keys, which
 * eng5 never reads). A value they reject goes to the Schema, which decides and words the reason,
 * so rejecting too much only costs time. test/unit/consumedEventsFast.test.ts checks both ways.
 */

type Fields = Readonly<Record<string, unknown>>

const LENIENT_UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/

const isFields = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === "string"
/** LENIENT_UUID without the regular expression for the two usual forms (36 with hyphens, 32 without). */
const isUuid = (value: unknown): boolean => {
  if (typeof value !== "string") return false
  if (value.length === 36) return isHyphenatedUuid(value, false)
  if (value.length === 32) return isHexRun(value, 0, 32, false)
  return LENIENT_UUID.test(value)
}
const isTimestamp = (value: unknown): boolean => typeof value === "string" && ISO_TIMESTAMP.test(value)
const isInt = (value: unknown): boolean => typeof value === "number" && Number.isSafeInteger(value)
const isNonNegativeInt = (value: unknown): boolean => isInt(value) && (value as number) >= 0
const isFinite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value)

/** An optional key: absent, or present with a value `check` accepts (never `undefined`). */
const optional = (fields: Fields, key: string, check: (value: unknown) => boolean): boolean =>
  Object.hasOwn(fields, key) ? check(fields[key]) : true

const isOpenObject = (value: unknown): boolean => isFields(value) && Object.getPrototypeOf(value) === Object.prototype

const isNullOrOpenObject = (value: unknown): boolean => value === null || isOpenObject(value)
const isNullOrString = (value: unknown): boolean => value === null || isString(value)

export const isConsumedEnvelope = (value: unknown): value is ConsumedEnvelope =>
  isFields(value) &&
  isUuid(value["event_id"]) &&
  isString(value["event_type"]) &&
  optional(value, "event_timestamp", isTimestamp) &&
  isString(value["source_service"]) &&
  optional(value, "schema_version", isInt) &&
  optional(value, "correlation_id", isUuid) &&
  Object.hasOwn(value, "data") &&
  value["data"] !== undefined &&
  optional(value, "metadata", isNullOrOpenObject)

const isErrorDetail = (value: unknown): boolean =>
  isFields(value) &&
  isString(value["error_code"]) &&
  isString(value["message"]) &&
  isString(value["service"]) &&
  isString(value["operation"]) &&
  isUuid(value["correlation_id"]) &&
  isTimestamp(value["timestamp"]) &&
  optional(value, "details", isOpenObject)

const isRequestMetadata = (value: unknown): boolean =>
  isFields(value) &&
  optional(value, "essay_a_id", isString) &&
  optional(value, "essay_b_id", isString) &&
  optional(value, "bos_batch_id", isString) &&
  optional(value, "batch_id", isString) &&
  optional(value, "prompt_sha256", isString)

const isTokenUsage = (value: unknown): boolean =>
  isFields(value) &&
  optional(value, "prompt_tokens", isNonNegativeInt) &&
  optional(value, "completion_tokens", isNonNegativeInt) &&
  optional(value, "total_tokens", isNonNegativeInt)

const isWinner = (value: unknown): boolean => value === null || value === "Essay A" || value === "Essay B"
const isJustification = (value: unknown): boolean => value === null || (isString(value) && value.length <= 500)
const isConfidence = (value: unknown): boolean => value === null || (isFinite(value) && value >= 1 && value <= 5)

export const isComparisonResult = (value: unknown): value is ComparisonResult =>
  isFields(value) &&
  isString(value["request_id"]) &&
  (value["request_id"] as string).length >= 1 &&
  isUuid(value["correlation_id"]) &&
  isWinner(value["winner"]) &&
  isJustification(value["justification"]) &&
  isConfidence(value["confidence"]) &&
  (value["error_detail"] === null || isErrorDetail(value["error_detail"])) &&
  isString(value["provider"]) &&
  isString(value["model"]) &&
  isNonNegativeInt(value["response_time_ms"]) &&
  optional(value, "token_usage", isTokenUsage) &&
  isFinite(value["cost_estimate"]) &&
  value["cost_estimate"] >= 0 &&
  isTimestamp(value["requested_at"]) &&
  isTimestamp(value["completed_at"]) &&
  optional(value, "trace_id", isNullOrString) &&
  optional(value, "request_metadata", isRequestMetadata)
