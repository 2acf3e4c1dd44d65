import { readFile } from "node:fs/promises"
import { dirname } from "node:path"
import { Clock, Data, Effect, Schema } from "effect"
import { alignmentOfArtefact, AssessmentRunArtefact, ExitCode, findGradeScale } from "eng5/sdk"
import type { AlignmentReport } from "./alignmentReport.js"
import { writeAlignmentReport } from "./writeAlignmentReport.js"

/** Where the report lands inside a run folder (`.md` and `.json`). */
export const ALIGNMENT_REPORT_STEM = "reports/anchor_alignment"

/** The artefact cannot be read or is not an anchor-align artefact eng5 wrote. */
export class AlignmentInputUnusable extends Data.TaggedError("AlignmentInputUnusable")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

const decodeArtefact = Schema.decodeUnknownEffect(AssessmentRunArtefact)

export const readArtefact = (path: string) =>
  Effect.tryPromise({
    try: async () => JSON.parse(await readFile(path, "utf8")) as unknown,
    catch: (error) =>
      new AlignmentInputUnusable({
        path,
        message: `Cannot read the artefact ${path} (${error instanceof Error ? error.message : String(error)}).`,
        fix: "Pass the run folder of an `eng5 run anchor-align` run; it holds assessment_run.json."
      })
  }).pipe(
    Effect.flatMap((json) => decodeArtefact(json)),
    Effect.mapError((error) =>
      error instanceof AlignmentInputUnusable
        ? error
        : new AlignmentInputUnusable({ path, message: `${path} is not an eng5 assessment run artefact: ${String(error).slice(0, 300)}`, fix: "Pass the run folder of an `eng5 run anchor-align` run." })
    )
  )

/**
 * The alignment report of an anchor-align artefact. The request sent the anchors as students;
 * each student essay is matched to its anchor by the file's checksum, the expected grade is
 * the anchor's grade (file name or anchors CSV) and the grade order is the run's grade scale.
 */
export const alignmentFromArtefact = (artefact: AssessmentRunArtefact, path: string, generatedAt: string) =>
  Effect.gen(function* () {
    if (findGradeScale(artefact.metadata.grade_scale) === undefined) {
      return yield* new AlignmentInputUnusable({ path, message: `The artefact names grade scale ${artefact.metadata.grade_scale}, which eng5 does not know.`, fix: "Regenerate the report with the eng5 version that ran the batch." })
    }
    const alignment = alignmentOfArtefact(artefact)
    if (alignment._tag === "Unavailable" || alignment.source !== "anchors-as-students") {
      return yield* new AlignmentInputUnusable({ path, message: `No essay of ${path} is one of its anchors: it is not an anchor-align run.`, fix: "Pass the run folder of an `eng5 run anchor-align` run." })
    }
    const { metrics } = alignment
    const overrides = artefact.metadata.llm_config_overrides
    const report: AlignmentReport = {
      batchLabel: artefact.metadata.batch_id,
      batchUuid: artefact.metadata.batch_uuid,
      generatedAt,
      metrics,
      prompts: { systemPrompt: overrides?.system_prompt_override ?? null, judgeRubric: overrides?.judge_rubric_override ?? null },
      sourceFiles: Object.fromEntries(artefact.inputs.anchors.map((a) => [a.anchor_id, a.file_name]))
    }
    return report
  })

/** Reads the artefact and writes `reports/anchor_alignment.md` and `.json` next to it. */
export const writeAlignmentFromArtefact = (artefactPath: string) =>
  Effect.gen(function* () {
    const artefact = yield* readArtefact(artefactPath)
    const report = yield* alignmentFromArtefact(artefact, artefactPath, new Date(yield* Clock.currentTimeMillis).toISOString())
    const files = yield* writeAlignmentReport(dirname(artefactPath), ALIGNMENT_REPORT_STEM, report)
    return { report, files }
  })
