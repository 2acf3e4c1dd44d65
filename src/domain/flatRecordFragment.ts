import type { ComparisonRecord } from "./artefact.js"
import { comparisonFragment } from "./buildArtefact.js"

/** Characters JSON.stringify escapes in a string (surrogates only when unpaired; any surrogate takes the slow path). */
// oxlint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

const jsonString = (value: string): string => (NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`)

/** JSON.stringify of a number, which writes non-finite numbers as null. */
const jsonNumber = (value: number): string => (Number.isFinite(value) ? String(value) : "null")

const KEYS: ReadonlyArray<keyof ComparisonRecord> = [
  "sequence",
  "request_id",
  "correlation_id",
  "winner_id",
  "loser_id",
  "essay_a_id",
  "essay_b_id",
  "prompt_hash",
  "provider",
  "model",
  "tokens_prompt",
  "tokens_completion",
  "cost_usd",
  "started_at",
  "completed_at",
  "status",
  "confidence",
  "justification",
  "failure_reason",
  "error_code"
]
/** The keys every record has (up to `status`); the rest are optional. */
const REQUIRED = KEYS.indexOf("status") + 1

/** True when the record has the schema's keys only, in the schema's order, the required ones all there, each a string or number. */
const isCanonical = (record: ComparisonRecord): boolean => {
  let at = 0
  let required = 0
  for (const key in record) {
    while (at < KEYS.length && KEYS[at] !== key) at += 1
    if (at === KEYS.length) return false
    const value: unknown = record[key as keyof ComparisonRecord]
    if (typeof value !== "string" && typeof value !== "number") return false
    if (at < REQUIRED) required += 1
    at += 1
  }
  return required === REQUIRED
}

const line = (key: string, value: string | number | undefined): string =>
  value === undefined ? "" : `,\n      "${key}": ${typeof value === "number" ? jsonNumber(value) : jsonString(value)}`

/** A string JSON writes as it is, between quotes (hex digits, hyphens, fixed words). */
const plain = (key: string, value: string): string => `,\n      "${key}": "${value}"`

/**
 * The fragment of a record eng5 built itself: the schema's keys in the schema's order, strings
 * and numbers only, `correlation_id` a canonical UUID, `prompt_hash` hex digits and the two
 * times checked ISO 8601 (so none needs escaping). The hydrator writes one per callback.
 */
export const canonicalFragment = (r: ComparisonRecord): string =>
  `    {\n      "sequence": ${jsonNumber(r.sequence)}` +
  line("request_id", r.request_id) +
  plain("correlation_id", r.correlation_id) +
  line("winner_id", r.winner_id) +
  line("loser_id", r.loser_id) +
  line("essay_a_id", r.essay_a_id) +
  line("essay_b_id", r.essay_b_id) +
  plain("prompt_hash", r.prompt_hash) +
  line("provider", r.provider) +
  line("model", r.model) +
  line("tokens_prompt", r.tokens_prompt) +
  line("tokens_completion", r.tokens_completion) +
  line("cost_usd", r.cost_usd) +
  plain("started_at", r.started_at) +
  plain("completed_at", r.completed_at) +
  plain("status", r.status) +
  line("confidence", r.confidence) +
  line("justification", r.justification) +
  line("failure_reason", r.failure_reason) +
  line("error_code", r.error_code) +
  "\n    }"

/**
 * `comparisonFragment(record)`, byte for byte, written directly from the record's fields: the
 * collector writes one per callback, and pretty-printing a wrapper costs several times more.
 * A record of any other shape (extra or nested fields, other key order) goes to
 * `comparisonFragment`.
 */
export const flatRecordFragment = (r: ComparisonRecord): string => {
  const plainText =
    PLAIN_UUID.test(r.correlation_id) && PLAIN_HEX.test(r.prompt_hash) && PLAIN_STATUS.has(r.status) && PLAIN_TIME.test(r.started_at) && PLAIN_TIME.test(r.completed_at)
  if (!isCanonical(r) || !plainText) return comparisonFragment(r)
  return canonicalFragment(r)
}

const PLAIN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const PLAIN_HEX = /^[0-9a-f]*$/
const PLAIN_TIME = /^[0-9A-Za-z:.+-]*$/
const PLAIN_STATUS: ReadonlySet<string> = new Set(["submitted", "succeeded", "failed"])
