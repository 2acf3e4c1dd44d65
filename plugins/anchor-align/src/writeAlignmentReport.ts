import { mkdir } from "node:fs/promises"
import { dirname, join } from "node:path"
import { Data, Effect } from "effect"
import { type AlignmentReport, alignmentReportJson, alignmentReportMarkdown } from "./alignmentReport.js"
import { ExitCode, writeFileAtomic, writeJsonAtomic } from "./core.js"

/** The alignment report could not be written into the run folder; the batch itself completed. */
export class AlignmentReportNotWritten extends Data.TaggedError("AlignmentReportNotWritten")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.PostRunFailed
}

export interface AlignmentReportFiles {
  readonly markdownPath: string
  readonly jsonPath: string
}

const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error)

/**
 * Writes `<runFolder>/<fileStem>.md` and `<fileStem>.json`, each atomically (a reader sees the
 * old file or the new one). The stem may name a sub-folder, e.g. `reports/anchor_alignment`.
 */
export const writeAlignmentReport = (runFolder: string, fileStem: string, report: AlignmentReport) => {
  const markdownPath = join(runFolder, `${fileStem}.md`)
  const jsonPath = join(runFolder, `${fileStem}.json`)
  return Effect.tryPromise({
    try: async (): Promise<AlignmentReportFiles> => {
      await mkdir(dirname(markdownPath), { recursive: true })
      await writeFileAtomic(markdownPath, alignmentReportMarkdown(report))
      await writeJsonAtomic(jsonPath, alignmentReportJson(report))
      return { markdownPath, jsonPath }
    },
    catch: (error) =>
      new AlignmentReportNotWritten({
        path: markdownPath,
        message: `The anchor alignment report could not be written to ${markdownPath} (${errorCode(error)}).`,
        fix: "Check that the run folder is writable and its disk has space; the batch result is kept in the run's artefact."
      })
  })
}
