import { Context, type Effect } from "effect"
import type { CjBatchNotFound, CjDatabaseQueryFailed, CjDatabaseUnreachable } from "../errors.js"

/**
 * What eng5 reads from the CJ Assessment database about one batch (spec §3.7): the five
 * tables the platform's diagnostics extractor reads, one typed row shape each. Timestamps are
 * kept as the database's own text, so a `timestamp without time zone` is never shifted into
 * the local zone by the client.
 */
export interface CjBatchUploadRow {
  readonly id: number
  readonly bosBatchId: string
  readonly status: string | null
  readonly expectedEssayCount: number | null
  readonly courseCode: string | null
  readonly language: string | null
  readonly eventCorrelationId: string | null
  readonly createdAt: string | null
  readonly completedAt: string | null
}

export interface CjBatchStateRow {
  readonly state: string | null
  readonly totalBudget: number | null
  readonly totalComparisons: number | null
  readonly submittedComparisons: number | null
  readonly completedComparisons: number | null
  readonly failedComparisons: number | null
  readonly currentIteration: number | null
  readonly completionThresholdPct: number | null
}

/** One pair CJ asked the LLM to judge. `winner` is CJ's slot name: `essay_a`, `essay_b`, or `error`. */
export interface CjComparisonPairRow {
  readonly id: number
  readonly essayAId: string
  readonly essayBId: string
  readonly winner: string | null
  readonly confidence: number | null
  readonly justification: string | null
  readonly requestCorrelationId: string | null
  readonly submittedAt: string | null
  readonly completedAt: string | null
  readonly errorCode: string | null
}

export interface CjProcessedEssayRow {
  readonly essayId: string
  readonly btScore: number | null
  readonly btStandardError: number | null
  /** Comparisons this essay took part in (per essay, unlike the result event's count: B20). */
  readonly comparisonCount: number
  readonly isAnchor: boolean
  /** An anchor's grade as CJ recorded it (`processing_metadata.known_grade`). */
  readonly knownGrade: string | null
  readonly processingMetadata: Readonly<Record<string, unknown>> | null
}

export interface CjGradeProjectionRow {
  readonly essayId: string
  readonly primaryGrade: string | null
  readonly confidenceScore: number | null
  readonly confidenceLabel: string | null
  readonly normalizedScore: number | null
  readonly gradeScale: string | null
}

export interface CjBatchExtract {
  /** What the caller asked for: a batch uuid (`bos_batch_id`) or CJ's numeric batch id. */
  readonly batchIdentifier: string
  readonly batch: CjBatchUploadRow
  /** Absent when CJ never created a state row for the batch. */
  readonly state: CjBatchStateRow | null
  /** Ordered by pair id, as CJ created them. */
  readonly comparisons: ReadonlyArray<CjComparisonPairRow>
  /** Ordered by Bradley–Terry score, best first; essays without a score last. */
  readonly essays: ReadonlyArray<CjProcessedEssayRow>
  /** Ordered by normalised score, best first. */
  readonly gradeProjections: ReadonlyArray<CjGradeProjectionRow>
}

export type ExtractorError = CjBatchNotFound | CjDatabaseUnreachable | CjDatabaseQueryFailed

export interface ExtractorService {
  /** Where the extractor reads from, without the password (`user@host:port/database`). */
  readonly database: string
  readonly extractBatch: (batchIdentifier: string) => Effect.Effect<CjBatchExtract, ExtractorError>
}

/** Reads a finished batch out of the CJ database, read-only. */
export class Extractor extends Context.Service<Extractor, ExtractorService>()("eng5/services/Extractor") {}
