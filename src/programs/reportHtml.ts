import { mkdir } from "node:fs/promises"
import { dirname, join } from "node:path"
import { Effect } from "effect"
import type { AssessmentRunArtefact } from "../domain/artefact.js"
import { OutputNotWritable } from "../errors.js"
import { htmlPage, htmlTable, renderFigures } from "../report/htmlPage.js"
import { runCharts } from "../report/runCharts.js"
import { writeFileAtomic } from "../runFolder/atomicWrite.js"
import { logWarn } from "../services/RunLog.js"
import { readRun } from "./readRun.js"

/** Where a run's HTML report lands inside its run folder. */
export const HTML_REPORT_FILE = "reports/report.html"

/** One row per fact, so that the table fits a 1,280-pixel window however long the uuid or the list of students. */
const summaryTable = (a: AssessmentRunArtefact): string =>
  htmlTable(
    ["Run", a.metadata.batch_id],
    [
      ["Batch uuid", a.metadata.batch_uuid],
      ["Mode", a.metadata.mode ?? a.metadata.runner_mode],
      ["Outcome", a.validation.runner_status.outcome ?? "-"],
      ["Grade scale", a.metadata.grade_scale],
      ["Comparisons", a.llm_comparisons.length],
      ["SSR", a.reliability?.ssr?.toFixed(2) ?? "-"],
      ["Students under 7 comparisons", a.reliability === undefined ? "-" : a.reliability.under_compared.map((e) => e.essay_id).join(", ") || "none"],
      ["Cost (USD)", a.costs.total_usd.toFixed(4)],
      ["Generated", a.metadata.generated_at]
    ]
  )

/** The report of one run as a self-contained HTML document. */
export const runReportHtml = async (artefact: AssessmentRunArtefact): Promise<string> =>
  htmlPage(`eng5 run ${artefact.metadata.batch_id}`, `${summaryTable(artefact)}\n${await renderFigures(runCharts(artefact))}`)

/** Renders and writes `reports/report.html` for a run whose artefact is in hand. */
export const writeRunReportHtml = (folder: string, artefact: AssessmentRunArtefact) => {
  const path = join(folder, HTML_REPORT_FILE)
  return Effect.tryPromise({
    try: async () => {
      await mkdir(dirname(path), { recursive: true })
      await writeFileAtomic(path, await runReportHtml(artefact))
      return path
    },
    catch: (error) => new OutputNotWritable({ path, message: `Could not write the HTML report ${path} (${error instanceof Error ? error.message : String(error)}).`, fix: "Free disk space or check the run folder's permissions, then run `eng5 report html RUN`." })
  })
}

/** `eng5 report html RUN`: the report again from a stored run folder. */
export const reportHtmlProgram = (target: string, outputDir: string) =>
  Effect.gen(function* () {
    const run = yield* readRun(target, outputDir)
    return { runFolder: run.folder, reportPath: yield* writeRunReportHtml(run.folder, run.artefact) }
  })

/** After a completed run: the HTML report, or null (and a logged warning) when it could not be written; the run's result stands either way. */
export const reportAfterRun = (folder: string, artefact: AssessmentRunArtefact) =>
  writeRunReportHtml(folder, artefact).pipe(
    Effect.map((path): string | null => path),
    Effect.catch((error) => logWarn("html_report_failed", { run_folder: folder, reason: error.message }).pipe(Effect.as(null)))
  )
