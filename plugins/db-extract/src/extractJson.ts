import type { CjBatchExtract } from "./Extractor.js"
import { type ExtractCounts, extractCounts, pairOutcome, winsAndLosses } from "./extractSummary.js"

export const CJ_EXTRACT_SCHEMA = "eng5.cj-db-extract/1"

/** The extract as written to `cj_results_<batch>.json`: the database's column names, plus derived winners and tallies. */
export interface CjExtractJson {
  readonly schema: typeof CJ_EXTRACT_SCHEMA
  readonly batch_identifier: string
  /** `user@host:port/database`, when the caller knows it. */
  readonly database: string | null
  readonly extracted_at: string | null
  readonly batch: Readonly<Record<string, string | number | null>>
  readonly batch_state: Readonly<Record<string, string | number | null>> | null
  readonly comparisons: ReadonlyArray<Readonly<Record<string, string | number | null>>>
  readonly essays: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly grade_projections: ReadonlyArray<Readonly<Record<string, string | number | null>>>
  readonly summary: ExtractCounts
}

export interface ExtractProvenance {
  readonly database?: string
  readonly extractedAt?: string
}

export const extractJson = (extract: CjBatchExtract, provenance: ExtractProvenance = {}): CjExtractJson => {
  const tally = winsAndLosses(extract.comparisons)
  const { batch, state } = extract
  return {
    schema: CJ_EXTRACT_SCHEMA,
    batch_identifier: extract.batchIdentifier,
    database: provenance.database ?? null,
    extracted_at: provenance.extractedAt ?? null,
    batch: {
      id: batch.id,
      bos_batch_id: batch.bosBatchId,
      status: batch.status,
      expected_essay_count: batch.expectedEssayCount,
      course_code: batch.courseCode,
      language: batch.language,
      event_correlation_id: batch.eventCorrelationId,
      created_at: batch.createdAt,
      completed_at: batch.completedAt
    },
    batch_state:
      state === null
        ? null
        : {
            state: state.state,
            total_budget: state.totalBudget,
            total_comparisons: state.totalComparisons,
            submitted_comparisons: state.submittedComparisons,
            completed_comparisons: state.completedComparisons,
            failed_comparisons: state.failedComparisons,
            current_iteration: state.currentIteration,
            completion_threshold_pct: state.completionThresholdPct
          },
    comparisons: extract.comparisons.map((pair) => {
      const outcome = pairOutcome(pair)
      return {
        id: pair.id,
        essay_a_els_id: pair.essayAId,
        essay_b_els_id: pair.essayBId,
        winner: pair.winner,
        winner_id: outcome?.winnerId ?? null,
        loser_id: outcome?.loserId ?? null,
        confidence: pair.confidence,
        justification: pair.justification,
        request_correlation_id: pair.requestCorrelationId,
        submitted_at: pair.submittedAt,
        completed_at: pair.completedAt,
        error_code: pair.errorCode
      }
    }),
    essays: extract.essays.map((essay) => ({
      els_essay_id: essay.essayId,
      current_bt_score: essay.btScore,
      current_bt_se: essay.btStandardError,
      comparison_count: essay.comparisonCount,
      wins: tally.get(essay.essayId)?.wins ?? 0,
      losses: tally.get(essay.essayId)?.losses ?? 0,
      is_anchor: essay.isAnchor,
      known_grade: essay.knownGrade,
      processing_metadata: essay.processingMetadata
    })),
    grade_projections: extract.gradeProjections.map((projection) => ({
      els_essay_id: projection.essayId,
      primary_grade: projection.primaryGrade,
      confidence_score: projection.confidenceScore,
      confidence_label: projection.confidenceLabel,
      normalized_score: projection.normalizedScore,
      grade_scale: projection.gradeScale
    })),
    summary: extractCounts(extract)
  }
}
