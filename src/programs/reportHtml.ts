import { join } from "node:path"
import { Effect } from "effect"
import type { AssessmentRunArtefact } from "../domain/artefact.js"
import { shownCost } from "../domain/costEstimate.js"
import { ReportRenderFailed } from "../errors.js"
import { htmlPage, htmlTable, renderFigures } from "../report/htmlPage.js"
import { runCharts } from "../report/runCharts.js"
import { logWarn } from "../services/RunLog.js"
import { readRun } from "./readRun.js"
import { writeOutputFile } from "./writeOutput.js"

/** Where a run's HTML report lands inside its run folder. */
export const HTML_REPORT_FILE = "reports/report.html"

const costCell = (costs: AssessmentRunArtefact["costs"]): string => {
  const shown = shownCost(costs)
  return shown.atUserPrices ? `${shown.usd.toFixed(4)} at your prices (the platform reported ${costs.total_usd.toFixed(4)})` : shown.usd.toFixed(4)
}

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
      ["Split-half (10–90%)", a.reliability?.split_half == null ? "-" : `${a.reliability.split_half.median.toFixed(2)} (${a.reliability.split_half.low.toFixed(2)}–${a.reliability.split_half.high.toFixed(2)})`],
      ["SSR", a.reliability?.ssr?.toFixed(2) ?? (a.reliability === undefined ? "-" : `n/a: ${a.reliability.ssr_not_estimable_reason ?? "not estimable"}`)],
      ["Students under 7 comparisons", a.reliability === undefined ? "-" : a.reliability.under_compared.map((e) => e.essay_id).join(", ") || "none"],
      ["Cost (USD)", costCell(a.costs)],
      ["Generated", a.metadata.generated_at]
    ]
  )

/** A rehearsal says so before anything else. */
const sandboxBanner = (a: AssessmentRunArtefact): string =>
  a.metadata.sandbox === undefined
    ? ""
    : `<p class="sandbox-banner"><strong>Sandbox rehearsal</strong> (seed ${a.metadata.sandbox.seed}): CJ, the LLM judge and Kafka were simulated. Nothing on this page is data about these essays.</p>\n`

/** The report of one run as a self-contained HTML document. */
export const runReportHtml = async (artefact: AssessmentRunArtefact): Promise<string> =>
  htmlPage(
    `eng5 ${artefact.metadata.sandbox === undefined ? "run" : "sandbox rehearsal"} ${artefact.metadata.batch_id}`,
    `${sandboxBanner(artefact)}${summaryTable(artefact)}\n${await renderFigures(runCharts(artefact))}`
  )

/** Renders and writes `reports/report.html` for a run whose artefact is in hand. */
export const writeRunReportHtml = (folder: string, artefact: AssessmentRunArtefact) => {
  const path = join(folder, HTML_REPORT_FILE)
  return Effect.gen(function* () {
    const html = yield* Effect.tryPromise({
      try: () => runReportHtml(artefact),
      catch: (error) =>
        new ReportRenderFailed({
          message: `The charts of ${folder} could not be drawn (${error instanceof Error ? error.message : String(error)}).`,
          fix: "The run's data is intact; this is a bug in eng5: report it with the artefact's runner_version and this message."
        })
    })
    yield* writeOutputFile(path, html, "Free disk space or check the run folder's permissions, then run `eng5 report html RUN`.")
    return path
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
