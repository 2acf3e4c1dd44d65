import type { ExperimentPlan } from "../programs/experimentPlan.js"
import type { ExperimentReport } from "../programs/experimentReport.js"
import { FORECAST_RUNS } from "../programs/forecastForRun.js"
import { CELL_HEADER, cellRow } from "../report/experimentPage.js"
import { usdRange } from "./renderCostEstimate.js"
import { spread } from "./renderForecast.js"
import { table } from "./table.js"

const settingsText = (settings: Readonly<Record<string, unknown>>, hidden: ReadonlyArray<string>): string =>
  Object.entries(settings)
    .filter(([flag]) => !hidden.includes(flag))
    .map(([flag, value]) => `${flag}=${String(value)}`)
    .join(" ") || "(flags of the top level only)"

/** The plan: one row per cell, the total and the cap. */
export const renderExperimentPlan = (plan: ExperimentPlan): string => {
  const { experiment } = plan
  const forecasts = plan.cells.some((cell) => cell.forecast !== null)
  return [
    `Experiment ${experiment.name} (${experiment.file}): mode ${experiment.mode}, ${experiment.cells} cells × ${experiment.repeats} repeats = ${experiment.batches} batches${experiment.sandbox ? ", sandbox rehearsal" : ""}`,
    table(
      ["Cell", "Batches", "Comparisons", "Cost per batch", "Cost of the cell", ...(forecasts ? ["Split-half (forecast)", "True reliability (forecast)"] : [])],
      plan.cells.map((cell) => [
        cell.cell,
        cell.batches,
        cell.comparisons,
        usdRange(cell.costPerBatchUsd),
        usdRange(cell.costUsd),
        ...(forecasts ? [spread(cell.forecast?.splitHalf ?? null, "n/a"), spread(cell.forecast?.trueReliability ?? null, "n/a")] : [])
      ])
    ),
    ...plan.cells.map((cell) => `  ${cell.cell}: ${settingsText(cell.settings, ["assets", "sandbox"])}`),
    `Total: ${usdRange(plan.totalCostUsd)}${plan.maxCostUsd === null ? "" : ` (cap --max-cost-usd ${plan.maxCostUsd}: ${plan.error === null ? "fits" : "exceeded"})`}`,
    ...(forecasts
      ? [`Forecast: mean (10th–90th percentile) over ${FORECAST_RUNS} rehearsals at the cell's budget with the sandbox's judge, which reads neither prompt nor model: it tells budgets apart, not variants (docs/statistics.md).`]
      : [])
  ].join("\n")
}

/** The report: one row per cell, then where the files are and what did not complete. */
export const renderExperimentReport = (report: ExperimentReport): string => {
  const { experiment } = report
  const failed = report.cells.flatMap((cell) => cell.runs.filter((run) => run.outcome !== "completed").map((run) => `  ${cell.cell} #${run.repeat}: ${run.outcome}${run.error === null ? "" : ` (${run.error.tag}: ${run.error.message.split("\n")[0] ?? ""})`} ${run.runFolder}`))
  return [
    `Experiment ${experiment.name}${experiment.sandbox ? " (sandbox rehearsal: simulated, never data)" : ""}: ${experiment.batches.completed} of ${experiment.batches.planned} batches completed`,
    table(CELL_HEADER, report.cells.map(cellRow)),
    `Intervals: ${Math.round(experiment.bootstrap.level * 100)}% bootstrap (${experiment.bootstrap.replicates} replicates over ${experiment.bootstrap.resampled}).`,
    ...(failed.length === 0 ? [] : ["Not completed:", ...failed]),
    `Report: ${experiment.reportHtml}`,
    `Data: ${experiment.reportJson}`
  ].join("\n")
}
