import { Context, Data, type Effect } from "effect"
import { ExitCode } from "eng5/sdk"

/** The CJ database holds no batch for the identifier (its `bos_batch_id`, or its `id` when all digits). */
export class CjBatchNotFound extends Data.TaggedError("CjBatchNotFound")<{
  readonly batchIdentifier: string
  /** Where the plugin looked, without the password: `user@host:port/database`. */
  readonly database: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** eng5 could not open a session with the CJ database: refused, unreachable, timed out, or rejected. */
export class CjDatabaseUnreachable extends Data.TaggedError("CjDatabaseUnreachable")<{
  readonly database: string
  readonly reason: "refused" | "timeout" | "host_not_found" | "unreachable" | "auth_failed" | "database_missing" | "other"
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** A read from the CJ database failed after connecting (a missing table or column, a timeout, …). */
export class CjDatabaseQueryFailed extends Data.TaggedError("CjDatabaseQueryFailed")<{
  readonly database: string
  /** The table being read when it failed. */
  readonly table: string
  /** PostgreSQL's SQLSTATE, when the server sent one. */
  readonly sqlState: string | null
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

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
export class Extractor extends Context.Service<Extractor, ExtractorService>()("@eng5/plugin-db-extract/Extractor") {}
