import { Predicate } from "effect"
import type { BtEntry, GradeProjection } from "./artefact.js"
import type { AssessmentResult, EssayResult } from "./consumedEvents.js"

/**
 * The artefact's `bt_summary` and `grade_projections` from CJ's result event (contracts
 * §2.8). Nothing is invented: CJ publishes no standard errors (so `standard_error` is 0 and
 * flagged as unavailable) and usually no grade distribution (so the probability shown is
 * CJ's confidence in its one projected grade, and says so).
 */

const isProbability = (value: unknown): value is number => Predicate.isNumber(value) && value >= 0 && value <= 1

/** `assessment_metadata.grade_projection_summary.grade_probabilities[essay_id]`, when CJ sends it. */
const publishedProbabilities = (result: AssessmentResult, essayId: string): Record<string, number> | undefined => {
  const summary = result.assessment_metadata?.["grade_projection_summary"]
  const all = Predicate.isObject(summary) ? (summary as Record<string, unknown>)["grade_probabilities"] : undefined
  const mine = Predicate.isObject(all) ? (all as Record<string, unknown>)[essayId] : undefined
  if (!Predicate.isObject(mine)) return undefined
  const entries = Object.entries(mine as Record<string, unknown>)
  return entries.length > 0 && entries.every(([, p]) => isProbability(p)) ? (Object.fromEntries(entries) as Record<string, number>) : undefined
}

/** CJ's letter grade "U" with confidence 0 means "no projection" (no anchors to calibrate against). */
const hasProjection = (essay: EssayResult): boolean => !(essay.letter_grade === "U" && essay.confidence_score === 0)

export const gradeProjectionOf = (result: AssessmentResult, essay: EssayResult, gradeScale: string): GradeProjection => {
  const published = publishedProbabilities(result, essay.essay_id)
  const [probabilities, source] =
    published !== undefined
      ? [published, "cj_grade_probabilities" as const]
      : hasProjection(essay)
        ? [{ [essay.letter_grade]: essay.confidence_score }, "cj_confidence_score" as const]
        : [{}, "no_projection" as const]
  return {
    essay_id: essay.essay_id,
    grade_scale: gradeScale,
    grade: essay.letter_grade,
    probabilities,
    confidence_score: essay.confidence_score,
    confidence_label: essay.confidence_label,
    probabilities_source: source
  }
}

export const btEntryOf = (essay: EssayResult, comparisonCount: number): BtEntry => ({
  essay_id: essay.essay_id,
  theta: essay.bt_score,
  standard_error: 0,
  standard_error_available: false,
  rank: essay.rank,
  comparison_count: comparisonCount,
  is_anchor: essay.is_anchor,
  ...(essay.is_anchor ? { anchor_grade: essay.letter_grade } : {}),
  grade_projection: essay.letter_grade,
  normalized_score: essay.normalized_score
})
