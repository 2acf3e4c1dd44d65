import { dirname, join, resolve } from "node:path"
import { Clock, Effect } from "effect"
import { type CellInput, type CellReport, experimentStatistics } from "../domain/experimentReport.js"
import { ExperimentIncomplete, InvalidExperiment, ReportRenderFailed } from "../errors.js"
import { experimentPage } from "../report/experimentPage.js"
import { jsonText } from "../runFolder/atomicWrite.js"
import { EXPERIMENT_FILES, type ExperimentState, readExperimentState } from "../runFolder/experimentFolder.js"
import { DEFAULT_LEVEL, DEFAULT_REPLICATES } from "../statistics/repeatedTauB.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"
import { readRun } from "./readRun.js"
import { writeOutputFile } from "./writeOutput.js"

export interface ExperimentReport {
  readonly experiment: {
    readonly name: string
    readonly description: string | null
    readonly file: string
    readonly folder: string
    readonly mode: string
    readonly sandbox: boolean
    readonly repeats: number
    readonly batches: { readonly planned: number; readonly completed: number; readonly notCompleted: number }
    /** Every batch of every cell completed. */
    readonly complete: boolean
    readonly generatedAt: string
    readonly bootstrap: { readonly replicates: number; readonly level: number; readonly resampled: string }
    readonly reportJson: string
    readonly reportHtml: string
  }
  readonly cells: ReadonlyArray<CellReport>
  /** Null when every batch completed. */
  readonly error: FailureSummary | null
}

/** Each cell with its runs' artefacts (none for a run whose folder holds none yet). */
const cellInputs = (state: ExperimentState) =>
  Effect.forEach(state.cells, (cell) =>
    Effect.gen(function* () {
      const records = state.batches.filter((batch) => batch.cell === cell.cell && batch.repeat <= state.repeats).sort((a, b) => a.repeat - b.repeat)
      const runs = yield* Effect.forEach(records, (record) =>
        readRun(record.run_folder, dirname(record.run_folder)).pipe(
          Effect.map((run) => run.artefact),
          Effect.orElseSucceed(() => null),
          Effect.map((artefact) => ({ repeat: record.repeat, batchUuid: record.batch_uuid, runFolder: record.run_folder, artefact, error: record.error }))
        )
      )
      const input: CellInput = { cell: cell.cell, variant: cell.variant, matrix: cell.matrix, settings: cell.settings, plannedRuns: state.repeats, runs }
      return input
    })
  )

/** The report of the experiment in `folder`, from its state and its run folders. */
export const buildExperimentReport = (folder: string, htmlPath?: string) =>
  Effect.gen(function* () {
    const state = yield* readExperimentState(folder)
    if (state === null) {
      return yield* new InvalidExperiment({
        file: folder,
        problems: [],
        message: `${folder} holds no ${EXPERIMENT_FILES.state}: it is not an experiment folder.`,
        fix: "Pass the folder `eng5 experiment run` printed (<output-dir>/<experiment name>)."
      })
    }
    const cells = experimentStatistics(yield* cellInputs(state))
    const planned = state.cells.length * state.repeats
    const completed = cells.reduce((sum, cell) => sum + cell.completedRuns, 0)
    const incomplete = cells.filter((cell) => cell.completedRuns < cell.plannedRuns).map((cell) => `${cell.cell} (${cell.completedRuns}/${cell.plannedRuns})`)
    const error =
      incomplete.length === 0
        ? null
        : summariseFailure(
            new ExperimentIncomplete({
              message: `${planned - completed} of ${planned} batches did not complete: ${incomplete.join(", ")}. The report covers the completed ones.`,
              fix: `The report's failures say why. Run \`eng5 experiment run ${state.file}\` again to follow or start the missing batches (a batch CJ failed stays failed; remove its run folder to run it again).`
            })
          )
    const report: ExperimentReport = {
      experiment: {
        name: state.name,
        description: state.description,
        file: state.file,
        folder,
        mode: state.mode,
        sandbox: state.sandbox,
        repeats: state.repeats,
        batches: { planned, completed, notCompleted: planned - completed },
        complete: error === null,
        generatedAt: new Date(yield* Clock.currentTimeMillis).toISOString(),
        bootstrap: { replicates: DEFAULT_REPLICATES, level: DEFAULT_LEVEL, resampled: "the anchors (paired across cells) and, within each cell, its runs" },
        reportJson: join(folder, EXPERIMENT_FILES.reportJson),
        reportHtml: htmlPath === undefined ? join(folder, EXPERIMENT_FILES.reportHtml) : resolve(htmlPath)
      },
      cells,
      error
    }
    return report
  })

const WRITE_FIX = "Free disk space or pass --html naming a file you can write."

/** Writes report.json into the experiment folder and the HTML page where the report says. */
export const writeExperimentReport = (report: ExperimentReport) =>
  Effect.gen(function* () {
    yield* writeOutputFile(report.experiment.reportJson, jsonText(report), WRITE_FIX)
    const html = yield* Effect.tryPromise({
      try: () => experimentPage(report),
      catch: (error) =>
        new ReportRenderFailed({
          message: `The charts of the experiment report could not be drawn (${error instanceof Error ? error.message : String(error)}).`,
          fix: `${report.experiment.reportJson} holds the numbers; this is a bug in eng5: report it with this message.`
        })
    })
    yield* writeOutputFile(report.experiment.reportHtml, html, WRITE_FIX)
    return report
  })

/** `eng5 experiment report DIR`: the report again from the experiment folder. */
export const experimentReportProgram = (folder: string, htmlPath?: string) =>
  buildExperimentReport(resolve(folder), htmlPath).pipe(Effect.flatMap(writeExperimentReport))
