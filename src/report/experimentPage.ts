import type { CellReport } from "../domain/experimentReport.js"
import type { ExperimentReport } from "../programs/experimentReport.js"
import { experimentCharts } from "./experimentCharts.js"
import { escapeHtml, htmlPage, htmlTable, renderFigures } from "./htmlPage.js"

const fixed = (value: number | null, digits = 3): string => (value === null ? "n/a" : value.toFixed(digits))
const interval = (range: { readonly low: number; readonly high: number } | null): string => (range === null ? "" : ` [${range.low.toFixed(3)}, ${range.high.toFixed(3)}]`)

/** One row per cell: the columns a researcher copies into a paper's table. */
export const CELL_HEADER = ["Cell", "Runs", "τ-b [interval]", "Δτ-b vs baseline [interval]", "Inversions/run", "Split-half", "Repeat τ-b", "Comparisons", "Failed", "Cost (USD)", "Tokens in/out"] as const
export const cellRow = (cell: CellReport): ReadonlyArray<string | number> => [
  cell.cell,
  `${cell.completedRuns}/${cell.plannedRuns}`,
  `${fixed(cell.kendallTauB)}${interval(cell.kendallTauBInterval)}`,
  cell.versusBaseline === null ? "baseline" : `${fixed(cell.versusBaseline.kendallTauBDifference)}${interval(cell.versusBaseline.interval)}`,
  fixed(cell.inversions.perRun, 1),
  fixed(cell.splitHalf, 2),
  fixed(cell.repeatAgreement?.kendallTauB ?? null),
  cell.comparisons,
  cell.failedComparisons,
  cell.costUsd.toFixed(4),
  `${cell.tokens.prompt}/${cell.tokens.completion}`
]

const summary = (report: ExperimentReport): string => {
  const e = report.experiment
  return htmlTable(
    ["Experiment", "Mode", "File", "Batches completed", "Repeats", "Bootstrap", "Generated"],
    [[e.name, e.mode, e.file, `${e.batches.completed} of ${e.batches.planned}`, e.repeats, `${e.bootstrap.replicates} replicates, ${Math.round(e.bootstrap.level * 100)}% percentile intervals; resampled: ${e.bootstrap.resampled}`, e.generatedAt]]
  )
}

const runsTable = (report: ExperimentReport): string =>
  htmlTable(
    ["Cell", "Repeat", "Outcome", "τ-b", "Inversions", "Split-half", "Comparisons", "Failed", "Cost (USD)", "Batch uuid", "Run folder", "Failure"],
    report.cells.flatMap((cell) =>
      cell.runs.map((run) => [cell.cell, run.repeat, run.outcome, fixed(run.kendallTauB), run.inversions ?? "n/a", fixed(run.splitHalf, 2), run.comparisons, run.failedComparisons, run.costUsd.toFixed(4), run.batchUuid, run.runFolder, run.error === null ? "" : `${run.error.tag}: ${run.error.message}`])
    )
  )

const banner = (report: ExperimentReport): string =>
  report.experiment.sandbox
    ? `<p class="sandbox-banner"><strong>Sandbox rehearsal</strong>: CJ, the LLM judge and Kafka were simulated, and the simulated judge reads neither the prompt nor the model. Nothing on this page is data about these essays or these settings.</p>\n`
    : ""

/** The experiment's report as one self-contained HTML document (inline SVG charts, no script). */
export const experimentPage = async (report: ExperimentReport): Promise<string> => {
  const incomplete = report.error === null ? "" : `<p class="meta"><strong>Not complete.</strong> ${escapeHtml(report.error.message)}</p>\n`
  const description = report.experiment.description === null ? "" : `<p>${escapeHtml(report.experiment.description)}</p>\n`
  const body = [
    `${banner(report)}${description}${incomplete}${summary(report)}`,
    `<h2>Cells</h2>\n${htmlTable(CELL_HEADER, report.cells.map(cellRow))}`,
    '<p class="meta">τ-b: Kendall\'s τ-b between CJ\'s rank of the anchors and their known grades, the mean over a cell\'s completed runs. Δτ-b: against the first variant\'s cell with the same matrix values. Inversions: a lower-graded anchor beat a higher-graded one. Repeat τ-b: between the runs of a cell over the essays they share.</p>',
    await renderFigures(experimentCharts(report.cells)),
    `<h2>Runs</h2>\n${runsTable(report)}`
  ].join("\n")
  return htmlPage(`eng5 ${report.experiment.sandbox ? "sandbox rehearsal of experiment" : "experiment"} ${report.experiment.name}`, body)
}
