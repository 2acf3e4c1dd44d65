import { Effect } from "effect"
import { DEFAULT_GRADE_SCALE, findGradeScale, type GradeScale } from "../domain/gradeScales.js"
import { PreflightFailed } from "../errors.js"
import { type AnchorSummary, type AssignmentContext, CjAdmin } from "../services/CjAdmin.js"
import { logInfo } from "../services/RunLog.js"
import type { RunSettings } from "./runSettings.js"

export interface PreflightResult {
  readonly gradeScale: GradeScale
  readonly assignment: AssignmentContext | null
  readonly anchorSummary: AnchorSummary | null
}

export type PreflightMode = "plan" | "dry-run" | "execute"

const defaultScale = (): GradeScale => {
  const scale = findGradeScale(DEFAULT_GRADE_SCALE)
  if (scale === undefined) throw new Error(`grade scale ${DEFAULT_GRADE_SCALE} missing from the registry`)
  return scale
}

/**
 * R3/R4: with an assignment, CJ owns the grade scale, the prompt and the anchors; check
 * them before anything is uploaded or published. Without one, the runner's default scale.
 */
export const runPreflight = Effect.fnUntraced(function* (settings: RunSettings, mode: PreflightMode) {
  if (settings.assignmentId === undefined) {
    if (mode === "execute") {
      return yield* new PreflightFailed({
        message: "execute needs --assignment-id: CJ takes the prompt, rubric, grade scale and anchors from the assignment.",
        fix: "Pass --assignment-id of an assignment registered in CJ (see `eng5 assignment show`)."
      })
    }
    const result: PreflightResult = { gradeScale: defaultScale(), assignment: null, anchorSummary: null }
    return result
  }
  const cj = yield* CjAdmin
  const assignment = yield* cj.getAssignment(settings.assignmentId)
  const gradeScale = findGradeScale(assignment.gradeScale)
  if (gradeScale === undefined) {
    return yield* new PreflightFailed({
      message: `CJ reports grade scale "${assignment.gradeScale}" for assignment ${assignment.assignmentId}, which eng5 does not know.`,
      fix: "Upgrade eng5, or ask the CJ operators which scale the assignment should use."
    })
  }
  if (settings.expectedGradeScale !== undefined && settings.expectedGradeScale !== gradeScale.id) {
    return yield* new PreflightFailed({
      message: `Expected grade scale ${settings.expectedGradeScale}, but CJ has ${gradeScale.id} for assignment ${assignment.assignmentId}.`,
      fix: "Check --assignment-id, or drop --expected-grade-scale if CJ's scale is the right one."
    })
  }
  yield* logInfo("assignment_resolved", { assignment_id: assignment.assignmentId, grade_scale: gradeScale.id, context_origin: assignment.contextOrigin })
  let anchorSummary: AnchorSummary | null = null
  if (mode === "execute") {
    if (assignment.studentPromptStorageId === null) {
      return yield* new PreflightFailed({
        message: `CJ has no student prompt for assignment ${assignment.assignmentId}.`,
        fix: "Upload the prompt with CJ's admin API (POST /admin/v1/student-prompts) before running execute."
      })
    }
    if (settings.rubricFile !== undefined && assignment.contextOrigin === "canonical_national") {
      return yield* new PreflightFailed({
        message: `Assignment ${assignment.assignmentId} is a canonical national assignment; its rubric cannot be overridden.`,
        fix: "Drop --rubric, or use a research assignment."
      })
    }
    anchorSummary = yield* cj.getAnchorSummary(assignment.assignmentId)
    if (anchorSummary.anchorCount <= 0) {
      return yield* new PreflightFailed({
        message: `CJ holds no anchors in grade scale ${gradeScale.id} for assignment ${assignment.assignmentId} (${anchorSummary.anchorCountTotal} in other scales).`,
        fix: `Register anchors first: eng5 anchors register ${assignment.assignmentId} --assets DIR`
      })
    }
  }
  const result: PreflightResult = { gradeScale, assignment, anchorSummary }
  return result
})
