import { Schema } from "effect"
import { batchReliability, pairKeyOf } from "./reliability.js"

/**
 * eng5's addition to the artefact: how far the batch's BT scores can be trusted, computed from
 * the artefact's own data (the successful comparisons and the published scores), so any run
 * folder can be checked again from its artefact alone.
 */
export const ArtefactReliability = Schema.Struct({
  /** Scale separation reliability of the students' scores; null with fewer than two scored students. */
  ssr: Schema.NullOr(Schema.Number),
  students: Schema.Int,
  mean_standard_error: Schema.NullOr(Schema.Number),
  min_trusted_comparisons: Schema.Int,
  /** Students with fewer successful comparisons than that; `standard_error` null for one never compared. */
  under_compared: Schema.Array(Schema.Struct({ essay_id: Schema.String, comparisons: Schema.Int, standard_error: Schema.NullOr(Schema.Number) })),
  method: Schema.String
})
export type ArtefactReliability = typeof ArtefactReliability.Type

export const RELIABILITY_METHOD =
  "SSR = (variance of students' θ − mean SE²) / variance of θ; SE from the successful comparisons at the published θ (information n·p·(1 − p), ridge 0.01); too few comparisons: below 7, where SE cannot fall under CJ's 0.8-logit warning threshold"

interface ScoreRow {
  readonly essay_id: string
  readonly theta: number
  readonly is_anchor: boolean
}

interface ComparisonRow {
  readonly status: string
  readonly winner_id: string
  readonly loser_id: string
}

/** Null until the batch has scores. Only successful comparisons count, each delivery once (the artefact keeps no duplicates). */
export const reliabilityOfArtefact = (scores: ReadonlyArray<ScoreRow>, comparisons: ReadonlyArray<ComparisonRow>): ArtefactReliability | null => {
  if (scores.length === 0) return null
  const pairCounts = new Map<string, number>()
  for (const c of comparisons) {
    if (c.status !== "succeeded" || c.winner_id === c.loser_id) continue
    const key = pairKeyOf(c.winner_id, c.loser_id)
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1)
  }
  const result = batchReliability(scores.map((s) => ({ essayId: s.essay_id, theta: s.theta, isAnchor: s.is_anchor })), pairCounts)
  return {
    ssr: result.ssr,
    students: result.students,
    mean_standard_error: result.meanStandardError,
    min_trusted_comparisons: result.minTrustedComparisons,
    under_compared: result.underCompared.map((e) => ({ essay_id: e.essayId, comparisons: e.comparisons, standard_error: Number.isFinite(e.standardError) ? e.standardError : null })),
    method: RELIABILITY_METHOD
  }
}
