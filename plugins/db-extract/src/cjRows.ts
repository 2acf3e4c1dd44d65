import type { CjBatchStateRow, CjBatchUploadRow, CjComparisonPairRow, CjGradeProjectionRow, CjProcessedEssayRow } from "./Extractor.js"

/** A row as `pg` returns it: column name → value. */
export type Row = Readonly<Record<string, unknown>>

const textOrNull = (row: Row, column: string): string | null => {
  const value = row[column]
  if (value === null || value === undefined) return null
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value)
  return value instanceof Date ? value.toISOString() : JSON.stringify(value)
}

/** Numbers arrive as numbers, except bigint and numeric columns, which `pg` returns as text. */
const numberOrNull = (row: Row, column: string): number | null => {
  const value = row[column]
  if (typeof value === "number") return value
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  return null
}

const jsonObjectOrNull = (row: Row, column: string): Readonly<Record<string, unknown>> | null => {
  let value = row[column]
  if (typeof value === "string") {
    try {
      value = JSON.parse(value)
    } catch {
      return null
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

export const batchUploadFromRow = (row: Row): CjBatchUploadRow => ({
  id: numberOrNull(row, "id") ?? 0,
  bosBatchId: textOrNull(row, "bos_batch_id") ?? "",
  status: textOrNull(row, "status"),
  expectedEssayCount: numberOrNull(row, "expected_essay_count"),
  courseCode: textOrNull(row, "course_code"),
  language: textOrNull(row, "language"),
  eventCorrelationId: textOrNull(row, "event_correlation_id"),
  createdAt: textOrNull(row, "created_at"),
  completedAt: textOrNull(row, "completed_at")
})

export const batchStateFromRow = (row: Row): CjBatchStateRow => ({
  state: textOrNull(row, "state"),
  totalBudget: numberOrNull(row, "total_budget"),
  totalComparisons: numberOrNull(row, "total_comparisons"),
  submittedComparisons: numberOrNull(row, "submitted_comparisons"),
  completedComparisons: numberOrNull(row, "completed_comparisons"),
  failedComparisons: numberOrNull(row, "failed_comparisons"),
  currentIteration: numberOrNull(row, "current_iteration"),
  completionThresholdPct: numberOrNull(row, "completion_threshold_pct")
})

export const comparisonPairFromRow = (row: Row): CjComparisonPairRow => ({
  id: numberOrNull(row, "id") ?? 0,
  essayAId: textOrNull(row, "essay_a_els_id") ?? "",
  essayBId: textOrNull(row, "essay_b_els_id") ?? "",
  winner: textOrNull(row, "winner"),
  confidence: numberOrNull(row, "confidence"),
  justification: textOrNull(row, "justification"),
  requestCorrelationId: textOrNull(row, "request_correlation_id"),
  submittedAt: textOrNull(row, "submitted_at"),
  completedAt: textOrNull(row, "completed_at"),
  errorCode: textOrNull(row, "error_code")
})

export const processedEssayFromRow = (row: Row): CjProcessedEssayRow => {
  const processingMetadata = jsonObjectOrNull(row, "processing_metadata")
  const knownGrade = processingMetadata?.["known_grade"]
  return {
    essayId: textOrNull(row, "els_essay_id") ?? "",
    btScore: numberOrNull(row, "current_bt_score"),
    btStandardError: numberOrNull(row, "current_bt_se"),
    comparisonCount: numberOrNull(row, "comparison_count") ?? 0,
    isAnchor: row["is_anchor"] === true,
    knownGrade: typeof knownGrade === "string" && knownGrade !== "" ? knownGrade : null,
    processingMetadata
  }
}

export const gradeProjectionFromRow = (row: Row): CjGradeProjectionRow => ({
  essayId: textOrNull(row, "els_essay_id") ?? "",
  primaryGrade: textOrNull(row, "primary_grade"),
  confidenceScore: numberOrNull(row, "confidence_score"),
  confidenceLabel: textOrNull(row, "confidence_label"),
  normalizedScore: numberOrNull(row, "normalized_score"),
  gradeScale: textOrNull(row, "grade_scale")
})
