import { type AlignmentMetrics, alignmentMetrics, anchorIdsFromSentIds, type AnchorIdOf } from "../statistics/anchorAlignment.js"
import type { AssessmentRunArtefact } from "./artefact.js"
import { findGradeScale } from "./gradeScales.js"

/**
 * Where the anchors of a run are found in CJ's result:
 * - `anchors-as-students`: the request sent anchor files as student essays (anchor-align's GUEST
 *   flow); each is matched to its anchor by the file's checksum;
 * - `batch-anchors`: CJ added its own anchors to the batch (execute with an assignment); they
 *   appear in `bt_summary` as anchors with their known grade.
 */
export type AnchorSource = "anchors-as-students" | "batch-anchors"

export type ArtefactAlignment =
  | { readonly _tag: "Aligned"; readonly source: AnchorSource; readonly metrics: AlignmentMetrics }
  | { readonly _tag: "Unavailable"; readonly reason: string }

type AlignableArtefact = Pick<AssessmentRunArtefact, "metadata" | "inputs" | "bt_summary" | "llm_comparisons">

/** Student essay id → anchor id, for students whose file is one of the run's anchors. */
const anchorsSentAsStudents = (artefact: AlignableArtefact): ReadonlyMap<string, string> => {
  const anchorByChecksum = new Map<string, string>()
  for (const anchor of artefact.inputs.anchors) if (!anchorByChecksum.has(anchor.checksum)) anchorByChecksum.set(anchor.checksum, anchor.anchor_id)
  const sent = new Map<string, string>()
  for (const student of artefact.inputs.students) {
    const anchorId = anchorByChecksum.get(student.checksum)
    if (anchorId !== undefined) sent.set(student.essay_id, anchorId)
  }
  return sent
}

const sourceOf = (artefact: AlignableArtefact): { readonly source: AnchorSource; readonly expectedGrades: Readonly<Record<string, string>>; readonly anchorIdOf: AnchorIdOf } | null => {
  const sent = anchorsSentAsStudents(artefact)
  if (sent.size > 0) {
    const sentAnchors = new Set(sent.values())
    const expectedGrades = Object.fromEntries(artefact.inputs.anchors.filter((a) => sentAnchors.has(a.anchor_id)).map((a) => [a.anchor_id, a.grade]))
    return { source: "anchors-as-students", expectedGrades, anchorIdOf: anchorIdsFromSentIds(sent) }
  }
  const graded = artefact.bt_summary.filter((entry) => entry.is_anchor && entry.anchor_grade !== undefined)
  if (graded.length === 0) return null
  const expectedGrades = Object.fromEntries(graded.map((entry) => [entry.essay_id, entry.anchor_grade ?? ""]))
  return { source: "batch-anchors", expectedGrades, anchorIdOf: (id) => (Object.hasOwn(expectedGrades, id) ? id : undefined) }
}

/**
 * How CJ's ranking of a run's anchors agrees with their known grades (τ-b, direct inversions,
 * wins and losses), from the artefact alone. Used by the anchor-align report and experiments.
 */
export const alignmentOfArtefact = (artefact: AlignableArtefact): ArtefactAlignment => {
  const scale = findGradeScale(artefact.metadata.grade_scale)
  if (scale === undefined) return { _tag: "Unavailable", reason: `grade scale ${artefact.metadata.grade_scale} is not one eng5 knows` }
  const found = sourceOf(artefact)
  if (found === null) return { _tag: "Unavailable", reason: "no anchor with a known grade is in the batch's result" }
  const metrics = alignmentMetrics({
    expectedGrades: found.expectedGrades,
    scale,
    essays: artefact.bt_summary.map((entry) => ({ essayId: entry.essay_id, btScore: entry.theta, rank: entry.rank })),
    comparisons: artefact.llm_comparisons.map((c) => ({
      sequence: c.sequence,
      winnerId: c.winner_id,
      loserId: c.loser_id,
      status: c.status,
      confidence: c.confidence ?? null,
      justification: c.justification ?? null
    })),
    anchorIdOf: found.anchorIdOf
  })
  return { _tag: "Aligned", source: found.source, metrics }
}
