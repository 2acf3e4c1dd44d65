import { Effect } from "effect"
import { describeScale, type GradeScale, isGradeInScale } from "../domain/gradeScales.js"
import { fileStem, gradeFromAnchorFileName } from "../domain/ids.js"
import { AnchorRegistrationIncomplete, InvalidAssets, InvalidFlag } from "../errors.js"
import { type AnchorSummaryItem, CjAdmin } from "../services/CjAdmin.js"
import { withCorrelationId } from "../services/HttpContext.js"
import { Progress } from "../services/Progress.js"
import { logInfo } from "../services/RunLog.js"
import type { EssayFile } from "../domain/inventory.js"
import { readEssayFolder } from "../inventory/essayFolder.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits } from "../inventory/limits.js"
import type { Problem as FolderProblem } from "../inventory/safeRead.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"
import { checkGradeScale } from "./preflight.js"

const incomplete = (outcomes: ReadonlyArray<AnchorOutcome>, total: number, assignmentId: string) => {
  const notHeld = outcomes.filter((o) => o.status === "not_held")
  const failed = outcomes.filter((o) => o.status === "failed").length
  const rerun = `run \`eng5 anchors register ${assignmentId}\` again: re-registering replaces anchors, it never duplicates them`
  if (notHeld.length === 0) {
    return new AnchorRegistrationIncomplete({ failed, message: `${failed} of ${total} anchors were not registered (see the table); the others were.`, fix: `Fix what the failures say and ${rerun}.` })
  }
  const files = notHeld.map((o) => o.fileName).join(", ")
  return new AnchorRegistrationIncomplete({
    failed: failed + notHeld.length,
    message: `${notHeld.length} of ${total} anchors were answered by CJ but are not in its anchor list: ${files}.${failed === 0 ? "" : ` ${failed} more failed (see the table).`}`,
    fix: `The CJ service did not persist them (a known defect of this platform: POST /api/v1/anchors/register answers 201 and rolls its row back). Check CJ's logs and its anchor_essay_references table; once CJ keeps registrations, ${rerun}. Until then write the rows directly (as the platform's seed.sh does).`
  })
}

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
  /** `not_held`: CJ answered the registration but its anchor list does not hold the anchor. */
  readonly status: "registered" | "replaced" | "not_held" | "failed"
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
  /** Anchors CJ answered for but did not keep (its anchor list, read back, lacks them). */
  readonly notHeld: number
  /** Set when at least one anchor was not registered or is not held by CJ. */
  readonly error: FailureSummary | null
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
 * Each answered registration checked against CJ's anchor list read back: CJ holds the anchor
 * when the list has its label in the scale with its grade and the text just stored. On this
 * platform the register endpoint answers 201 and rolls its row back, so the answer alone proves
 * nothing. When the list cannot be read, no answered anchor counts as held.
 */
const checkHeld = (outcomes: ReadonlyArray<AnchorOutcome>, held: ReadonlyArray<AnchorSummaryItem> | string, scale: string): ReadonlyArray<AnchorOutcome> =>
  outcomes.map((outcome) => {
    if (outcome.status === "failed") return outcome
    const kept =
      typeof held !== "string" &&
      held.some((a) => a.anchorLabel === outcome.label && a.grade === outcome.grade && a.gradeScale === scale && a.textStorageId === outcome.storageId)
    if (kept) return outcome
    const why =
      typeof held === "string"
        ? `CJ answered (anchor id ${outcome.anchorId}) but its anchor list could not be read back to confirm it: ${held}`
        : `CJ answered (anchor id ${outcome.anchorId}) but does not hold the anchor: the CJ service did not persist it (a known platform defect: its register endpoint rolls the row back). Check CJ's logs and its anchor_essay_references table.`
    return { ...outcome, status: "not_held" as const, error: why }
  })

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
  const answered = yield* progress.step(
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
  const held = yield* progress.step(
    `Read the anchors CJ holds for ${assignmentId}`,
    correlated(cj.getAnchorSummary(assignmentId)).pipe(
      Effect.map((summary) => summary.anchors),
      Effect.catch((error) => Effect.succeed(`${error.message} ${error.fix}`))
    )
  )
  const outcomes = checkHeld(answered, held, scale.id)
  const count = (status: AnchorOutcome["status"]) => outcomes.filter((o) => o.status === status).length
  const failed = count("failed")
  const notHeld = count("not_held")
  yield* logInfo("anchors_registered", { assignment_id: assignmentId, registered: count("registered"), replaced: count("replaced"), not_held: notHeld, failed })
  const report: RegisterAnchorsReport = {
    assignmentId,
    gradeScale: scale.id,
    anchorDir: folder.dir,
    anchors: outcomes,
    registered: count("registered"),
    replaced: count("replaced"),
    failed,
    notHeld,
    error: failed + notHeld === 0 ? null : summariseFailure(incomplete(outcomes, anchors.length, assignmentId))
  }
  return report
})
