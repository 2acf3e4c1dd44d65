import { Effect } from "effect"
import { DEFAULT_GRADE_SCALE, findGradeScale, GRADE_SCALES, type GradeScale } from "../domain/gradeScales.js"
import { PreflightFailed } from "../errors.js"
import { type AnchorSummary, type AssignmentContext, CjAdmin } from "../services/CjAdmin.js"
import { withCorrelationId } from "../services/HttpContext.js"
import { Progress } from "../services/Progress.js"
import { logInfo } from "../services/RunLog.js"
import type { RunSettings } from "./runSettings.js"

export interface PreflightResult {
  readonly gradeScale: GradeScale
  readonly assignment: AssignmentContext | null
  readonly anchorSummary: AnchorSummary | null
}

export type PreflightMode = "plan" | "dry-run" | "execute"

/** The assignment context whose rubric CJ locks (contracts §3.2). */
export const CANONICAL_CONTEXT_ORIGIN = "canonical_national"

const defaultScale = (): GradeScale => {
  const scale = findGradeScale(DEFAULT_GRADE_SCALE)
  if (scale === undefined) throw new Error(`grade scale ${DEFAULT_GRADE_SCALE} missing from the registry`)
  return scale
}

/** R3: the assignment's grade scale, known to eng5 and as the operator expects. */
export const checkGradeScale = (assignment: AssignmentContext, expectedGradeScale: string | undefined) => {
  const gradeScale = findGradeScale(assignment.gradeScale)
  if (gradeScale === undefined) {
    return Effect.fail(
      new PreflightFailed({
        message: `CJ reports grade scale "${assignment.gradeScale}" for assignment ${assignment.assignmentId}, which eng5 does not know (it knows ${Object.keys(GRADE_SCALES).join(", ")}).`,
        fix: "Upgrade eng5, or ask the CJ operators which scale the assignment should use."
      })
    )
  }
  const expected = expectedGradeScale?.trim()
  if (expected !== undefined && expected !== "" && expected !== gradeScale.id) {
    return Effect.fail(
      new PreflightFailed({
        message: `Expected grade scale ${expected}, but CJ has ${gradeScale.id} for assignment ${assignment.assignmentId}.`,
        fix: "Check --assignment-id, or drop --expected-grade-scale if CJ's scale is the right one."
      })
    )
  }
  return Effect.succeed(gradeScale)
}

/**
 * R3/R4: with an assignment, CJ owns the grade scale, the prompt and the anchors; check
 * them before anything is uploaded or published. Without one, the runner's default scale.
 * Failures are exit 2 with the command or flag that fixes them.
 */
export const runPreflight = Effect.fnUntraced(function* (settings: RunSettings, mode: PreflightMode) {
  if (settings.assignmentId === undefined) {
    if (mode === "execute") {
      return yield* new PreflightFailed({
        message: "execute needs --assignment-id: CJ takes the prompt, rubric, grade scale and anchors from the assignment.",
        fix: "Pass --assignment-id of an assignment registered in CJ (`eng5 assignment list` shows them)."
      })
    }
    const result: PreflightResult = { gradeScale: defaultScale(), assignment: null, anchorSummary: null }
    return result
  }
  const cj = yield* CjAdmin
  const progress = yield* Progress
  const correlated = withCorrelationId(settings.correlationId)
  const assignment = yield* correlated(cj.getAssignment(settings.assignmentId))
  const gradeScale = yield* checkGradeScale(assignment, settings.expectedGradeScale)
  const promptPresent = assignment.studentPromptStorageId !== null
  yield* logInfo("assignment_resolved", {
    assignment_id: assignment.assignmentId,
    grade_scale: gradeScale.id,
    context_origin: assignment.contextOrigin,
    student_prompt: promptPresent ? "present" : "missing"
  })
  yield* progress.note(`CJ: grade scale ${gradeScale.id}, context ${assignment.contextOrigin}, student prompt ${promptPresent ? "present" : "missing"}`)
  if (settings.rubricFile !== undefined && assignment.contextOrigin === CANONICAL_CONTEXT_ORIGIN) {
    return yield* new PreflightFailed({
      message: `Assignment ${assignment.assignmentId} is a canonical national assignment; CJ does not allow its rubric to be overridden.`,
      fix: "Drop --rubric, or use a research assignment (context origin research_experiment)."
    })
  }
  let anchorSummary: AnchorSummary | null = null
  if (mode === "execute") {
    if (!promptPresent) {
      return yield* new PreflightFailed({
        message: `CJ has no student prompt for assignment ${assignment.assignmentId}, and CJ judges essays against it.`,
        fix: "Have an admin upload the prompt with CJ's POST /admin/v1/student-prompts (`pdm run cj-admin prompts upload …`), then check with `eng5 assignment show`."
      })
    }
    anchorSummary = yield* correlated(cj.getAnchorSummary(assignment.assignmentId))
    yield* logInfo("anchors_resolved", { assignment_id: assignment.assignmentId, anchors: anchorSummary.anchorCount, anchors_total: anchorSummary.anchorCountTotal })
    if (anchorSummary.anchorCount <= 0) {
      return yield* new PreflightFailed({
        message: `CJ holds no anchors in grade scale ${gradeScale.id} for assignment ${assignment.assignmentId} (${anchorSummary.anchorCountTotal} in other scales).`,
        fix: `Register anchors first: eng5 anchors register ${assignment.assignmentId} --anchor-dir DIR`
      })
    }
  } else if (!promptPresent) {
    yield* progress.note(`warning: CJ has no student prompt for ${assignment.assignmentId}; execute will refuse to run until one is uploaded`)
  }
  const result: PreflightResult = { gradeScale, assignment, anchorSummary }
  return result
})
