import type { ComparisonRecord } from "./artefact.js"

/** Characters JSON.stringify escapes in a string (surrogates only when unpaired; any surrogate takes the slow path). */
// oxlint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

const jsonString = (value: string): string => (NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`)

/** JSON.stringify of a number, which writes non-finite numbers as null. */
const jsonNumber = (value: number): string => (Number.isFinite(value) ? String(value) : "null")

const line = (key: string, value: string | number | undefined): string =>
  value === undefined ? "" : `,\n      "${key}": ${typeof value === "number" ? jsonNumber(value) : jsonString(value)}`

/** A string JSON writes as it is, between quotes (hex digits, hyphens, fixed words). */
const plain = (key: string, value: string): string => `,\n      "${key}": "${value}"`

/**
 * `comparisonFragment(record)` (buildArtefact.ts) byte for byte, written field by field: the
 * hydrator writes one per callback, and pretty-printing a wrapper costs several times more.
 * Only for a record eng5 built itself: the schema's keys in the schema's order, strings
 * and numbers only, `correlation_id` a canonical UUID, `prompt_hash` hex digits and the two
 * times checked ISO 8601 (so none needs escaping).
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
