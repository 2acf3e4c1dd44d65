import { Effect } from "effect"
import {
  type AnchorEssay,
  type BuildInfo,
  checkWritableDir,
  essayIdFromStem,
  type ExecuteOptions,
  executePrepared,
  fileStem,
  InvalidFlag,
  MAX_ESSAY_ID_LENGTH,
  type ModeProgram,
  type PostRunHook,
  type PreparedRun,
  prepareRun,
  Progress,
  type RunOptions,
  type StudentEssay
} from "eng5/sdk"
import { writeAlignmentFromArtefact } from "./alignmentFromArtefact.js"

export const ANCHOR_ALIGN_MODE = "anchor-align"
const PREFIX = "anchor_"

/**
 * Every anchor as a student essay (spec §1.8, without its silent slicing: B6). The id is
 * `anchor_` plus the file stem as CJ-safe text; a clash gets a numeric suffix.
 */
export const anchorsAsStudents = (anchors: ReadonlyArray<AnchorEssay>): ReadonlyArray<StudentEssay> => {
  const used = new Set<string>()
  return anchors.map((anchor, index) => {
    const base = `${PREFIX}${essayIdFromStem(fileStem(anchor.fileName), MAX_ESSAY_ID_LENGTH - PREFIX.length)}`
    const essayId = used.has(base) ? `${base.slice(0, MAX_ESSAY_ID_LENGTH - 6)}_${String(index).padStart(5, "0")}` : base
    used.add(essayId)
    return { path: anchor.path, fileName: anchor.fileName, bytes: anchor.bytes, checksum: anchor.checksum, text: anchor.text, essayId }
  })
}

/** anchor-align runs in CJ's GUEST flow: an assignment would make CJ add its own anchors. */
const refuseAssignment = (run: RunOptions) =>
  run.assignmentId === undefined
    ? undefined
    : new InvalidFlag({
        flag: "--assignment-id",
        message: "anchor-align runs in CJ's GUEST flow, without an assignment: CJ must not add its own anchors to the batch.",
        fix: "Drop --assignment-id; the grades come from the anchor file names (or the anchors CSV) in --assets."
      })

/** The prepared run with every anchor sent as a student essay. */
const anchorsSent = (prepared: PreparedRun): PreparedRun => ({ ...prepared, inventory: { ...prepared.inventory, students: anchorsAsStudents(prepared.inventory.anchors) } })

/**
 * `eng5 run anchor-align`: CJ's GUEST flow (no assignment) judging every local anchor as a
 * student essay, then the alignment report (a post-run hook of the mode) comparing CJ's
 * ranking with the anchors' grades. Like every run it sends no system prompt override (CJ's own
 * prompt) unless --system-prompt FILE gives one. Everything else is execute's pipeline.
 */
export const anchorAlignProgram = Effect.fnUntraced(function* (options: ExecuteOptions, build: BuildInfo) {
  const refused = refuseAssignment(options.run)
  if (refused !== undefined) return yield* refused
  const progress = yield* Progress
  const outputDir = yield* checkWritableDir(options.run.outputDir)
  const guest = anchorsSent(yield* prepareRun(options.run, "dry-run"))
  yield* progress.note(`anchor-align: ${guest.inventory.students.length} anchors sent as student essays (GUEST flow, no assignment, none left out)`)
  return yield* executePrepared(guest, { ...options, run: { ...options.run, outputDir } }, build, ANCHOR_ALIGN_MODE)
})

/** The mode's own post-run step: the alignment report from the finished artefact. */
export const alignmentReportHook: PostRunHook = {
  name: "anchor-alignment",
  description: "the anchor alignment report (markdown and JSON) in reports/",
  run: (context) =>
    writeAlignmentFromArtefact(context.artefactPath).pipe(
      Effect.map(({ report, files }) => ({
        markdown_path: files.markdownPath,
        json_path: files.jsonPath,
        kendall_tau_b: report.metrics.kendallTauB.value,
        direct_inversions: report.metrics.inversions.length,
        zero_win_anchors: report.metrics.zeroWinAnchors
      }))
    )
}

/** The mode as `eng5 run anchor-align` and `eng5 experiment` run it. */
export const anchorAlignMode: ModeProgram = {
  setup: { guest: true, hooks: [alignmentReportHook] },
  preflight: "dry-run",
  program: (execute, build) => anchorAlignProgram(execute, build),
  shape: anchorsSent,
  check: refuseAssignment
}
