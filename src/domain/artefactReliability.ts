import { Schema } from "effect"
import { scoreLikeCj, withStandardErrors } from "../statistics/cjScoring.js"
import { scaleSeparation, splitHalfReliability } from "../statistics/reliability.js"
import type { BtEntry } from "./artefact.js"

/**
 * eng5's additions to a finished batch's artefact, computed from the artefact's own data (its
 * successful comparisons and CJ's published θ), so any run folder can be checked again from
 * its artefact alone: the SE of every essay as CJ computes it, and how far the scores can be
 * trusted (src/statistics/reliability.ts, docs/statistics.md).
 */
export const ArtefactReliability = Schema.Struct({
  /** Scale separation reliability of the students' scores, or null with the reason. */
  ssr: Schema.NullOr(Schema.Number),
  ssr_not_estimable_reason: Schema.NullOr(Schema.String),
  /** Share of the students in the strongly connected part of the win/loss graph holding most of them. */
  largest_component_share: Schema.NullOr(Schema.Number),
  /** Spearman–Brown corrected split-half reliability over random splits of the comparisons. */
  split_half: Schema.NullOr(Schema.Struct({ median: Schema.Number, low: Schema.Number, high: Schema.Number, splits: Schema.Int })),
  students: Schema.Int,
  mean_standard_error: Schema.NullOr(Schema.Number),
  min_trusted_comparisons: Schema.Int,
  /** Students with fewer successful comparisons than that; `standard_error` null for one never compared. */
  under_compared: Schema.Array(Schema.Struct({ essay_id: Schema.String, comparisons: Schema.Int, standard_error: Schema.NullOr(Schema.Number) })),
  /** The essay CJ holds fixed for the SEs (SE 0 by construction). */
  standard_error_reference: Schema.NullOr(Schema.String),
  /** Largest difference between CJ's published θ and eng5's refit of the recorded comparisons: near 0 when the artefact holds what CJ scored. */
  refit_max_theta_difference: Schema.NullOr(Schema.Number),
  method: Schema.String
})
export type ArtefactReliability = typeof ArtefactReliability.Type

/** CJ's BT_MAX_SE_WARN_THRESHOLD (logits). */
export const MAX_TRUSTED_SE = 0.8
/** Information per comparison is at most 1/4, so SE ≥ 2/√n: below 7 comparisons SE > 0.8 whatever the opponents. */
export const MIN_TRUSTED_COMPARISONS = Math.ceil((2 / MAX_TRUSTED_SE) ** 2)

export const RELIABILITY_METHOD =
  "θ as CJ published it; SE as CJ computes it (Fisher information at θ, pseudo-inverse, cap 2.0) held to the anchor with the greatest id (CJ holds an anchor it picks by database row order); SSR of the students, null where the win/loss graph or the SEs cannot support it; split-half: comparisons halved at random 100 times, each half scored with CJ's estimator, Spearman–Brown corrected; too few comparisons: below 7, where SE cannot fall under CJ's 0.8-logit warning threshold"

interface ComparisonRow {
  readonly status: string
  readonly winner_id: string
  readonly loser_id: string
}

export interface ScoredArtefact {
  readonly bt_summary: ReadonlyArray<BtEntry>
  readonly reliability: ArtefactReliability
}

/** The random splits are fixed, so the same comparisons always give the same split-half figures. */
const SPLIT_SEED = "eng5-split-half"

/**
 * SEs into `bt_summary` and the batch's reliability; null until the batch has scores. `cjIdOf`
 * turns an artefact essay id into the id CJ held (CJ orders essays by it). Only successful
 * comparisons count, each delivery once (the artefact keeps no duplicates).
 */
export const scoreArtefact = (
  btSummary: ReadonlyArray<BtEntry>,
  comparisons: ReadonlyArray<ComparisonRow>,
  cjIdOf: (artefactId: string) => string
): ScoredArtefact | null => {
  if (btSummary.length === 0) return null
  const essays = btSummary.map((entry) => ({ essayId: cjIdOf(entry.essay_id), isAnchor: entry.is_anchor }))
  const outcomes = comparisons.flatMap((c) => (c.status === "succeeded" ? [{ winner: cjIdOf(c.winner_id), loser: cjIdOf(c.loser_id) }] : []))
  const refit = scoreLikeCj(essays, outcomes, { standardErrors: false })
  const published = new Map(btSummary.map((entry) => [cjIdOf(entry.essay_id), entry.theta]))
  const scoring = withStandardErrors(refit, published)
  const byCjId = new Map(scoring.essays.map((essay) => [essay.essayId, essay]))
  const artefactIds = new Map(btSummary.map((entry) => [cjIdOf(entry.essay_id), entry.essay_id]))
  const artefactIdOf = (cjId: string): string => artefactIds.get(cjId) ?? cjId
  const separation = scaleSeparation(scoring)
  const students = scoring.essays.filter((essay) => !essay.isAnchor)
  const compared = students.filter((essay) => essay.comparisons > 0)
  return {
    bt_summary: btSummary.map((entry) => {
      const scored = byCjId.get(cjIdOf(entry.essay_id))
      return scored === undefined ? entry : { ...entry, standard_error: scored.standardError, standard_error_available: true }
    }),
    reliability: {
      ssr: separation.ssr,
      ssr_not_estimable_reason: separation.notEstimableReason,
      largest_component_share: separation.largestComponentShare,
      split_half: splitHalfReliability(essays, outcomes, { seed: SPLIT_SEED, start: published }),
      students: compared.length,
      mean_standard_error: compared.length === 0 ? null : compared.reduce((sum, essay) => sum + essay.standardError, 0) / compared.length,
      min_trusted_comparisons: MIN_TRUSTED_COMPARISONS,
      under_compared: students
        .filter((essay) => essay.comparisons < MIN_TRUSTED_COMPARISONS)
        .map((essay) => ({ essay_id: artefactIdOf(essay.essayId), comparisons: essay.comparisons, standard_error: essay.comparisons === 0 ? null : essay.standardError }))
        .sort((a, b) => a.comparisons - b.comparisons || (a.essay_id < b.essay_id ? -1 : 1)),
      standard_error_reference: scoring.reference === undefined ? null : artefactIdOf(scoring.reference),
      refit_max_theta_difference: Math.max(0, ...refit.essays.map((essay) => Math.abs(essay.theta - (published.get(essay.essayId) ?? essay.theta)))),
      method: RELIABILITY_METHOD
    }
  }
}

/** The id CJ held for each artefact id: the id sent for a student (recorded beside its stable id), the id itself otherwise. */
export const cjIdsOf = (students: ReadonlyArray<{ readonly essay_id: string; readonly cj_essay_id?: string | undefined }>): ((artefactId: string) => string) => {
  const sent = new Map(students.flatMap((s) => (s.cj_essay_id === undefined ? [] : [[s.essay_id, s.cj_essay_id] as const])))
  return (artefactId) => sent.get(artefactId) ?? artefactId
}
