import { Predicate } from "effect"
import type { BtEntry, ComparisonRecord, CostBreakdown, GradeProjection, ObservedEvents } from "./artefact.js"
import type { BatchEvent, ComparisonEvent, FailureEvent } from "./classifyRecord.js"
import type { AssessmentCompleted, AssessmentResult } from "./consumedEvents.js"
import { btEntryOf, gradeProjectionOf } from "./resultProjection.js"

/** What applying one event of this batch did. */
export type Applied =
  | { readonly _tag: "ComparisonRecorded"; readonly record: ComparisonRecord }
  | { readonly _tag: "DuplicateComparison"; readonly requestId: string }
  | { readonly _tag: "CompletionSeen"; readonly status: string; readonly count: number }
  | { readonly _tag: "ResultApplied"; readonly essays: number }
  | { readonly _tag: "BatchFailed"; readonly reason: string }

export interface CostBucket extends CostBreakdown {
  readonly comparisons: number
  readonly failed_comparisons: number
}

interface MutableBucket {
  readonly provider: string
  readonly model: string
  prompt_tokens: number
  completion_tokens: number
  usd: number
  comparisons: number
  failed_comparisons: number
}

/** The artefact sections hydrated from events, except the comparison records themselves. */
export interface HydratedSections {
  readonly bt_summary: ReadonlyArray<BtEntry>
  readonly grade_projections: ReadonlyArray<GradeProjection>
  readonly costs: { readonly total_usd: number; readonly token_counts: ReadonlyArray<CostBucket> }
  readonly observed_events: ObservedEvents
}

/** Lower-case hyphenated UUID, whichever form Pydantic accepted. */
export const canonicalUuid = (value: string): string => {
  const hex = value.replace(/-/g, "").toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** ISO 8601 with an explicit zone; naive platform timestamps are UTC. */
export const canonicalTimestamp = (value: string): string => {
  if (value.endsWith("Z") || /[+-]\d{2}:\d{2}$/.test(value)) return value
  const compact = /([+-]\d{2})(\d{2})$/.exec(value)
  return compact === null ? `${value}Z` : `${value.slice(0, -5)}${compact[1]}:${compact[2]}`
}

const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6

/** `"Essay A"` → A won, `"Essay B"` → B won; anything else keeps the A/B order (contracts §2.9). */
const bWon = (winner: string | null): boolean => {
  if (winner === "Essay A") return false
  if (winner === "Essay B") return true
  const normalised = (winner ?? "").toLowerCase().replace(/ /g, "_")
  return normalised === "essay_b" || normalised === "b"
}

const text = (info: Record<string, unknown>, key: string): string | undefined => {
  const value = info[key]
  if (Predicate.isString(value)) return value.trim() === "" ? undefined : value
  // CJ sends `details: {}` when it has none: an empty object says nothing.
  return Predicate.isObject(value) && Object.keys(value).length > 0 ? JSON.stringify(value).slice(0, 300) : undefined
}

/** CJ's own words for why the batch failed (`system_metadata.error_info`, contracts §2.7). */
export const failureReasonOf = (event: FailureEvent): string => {
  const info = event.payload.system_metadata?.error_info ?? {}
  const parts = [text(info, "error_code"), text(info, "error_message") ?? text(info, "reason") ?? text(info, "message"), text(info, "details")]
  const reason = parts.filter((p) => p !== undefined).join(": ")
  return reason === "" ? `CJ reported the batch as ${event.payload.status ?? "failed"} without a reason` : reason
}

/**
 * The artefact's results, built one event at a time with constant work per event: every total
 * is updated as the events arrive. Replaying the same events in the same order gives the same
 * state.
 */
export class Hydrator {
  private readonly records: ComparisonRecord[] = []
  private readonly requestIds = new Set<string>()
  /** Totals per provider and model (keyed by both), in the order they were first seen. */
  private readonly buckets = new Map<string, MutableBucket>()
  private readonly comparisonsPerEssay = new Map<string, number>()
  private readonly hashes = new Map<string, number>()
  private totalUsd = 0
  private failedComparisons = 0
  private duplicates = 0
  private invalid = 0
  private completions = 0
  private results = 0
  private failures = 0
  private lastCompletion: AssessmentCompleted | null = null
  private lastResult: AssessmentResult | null = null
  private failureReason: string | null = null

  constructor(private readonly gradeScale: string) {}

  apply(event: BatchEvent): Applied {
    switch (event.kind) {
      case "comparison":
        return this.applyComparison(event)
      case "completion":
        this.completions += 1
        this.lastCompletion = event.payload
        return { _tag: "CompletionSeen", status: event.payload.status, count: this.completions }
      case "result":
        this.results += 1
        this.lastResult = event.payload
        return { _tag: "ResultApplied", essays: event.payload.essay_results.length }
      case "failure":
        this.failures += 1
        this.failureReason = failureReasonOf(event)
        return { _tag: "BatchFailed", reason: this.failureReason }
    }
  }

  /** A malformed or contract-breaking event: counted, never applied. */
  countInvalid(): void {
    this.invalid += 1
  }

  private applyComparison(event: ComparisonEvent): Applied {
    const { payload, envelope } = event
    if (this.requestIds.has(payload.request_id)) {
      this.duplicates += 1
      return { _tag: "DuplicateComparison", requestId: payload.request_id }
    }
    this.requestIds.add(payload.request_id)
    const swapped = bWon(payload.winner)
    const failed = payload.error_detail !== null
    const record: { -readonly [K in keyof ComparisonRecord]: ComparisonRecord[K] } = {
      sequence: this.records.length + 1,
      request_id: payload.request_id,
      correlation_id: canonicalUuid(envelope.correlation_id ?? payload.correlation_id),
      winner_id: swapped ? event.essayBId : event.essayAId,
      loser_id: swapped ? event.essayAId : event.essayBId,
      essay_a_id: event.essayAId,
      essay_b_id: event.essayBId,
      prompt_hash: event.promptHash,
      provider: payload.provider,
      model: payload.model,
      tokens_prompt: payload.token_usage?.prompt_tokens ?? 0,
      tokens_completion: payload.token_usage?.completion_tokens ?? 0,
      cost_usd: payload.cost_estimate,
      started_at: canonicalTimestamp(payload.requested_at),
      completed_at: canonicalTimestamp(payload.completed_at),
      status: failed ? "failed" : "succeeded"
    }
    if (payload.confidence !== null) record.confidence = payload.confidence
    if (payload.justification !== null) record.justification = payload.justification
    if (payload.error_detail !== null) {
      record.failure_reason = payload.error_detail.message
      record.error_code = payload.error_detail.error_code
    }
    this.records.push(record)
    this.totalUsd += record.cost_usd
    const key = JSON.stringify([record.provider, record.model])
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      bucket = { provider: record.provider, model: record.model, prompt_tokens: 0, completion_tokens: 0, usd: 0, comparisons: 0, failed_comparisons: 0 }
      this.buckets.set(key, bucket)
    }
    bucket.prompt_tokens += record.tokens_prompt
    bucket.completion_tokens += record.tokens_completion
    bucket.usd += record.cost_usd
    bucket.comparisons += 1
    this.hashes.set(record.prompt_hash, (this.hashes.get(record.prompt_hash) ?? 0) + 1)
    if (failed) {
      this.failedComparisons += 1
      bucket.failed_comparisons += 1
    } else {
      this.comparisonsPerEssay.set(record.essay_a_id, (this.comparisonsPerEssay.get(record.essay_a_id) ?? 0) + 1)
      this.comparisonsPerEssay.set(record.essay_b_id, (this.comparisonsPerEssay.get(record.essay_b_id) ?? 0) + 1)
    }
    return { _tag: "ComparisonRecorded", record }
  }

  /** The artefact's `llm_comparisons`, in arrival order. */
  get comparisons(): ReadonlyArray<ComparisonRecord> {
    return this.records
  }

  get comparisonCount(): number {
    return this.records.length
  }

  get failedComparisonCount(): number {
    return this.failedComparisons
  }

  get totalCostUsd(): number {
    return roundUsd(this.totalUsd)
  }

  get completion(): AssessmentCompleted | null {
    return this.lastCompletion
  }

  get result(): AssessmentResult | null {
    return this.lastResult
  }

  get failure(): string | null {
    return this.failureReason
  }

  /** Prompt hashes seen on comparisons, with how many comparisons used each. */
  promptHashes(): ReadonlyArray<{ readonly hash: string; readonly comparisons: number }> {
    return [...this.hashes].map(([hash, comparisons]) => ({ hash, comparisons }))
  }

  observedEvents(): ObservedEvents {
    return {
      llm_comparisons: this.records.length,
      duplicate_comparisons: this.duplicates,
      invalid_events: this.invalid,
      assessment_results: this.results,
      completions: this.completions,
      failures: this.failures,
      failed_comparisons: this.failedComparisons
    }
  }

  /** Work proportional to the number of essays and cost buckets, not to the number of events. */
  sections(): HydratedSections {
    const result = this.lastResult
    return {
      bt_summary: result === null ? [] : result.essay_results.map((e) => btEntryOf(e, this.comparisonsPerEssay.get(e.essay_id) ?? 0)),
      grade_projections: result === null ? [] : result.essay_results.map((e) => gradeProjectionOf(result, e, this.gradeScale)),
      costs: {
        total_usd: roundUsd(this.totalUsd),
        token_counts: [...this.buckets.values()].map((b) => ({ ...b, usd: roundUsd(b.usd) }))
      },
      observed_events: this.observedEvents()
    }
  }
}
