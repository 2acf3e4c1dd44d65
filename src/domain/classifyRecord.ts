import { Exit, Predicate, Schema } from "effect"
import {
  AssessmentCompleted,
  AssessmentFailed,
  AssessmentResult,
  ComparisonResult,
  ConsumedEnvelope
} from "./consumedEvents.js"
import { TOPICS } from "./platform.js"

export type EventKind = "comparison" | "completion" | "result" | "failure"

/** The topics eng5 follows and what each carries. Routing is by topic only (contracts §2.1). */
export const FOLLOWED_TOPICS: Readonly<Record<string, EventKind>> = {
  [TOPICS.comparisonResult]: "comparison",
  [TOPICS.completed]: "completion",
  [TOPICS.resultPublished]: "result",
  [TOPICS.failed]: "failure"
}

export interface ComparisonEvent {
  readonly kind: "comparison"
  readonly envelope: ConsumedEnvelope
  readonly payload: ComparisonResult
  readonly essayAId: string
  readonly essayBId: string
  readonly promptHash: string
}
export interface CompletionEvent {
  readonly kind: "completion"
  readonly envelope: ConsumedEnvelope
  readonly payload: AssessmentCompleted
}
export interface ResultEvent {
  readonly kind: "result"
  readonly envelope: ConsumedEnvelope
  readonly payload: AssessmentResult
}
export interface FailureEvent {
  readonly kind: "failure"
  readonly envelope: ConsumedEnvelope
  readonly payload: AssessmentFailed
}
export type BatchEvent = ComparisonEvent | CompletionEvent | ResultEvent | FailureEvent

export type Classified =
  | { readonly _tag: "Ours"; readonly event: BatchEvent; readonly parsed: unknown }
  /** Another batch's event: none of this run's business. */
  | { readonly _tag: "Foreign" }
  /** Unreadable, or this batch's (or an unattributable) event that breaks its contract. */
  | { readonly _tag: "Invalid"; readonly kind: EventKind | "unknown"; readonly reason: string }

const decodeEnvelope = Schema.decodeUnknownExit(ConsumedEnvelope)
const decodeComparison = Schema.decodeUnknownExit(ComparisonResult)
const decodeCompletion = Schema.decodeUnknownExit(AssessmentCompleted)
const decodeResult = Schema.decodeUnknownExit(AssessmentResult)
const decodeFailure = Schema.decodeUnknownExit(AssessmentFailed)

const SHA256_HEX = /^[0-9a-f]{64}$/

const firstLine = (cause: unknown): string => String(cause).split("\n").slice(0, 4).join(" ").slice(0, 300)

const invalid = (kind: EventKind | "unknown", reason: string): Classified => ({ _tag: "Invalid", kind, reason })

const field = (value: unknown, key: string): unknown => (Predicate.isObject(value) ? (value as Record<string, unknown>)[key] : undefined)

/**
 * The batch an event belongs to, read before the strict parse so that a malformed event
 * of another batch is ignored rather than counted. Callbacks name the batch in
 * `request_metadata.bos_batch_id` (set by CJ); `batch_id` is only a fallback, since a
 * provider echoing its own `batch_id` must not hide a callback (contracts §10.5).
 */
const batchOf = (kind: EventKind, data: unknown): unknown => {
  switch (kind) {
    case "comparison": {
      const metadata = field(data, "request_metadata")
      return field(metadata, "bos_batch_id") ?? field(metadata, "batch_id")
    }
    case "result":
      return field(data, "batch_id")
    case "completion":
    case "failure":
      return field(data, "entity_id")
  }
}

const typed = (kind: EventKind, envelope: ConsumedEnvelope, parsed: unknown): Classified => {
  const ours = (event: BatchEvent): Classified => ({ _tag: "Ours", event, parsed })
  switch (kind) {
    case "comparison": {
      const exit = decodeComparison(envelope.data)
      if (Exit.isFailure(exit)) return invalid(kind, `payload: ${firstLine(exit.cause)}`)
      const payload = exit.value
      if ((payload.winner === null) === (payload.error_detail === null)) return invalid(kind, "payload has both a winner and an error_detail, or neither")
      if (payload.winner !== null && (payload.justification === null || payload.confidence === null)) {
        return invalid(kind, "a winner without justification or confidence")
      }
      const { essay_a_id: essayAId, essay_b_id: essayBId, prompt_sha256: promptHash } = payload.request_metadata ?? {}
      if (essayAId === undefined || essayAId === "" || essayBId === undefined || essayBId === "") {
        return invalid(kind, "request_metadata lacks essay_a_id or essay_b_id")
      }
      if (promptHash === undefined || !SHA256_HEX.test(promptHash)) return invalid(kind, "request_metadata.prompt_sha256 is not 64 lower-case hex digits")
      return ours({ kind, envelope, payload, essayAId, essayBId, promptHash })
    }
    case "completion": {
      const exit = decodeCompletion(envelope.data)
      return Exit.isFailure(exit) ? invalid(kind, `payload: ${firstLine(exit.cause)}`) : ours({ kind, envelope, payload: exit.value })
    }
    case "result": {
      const exit = decodeResult(envelope.data)
      return Exit.isFailure(exit) ? invalid(kind, `payload: ${firstLine(exit.cause)}`) : ours({ kind, envelope, payload: exit.value })
    }
    case "failure": {
      const exit = decodeFailure(envelope.data)
      return Exit.isFailure(exit) ? invalid(kind, `payload: ${firstLine(exit.cause)}`) : ours({ kind, envelope, payload: exit.value })
    }
  }
}

/** Two-phase parse of one record (envelope, then the payload the topic carries), then the batch match. */
export const classifyRecord = (topic: string, value: string | null, batchUuid: string): Classified => {
  const kind = FOLLOWED_TOPICS[topic]
  if (kind === undefined) return invalid("unknown", `topic ${topic} is not followed`)
  if (value === null || value === "") return invalid(kind, "empty message")
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return invalid(kind, "not JSON")
  }
  return classifyParsed(topic, parsed, batchUuid)
}

/** The same for a value already parsed from JSON (events replayed from a run folder). */
export const classifyParsed = (topic: string, parsed: unknown, batchUuid: string): Classified => {
  const kind = FOLLOWED_TOPICS[topic]
  if (kind === undefined) return invalid("unknown", `topic ${topic} is not followed`)
  const envelopeExit = decodeEnvelope(parsed)
  if (Exit.isFailure(envelopeExit)) {
    const batch = batchOf(kind, field(parsed, "data"))
    if (Predicate.isString(batch) && batch.toLowerCase() !== batchUuid) return { _tag: "Foreign" }
    return invalid(kind, `envelope: ${firstLine(envelopeExit.cause)}`)
  }
  const envelope = envelopeExit.value
  const batch = batchOf(kind, envelope.data)
  if (!Predicate.isString(batch)) return invalid(kind, "names no batch")
  if (batch !== batchUuid && batch.toLowerCase() !== batchUuid) return { _tag: "Foreign" }
  return typed(kind, envelope, parsed)
}
