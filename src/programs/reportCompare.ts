import { resolve } from "node:path"
import { Effect } from "effect"
import { compareRuns, type RunsComparison } from "../domain/compareRuns.js"
import { InvalidFlag, ReportRenderFailed } from "../errors.js"
import { compareCharts } from "../report/compareCharts.js"
import { htmlPage, htmlTable, renderFigures } from "../report/htmlPage.js"
import { readRun } from "./readRun.js"
import { writeOutputFile } from "./writeOutput.js"

const fixed = (value: number | null, digits = 3): string => (value === null ? "n/a" : value.toFixed(digits))

/** The pairs' statistics as rows: shared by the terminal table and the HTML page. */
export const pairRows = (comparison: RunsComparison): ReadonlyArray<ReadonlyArray<string | number>> =>
  comparison.pairs.map((p) => [
    `${p.first + 1} vs ${p.second + 1}`,
    p.sharedEssays,
    fixed(p.kendallTauB),
    fixed(p.spearmanRho),
    p.gradedEssays,
    fixed(p.exactAgreement),
    fixed(p.adjacentAgreement),
    fixed(p.quadraticWeightedKappa)
  ])
export const PAIR_HEADER = ["Runs", "Shared essays", "Kendall τ-b", "Spearman ρ", "Graded", "Exact", "Adjacent", "QWK"] as const

export const runRows = (comparison: RunsComparison): ReadonlyArray<ReadonlyArray<string | number>> =>
  comparison.runs.map((r, i) => [i + 1, r.label, r.batchUuid, r.comparisons, r.failed, `$${r.costUsd.toFixed(4)}`])
export const RUN_HEADER = ["#", "Label", "Batch uuid", "Comparisons", "Failed", "Cost"] as const

const writeHtml = (path: string, comparison: RunsComparison) =>
  Effect.gen(function* () {
    const figures = yield* Effect.tryPromise({
      try: () => renderFigures(compareCharts(comparison)),
      catch: (error) =>
        new ReportRenderFailed({
          message: `The charts comparing the runs could not be drawn (${error instanceof Error ? error.message : String(error)}).`,
          fix: "The runs' data is intact; this is a bug in eng5: report it with this message. Without --html the comparison is printed."
        })
    })
    const body = `${htmlTable(RUN_HEADER, runRows(comparison))}\n${htmlTable(PAIR_HEADER, pairRows(comparison))}\n${figures}`
    yield* writeOutputFile(path, htmlPage(`eng5 runs compared (${comparison.runs.length})`, body), "Pass --html naming a file in a folder you can write to.")
    return path
  })

/** `eng5 report compare RUN_A RUN_B [RUN…]`: every pair of runs over the essays they share. */
export const reportCompareProgram = (targets: ReadonlyArray<string>, outputDir: string, htmlFile: string | undefined) =>
  Effect.gen(function* () {
    if (targets.length < 2) {
      return yield* new InvalidFlag({ flag: "RUN", message: `report compare needs at least two runs, got ${targets.length}.`, fix: "Pass two or more run folders, batch uuids or labels." })
    }
    const runs = yield* Effect.forEach(targets, (target) => readRun(target, outputDir))
    const comparison = compareRuns(runs)
    const htmlPath = htmlFile === undefined ? null : yield* writeHtml(resolve(htmlFile), comparison)
    return { ...comparison, htmlPath }
  })
