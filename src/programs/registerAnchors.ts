import { Effect } from "effect"
import { describeScale, type GradeScale, isGradeInScale } from "../domain/gradeScales.js"
import { fileStem, gradeFromAnchorFileName } from "../domain/ids.js"
import { AnchorRegistrationIncomplete, InvalidAssets, InvalidFlag } from "../errors.js"
import { CjAdmin } from "../services/CjAdmin.js"
import { withCorrelationId } from "../services/HttpContext.js"
import { Progress } from "../services/Progress.js"
import { logInfo } from "../services/RunLog.js"
import { type EssayFile, readEssayFolder } from "../inventory/essayFolder.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits } from "../inventory/limits.js"
import type { Problem as FolderProblem } from "../inventory/safeRead.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"
import { checkGradeScale } from "./preflight.js"

/** CJ refuses anchor texts shorter than this (RegisterAnchorRequest, contracts §3.2). */
export const MIN_ANCHOR_CHARACTERS = 100
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface RegisterAnchorsOptions {
  readonly assignmentId: string
  readonly anchorDir: string
  /** The dataset folder when the anchors are its anchor_essays/: links must stay inside it. */
  readonly datasetDir?: string
  readonly limits?: EssayLimits
  readonly expectedGradeScale?: string
  readonly concurrency: number
  readonly correlationId: string
}

export interface AnchorOutcome {
  readonly fileName: string
  readonly label: string
  readonly grade: string
  readonly status: "registered" | "replaced" | "failed"
  readonly anchorId: number | null
  readonly storageId: string | null
  readonly error: string | null
}

export interface RegisterAnchorsReport {
  readonly assignmentId: string
  readonly gradeScale: string
  readonly anchorDir: string
  readonly anchors: ReadonlyArray<AnchorOutcome>
  readonly registered: number
  readonly replaced: number
  readonly failed: number
  /** Set when at least one anchor was not registered. */
  readonly failure: FailureSummary | null
}

interface AnchorToRegister {
  readonly file: EssayFile
  readonly label: string
  readonly grade: string
}

/** Every anchor must be registrable before the first POST, so a bad folder registers nothing. */
const validateAnchors = (files: ReadonlyArray<EssayFile>, scale: GradeScale, problems: FolderProblem[]): AnchorToRegister[] => {
  const anchors: AnchorToRegister[] = []
  const labels = new Map<string, string>()
  for (const file of files) {
    const grade = gradeFromAnchorFileName(file.fileName, scale.numeric)
    const label = fileStem(file.fileName)
    if (grade === undefined || !isGradeInScale(grade, scale)) {
      const found = grade === undefined ? "has no grade in its name" : `names grade "${grade}", which is not in ${scale.id}`
      problems.push({ path: file.path, problem: `${found}; name anchors <label>_<grade>.<ext> with a grade of ${describeScale(scale)}` })
    } else if (file.text.length < MIN_ANCHOR_CHARACTERS) {
      problems.push({ path: file.path, problem: `has ${file.text.length} characters of text; CJ needs at least ${MIN_ANCHOR_CHARACTERS}` })
    } else if (labels.has(label)) {
      problems.push({ path: file.path, problem: `has the same label "${label}" as ${labels.get(label)}; CJ would keep only one of them` })
    } else {
      labels.set(label, file.fileName)
      anchors.push({ file, label, grade })
    }
  }
  return anchors
}

/**
 * R6, `eng5 anchors register`: checks the assignment with CJ, validates every anchor file
 * against its grade scale and CJ's length limit, then registers them with bounded
 * concurrency. CJ upserts on (assignment, label, scale), so re-running is idempotent.
 */
export const registerAnchorsProgram = Effect.fnUntraced(function* (options: RegisterAnchorsOptions) {
  const cj = yield* CjAdmin
  const progress = yield* Progress
  const correlated = withCorrelationId(options.correlationId)
  const assignmentId = options.assignmentId.trim().toLowerCase()
  if (!UUID.test(assignmentId)) {
    return yield* new InvalidFlag({ flag: "ASSIGNMENT_ID", message: `"${options.assignmentId}" is not an assignment UUID.`, fix: "Pass the assignment's UUID; `eng5 assignment list` shows them." })
  }
  const assignment = yield* progress.step(`Check assignment ${assignmentId} with CJ`, correlated(cj.getAssignment(assignmentId)))
  const scale = yield* checkGradeScale(assignment, options.expectedGradeScale)

  const folder = yield* progress.step(`Read anchors in ${options.anchorDir}`, readEssayFolder(options.anchorDir, { datasetDir: options.datasetDir ?? null, limits: options.limits ?? DEFAULT_ESSAY_LIMITS }))
  const problems = [...folder.problems]
  const anchors = validateAnchors(folder.files, scale, problems)
  if (!folder.exists) problems.push({ path: folder.dir, problem: "is not a folder; pass --anchor-dir DIR naming the anchor essays" })
  else if (folder.files.length === 0 && problems.length === 0) problems.push({ path: folder.dir, problem: "holds no anchor essays (.txt, .md, .docx, .pdf)" })
  if (problems.length > 0) {
    return yield* new InvalidAssets({
      message: `Nothing was registered: ${problems.length} problem${problems.length === 1 ? "" : "s"} with the anchors:\n${problems.map((p) => `  - ${p.path} ${p.problem}`).join("\n")}`,
      fix: "Fix or remove the files listed above and run the command again.",
      problems
    })
  }

  const existing = yield* correlated(cj.getAnchorSummary(assignmentId)).pipe(
    Effect.map((summary) => new Set(summary.anchors.map((a) => a.anchorLabel))),
    Effect.orElseSucceed(() => new Set<string>())
  )
  let done = 0
  const outcomes = yield* progress.step(
    `Register ${anchors.length} anchors with CJ (${scale.id})`,
    correlated(
      Effect.forEach(
        anchors,
        (anchor) =>
          cj.registerAnchor({ assignmentId, grade: anchor.grade, anchorLabel: anchor.label, essayText: anchor.file.text }).pipe(
            Effect.map((result): AnchorOutcome => ({
              fileName: anchor.file.fileName,
              label: anchor.label,
              grade: anchor.grade,
              status: existing.has(anchor.label) ? "replaced" : "registered",
              anchorId: result.anchorId,
              storageId: result.storageId,
              error: null
            })),
            Effect.catch((error) =>
              Effect.succeed<AnchorOutcome>({ fileName: anchor.file.fileName, label: anchor.label, grade: anchor.grade, status: "failed", anchorId: null, storageId: null, error: `${error.message} ${error.fix}` })
            ),
            Effect.tap(() => progress.note(`${++done}/${anchors.length} anchors sent`))
          ),
        { concurrency: options.concurrency }
      )
    )
  )
  const count = (status: AnchorOutcome["status"]) => outcomes.filter((o) => o.status === status).length
  const failed = count("failed")
  yield* logInfo("anchors_registered", { assignment_id: assignmentId, registered: count("registered"), replaced: count("replaced"), failed })
  const report: RegisterAnchorsReport = {
    assignmentId,
    gradeScale: scale.id,
    anchorDir: folder.dir,
    anchors: outcomes,
    registered: count("registered"),
    replaced: count("replaced"),
    failed,
    failure:
      failed === 0
        ? null
        : summariseFailure(
            new AnchorRegistrationIncomplete({
              failed,
              message: `${failed} of ${anchors.length} anchors were not registered (see the table); the others were.`,
              fix: `Fix what the failures say and run \`eng5 anchors register ${assignmentId}\` again: re-registering replaces anchors, it never duplicates them.`
            })
          )
  }
  return report
})
