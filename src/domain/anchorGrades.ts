import type { AssessmentRunArtefact, BtEntry, GradeProjection } from "./artefact.js"

/**
 * The grades of the anchors in a batch. CJ's result event gives every anchor the letter grade
 * "U" (it projects grades for students only), yet an anchor's grade is known: CJ's own anchor
 * list has it (CJ names an anchor `ANCHOR_<id>_<8 hex>` after its id there), and so do the
 * anchor's file name and the anchors CSV. The artefact records the known grade and keeps
 * what CJ published beside it (`cj_letter_grade`) when the two differ.
 */
export type AnchorGradeOf = (essayId: string) => string | undefined

const CJ_ANCHOR_ID = /^ANCHOR_(\d+)_/

/** From the artefact's inputs: CJ's anchor list first, then the local anchors (by id or by CJ's label). */
export const anchorGradesOf = (inputs: AssessmentRunArtefact["inputs"]): AnchorGradeOf => {
  const byCjId = new Map((inputs.cj_anchors ?? []).map((a) => [String(a.id), a.grade]))
  const byLocalId = new Map(inputs.anchors.map((a) => [a.anchor_id.toLowerCase(), a.grade]))
  const byLabel = new Map(inputs.anchors.map((a) => [a.file_name.replace(/\.[^.]*$/, "").toLowerCase(), a.grade]))
  const labelOfCjId = new Map((inputs.cj_anchors ?? []).map((a) => [String(a.id), a.anchor_label.toLowerCase()]))
  return (essayId) => {
    const cjId = CJ_ANCHOR_ID.exec(essayId)?.[1]
    if (cjId !== undefined) {
      const label = labelOfCjId.get(cjId)
      return byCjId.get(cjId) ?? (label === undefined ? undefined : (byLabel.get(label) ?? byLocalId.get(label)))
    }
    return byLocalId.get(essayId.toLowerCase())
  }
}

/** The results with each anchor's known grade; what CJ published is kept in `cj_letter_grade` when it differs. */
export const withKnownAnchorGrades = <S extends { readonly bt_summary: ReadonlyArray<BtEntry>; readonly grade_projections: ReadonlyArray<GradeProjection> }>(
  sections: S,
  gradeOf: AnchorGradeOf
): S => {
  const anchors = new Set(sections.bt_summary.filter((e) => e.is_anchor).map((e) => e.essay_id))
  if (anchors.size === 0) return sections
  const known = (essayId: string) => (anchors.has(essayId) ? gradeOf(essayId) : undefined)
  return {
    ...sections,
    bt_summary: sections.bt_summary.map((entry) => {
      const grade = known(entry.essay_id)
      if (grade === undefined) return entry
      const published = entry.anchor_grade ?? entry.grade_projection
      return { ...entry, anchor_grade: grade, grade_projection: grade, ...(published === undefined || published === grade ? {} : { cj_letter_grade: published }) }
    }),
    grade_projections: sections.grade_projections.map((projection) => {
      const grade = known(projection.essay_id)
      if (grade === undefined) return projection
      // CJ's confidence and label are about the grade it published, kept in cj_letter_grade.
      const { confidence_score: _score, confidence_label: _label, ...rest } = projection
      return {
        ...rest,
        grade,
        probabilities: { [grade]: 1 },
        probabilities_source: "anchor_grade" as const,
        ...(projection.grade === grade ? {} : { cj_letter_grade: projection.grade })
      }
    })
  }
}
