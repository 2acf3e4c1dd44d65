import { type GradeScale, gradeRank } from "../domain/gradeScales.js"
import { type KendallTauB, kendallTauB } from "./kendallTauB.js"

/**
 * Maps an essay id found in CJ's output back to an anchor id, or undefined when the essay is
 * not one of the anchors.
 *
 * CJ echoes the ids it was sent: comparison callbacks name the pair by `essay_a_id` /
 * `essay_b_id` (the artefact keeps them as `winner_id` / `loser_id`) and the result event
 * names each essay by `essay_id` (the artefact's `bt_summary`). In the GUEST flow the request
 * carries the anchors as students under ids the caller chose, so only the caller knows which
 * id is which anchor. Essays it does not recognise, and comparisons involving them, are left
 * out of every metric (and counted).
 */
export type AnchorIdOf = (cjEssayId: string) => string | undefined

/** A resolver built from the ids the request sent (essay id → anchor id); falls back to ignoring case. */
export const anchorIdsFromSentIds = (sent: ReadonlyMap<string, string>): AnchorIdOf => {
  const byUpperCase = new Map<string, string>()
  for (const [essayId, anchorId] of sent) {
    if (!byUpperCase.has(essayId.toUpperCase())) byUpperCase.set(essayId.toUpperCase(), anchorId)
  }
  return (cjEssayId) => sent.get(cjEssayId) ?? byUpperCase.get(cjEssayId.toUpperCase())
}

/** One essay of CJ's result: its Bradley–Terry score (theta) and CJ's rank (1 = best). */
export interface CjEssayResult {
  readonly essayId: string
  readonly btScore: number
  readonly rank: number
}

/** One comparison record; only `succeeded` ones count. The artefact's records fit this shape. */
export interface ComparisonOutcome {
  readonly sequence?: number
  readonly winnerId: string
  readonly loserId: string
  readonly status: string
  readonly confidence?: number | null
  readonly justification?: string | null
}

export interface AlignmentInput {
  /** Anchor id → the expert's grade. Letter grades are compared ignoring case and surrounding spaces. */
  readonly expectedGrades: Readonly<Record<string, string>>
  readonly scale: GradeScale
  readonly essays: ReadonlyArray<CjEssayResult>
  readonly comparisons: ReadonlyArray<ComparisonOutcome>
  readonly anchorIdOf: AnchorIdOf
}

export interface AnchorAlignment {
  readonly anchorId: string
  readonly cjEssayId: string
  /** The expected grade as given (normalised), or null when none was given. */
  readonly expectedGrade: string | null
  /** False when the grade is missing or not a grade of the scale: such anchors stay out of τ and inversions. */
  readonly gradeInScale: boolean
  readonly btScore: number
  readonly cjRank: number
  /**
   * Where the expert grades place this anchor among the ranked anchors with a grade in the
   * scale, best first. Anchors sharing a grade share a span: `expectedRankFrom`..`expectedRankTo`.
   */
  readonly expectedRankFrom: number | null
  readonly expectedRankTo: number | null
  readonly wins: number
  readonly losses: number
  /** wins / (wins + losses); null when the anchor took part in no used comparison. */
  readonly winRate: number | null
}

/** A lower-graded anchor beat a higher-graded one; one entry per pair of anchors. */
export interface Inversion {
  readonly higherGradedAnchor: string
  readonly higherGrade: string
  /** The winner. */
  readonly lowerGradedAnchor: string
  readonly lowerGrade: string
  /** How many used comparisons of this pair the lower-graded anchor won. */
  readonly occurrences: number
  /** The first such comparison: its sequence number (or 1-based position), confidence and justification. */
  readonly firstComparison: number
  readonly confidence: number | null
  readonly justification: string | null
}

export interface AlignmentMetrics {
  readonly gradeScale: string
  /** Sorted by expected rank, then CJ rank; anchors without a usable grade last. */
  readonly anchors: ReadonlyArray<AnchorAlignment>
  /** Between CJ's rank and the expected grade, over the ranked anchors whose grade is in the scale. */
  readonly kendallTauB: KendallTauB
  readonly inversions: ReadonlyArray<Inversion>
  readonly zeroWinAnchors: number
  /** Ranked anchors whose grade is missing or outside the scale. */
  readonly unknownGradeAnchors: ReadonlyArray<string>
  /** Anchors with an expected grade that CJ returned no result for (e.g. not sent, or dropped). */
  readonly anchorsWithoutResult: ReadonlyArray<string>
  readonly comparisons: {
    /** Succeeded comparisons between two anchors: the ones behind wins, losses and inversions. */
    readonly used: number
    readonly notSucceeded: number
    readonly notBetweenAnchors: number
    /** Used comparisons that could not be checked for inversion: a grade missing or outside the scale. */
    readonly withUnknownGrade: number
  }
}

interface ExpectedGrade {
  readonly grade: string | null
  /** Higher is better; undefined when the grade is missing or not in the scale. */
  readonly order: number | undefined
}

const normaliseGrade = (raw: string, scale: GradeScale): string => (scale.numeric ? raw.trim() : raw.trim().toUpperCase())

const expectedGradeLookup = (input: AlignmentInput) => (anchorId: string): ExpectedGrade => {
  const raw = Object.hasOwn(input.expectedGrades, anchorId) ? input.expectedGrades[anchorId] : undefined
  if (raw === undefined) return { grade: null, order: undefined }
  const grade = normaliseGrade(raw, input.scale)
  return { grade, order: gradeRank(grade, input.scale) }
}

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

const compareNullableAscending = (a: number | null, b: number | null): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b

/** The alignment between CJ's ranking of the anchors and the experts' grades. Pure. */
export const alignmentMetrics = (input: AlignmentInput): AlignmentMetrics => {
  const expectedGrade = expectedGradeLookup(input)

  // The first result per anchor counts; a second id mapping to the same anchor is ignored.
  const resultByAnchor = new Map<string, CjEssayResult>()
  for (const essay of input.essays) {
    const anchorId = input.anchorIdOf(essay.essayId)
    if (anchorId !== undefined && !resultByAnchor.has(anchorId)) resultByAnchor.set(anchorId, essay)
  }

  const wins = new Map<string, number>()
  const losses = new Map<string, number>()
  const inversionByPair = new Map<string, Inversion>()
  const counts = { used: 0, notSucceeded: 0, notBetweenAnchors: 0, withUnknownGrade: 0 }
  input.comparisons.forEach((comparison, index) => {
    if (comparison.status !== "succeeded") {
      counts.notSucceeded++
      return
    }
    const winner = input.anchorIdOf(comparison.winnerId)
    const loser = input.anchorIdOf(comparison.loserId)
    if (winner === undefined || loser === undefined) {
      counts.notBetweenAnchors++
      return
    }
    counts.used++
    increment(wins, winner)
    increment(losses, loser)
    const winnerGrade = expectedGrade(winner)
    const loserGrade = expectedGrade(loser)
    if (winnerGrade.order === undefined || loserGrade.order === undefined) {
      counts.withUnknownGrade++
      return
    }
    if (winnerGrade.order >= loserGrade.order) return
    const pairKey = [winner, loser].sort().join("\u0000")
    const seen = inversionByPair.get(pairKey)
    inversionByPair.set(
      pairKey,
      seen === undefined
        ? {
            higherGradedAnchor: loser,
            higherGrade: loserGrade.grade ?? "",
            lowerGradedAnchor: winner,
            lowerGrade: winnerGrade.grade ?? "",
            occurrences: 1,
            firstComparison: comparison.sequence ?? index + 1,
            confidence: comparison.confidence ?? null,
            justification: comparison.justification ?? null
          }
        : { ...seen, occurrences: seen.occurrences + 1 }
    )
  })

  const gradedOrders = [...resultByAnchor.keys()].flatMap((anchorId) => {
    const order = expectedGrade(anchorId).order
    return order === undefined ? [] : [order]
  })
  const anchors = [...resultByAnchor].map(([anchorId, essay]): AnchorAlignment => {
    const { grade, order } = expectedGrade(anchorId)
    const anchorWins = wins.get(anchorId) ?? 0
    const anchorLosses = losses.get(anchorId) ?? 0
    return {
      anchorId,
      cjEssayId: essay.essayId,
      expectedGrade: grade,
      gradeInScale: order !== undefined,
      btScore: essay.btScore,
      cjRank: essay.rank,
      expectedRankFrom: order === undefined ? null : 1 + gradedOrders.filter((other) => other > order).length,
      expectedRankTo: order === undefined ? null : gradedOrders.filter((other) => other >= order).length,
      wins: anchorWins,
      losses: anchorLosses,
      winRate: anchorWins + anchorLosses === 0 ? null : anchorWins / (anchorWins + anchorLosses)
    }
  })
  anchors.sort(
    (a, b) =>
      compareNullableAscending(a.expectedRankFrom, b.expectedRankFrom) || a.cjRank - b.cjRank || a.anchorId.localeCompare(b.anchorId)
  )

  // Negated CJ rank, so that larger is better in both variables.
  const tauPoints = anchors.flatMap((anchor): Array<readonly [number, number]> => {
    const order = expectedGrade(anchor.anchorId).order
    return order === undefined ? [] : [[-anchor.cjRank, order]]
  })

  return {
    gradeScale: input.scale.id,
    anchors,
    kendallTauB: kendallTauB(tauPoints),
    inversions: [...inversionByPair.values()],
    zeroWinAnchors: anchors.filter((anchor) => anchor.wins === 0).length,
    unknownGradeAnchors: anchors.filter((anchor) => !anchor.gradeInScale).map((anchor) => anchor.anchorId),
    anchorsWithoutResult: Object.keys(input.expectedGrades)
      .filter((anchorId) => !resultByAnchor.has(anchorId))
      .sort(),
    comparisons: counts
  }
}
