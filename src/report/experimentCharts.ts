import type { CellReport } from "../domain/experimentReport.js"
import type { ChartSpec } from "./runCharts.js"

const WIDTH = 560
const rows = (count: number) => Math.max(80, count * 28)
const level = (cells: ReadonlyArray<CellReport>): string => {
  const found = cells.find((cell) => cell.kendallTauBInterval !== null)?.kendallTauBInterval?.level
  return `${Math.round((found ?? 0.95) * 100)}%`
}
const cellAxis = { field: "cell", type: "nominal", sort: null, title: null, axis: { labelLimit: 360 } } as const

/** τ-b per cell: the mean over its runs with its bootstrap interval, and each run as a hollow point. */
const tauChart = (cells: ReadonlyArray<CellReport>): ChartSpec => {
  const means = cells.flatMap((c) => (c.kendallTauB === null ? [] : [{ cell: c.cell, variant: c.variant, tau: c.kendallTauB, low: c.kendallTauBInterval?.low ?? c.kendallTauB, high: c.kendallTauBInterval?.high ?? c.kendallTauB }]))
  const runs = cells.flatMap((c) => c.runs.flatMap((r) => (r.kendallTauB === null ? [] : [{ cell: c.cell, tau: r.kendallTauB, run: `repeat ${r.repeat}` }])))
  const x = { type: "quantitative" as const, title: "Kendall's τ-b, CJ rank against known grade", scale: { domain: [-1, 1] } }
  return {
    id: "tau-per-cell",
    title: `Kendall's τ-b per cell (● mean over runs with its ${level(cells)} bootstrap interval, ○ each run)`,
    spec: {
      width: WIDTH,
      height: rows(cells.length),
      layer: [
        { data: { values: means }, mark: { type: "rule", strokeWidth: 2 }, encoding: { y: cellAxis, x: { field: "low", ...x }, x2: { field: "high" }, color: { field: "variant", type: "nominal" } } },
        { data: { values: means }, mark: { type: "point", filled: true, size: 90 }, encoding: { y: cellAxis, x: { field: "tau", ...x }, color: { field: "variant", type: "nominal" }, tooltip: [{ field: "cell" }, { field: "tau", format: ".3f" }, { field: "low", format: ".3f" }, { field: "high", format: ".3f" }] } },
        { data: { values: runs }, mark: { type: "point", filled: false, size: 50, color: "#555" }, encoding: { y: cellAxis, x: { field: "tau", ...x }, tooltip: [{ field: "run" }, { field: "tau", format: ".3f" }] } }
      ]
    }
  }
}

/** Each cell against its baseline: the difference in τ-b with its paired bootstrap interval; 0 marked. */
const differenceChart = (cells: ReadonlyArray<CellReport>): ChartSpec => {
  const values = cells.flatMap((c) => {
    const v = c.versusBaseline
    return v === null || v.kendallTauBDifference === null ? [] : [{ cell: c.cell, against: v.baseline, difference: v.kendallTauBDifference, low: v.interval?.low ?? v.kendallTauBDifference, high: v.interval?.high ?? v.kendallTauBDifference }]
  })
  const x = { type: "quantitative", title: "τ-b of the cell − τ-b of its baseline" } as const
  return {
    id: "tau-difference",
    title: values.length === 0 ? "Difference in τ-b against the baseline: no cell has a completed baseline to compare with" : `Difference in τ-b against the baseline (first variant, same matrix values), ${level(cells)} paired bootstrap interval`,
    spec: {
      width: WIDTH,
      height: rows(Math.max(1, values.length)),
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: "rule", strokeDash: [4, 4], color: "#888" }, encoding: { x: { field: "zero", ...x } } },
        { data: { values }, mark: { type: "rule", strokeWidth: 2 }, encoding: { y: cellAxis, x: { field: "low", ...x }, x2: { field: "high" } } },
        { data: { values }, mark: { type: "point", filled: true, size: 90 }, encoding: { y: cellAxis, x: { field: "difference", ...x }, tooltip: [{ field: "cell" }, { field: "against" }, { field: "difference", format: ".3f" }, { field: "low", format: ".3f" }, { field: "high", format: ".3f" }] } }
      ]
    }
  }
}

/** Where on the grade scale the inversions sit: per boundary between neighbouring grades, the inversions per run crossing it. */
const inversionsChart = (cells: ReadonlyArray<CellReport>): ChartSpec => {
  const values = cells.flatMap((c) => c.inversions.byScaleBoundary.map((b) => ({ cell: c.cell, boundary: b.boundary, position: b.position, perRun: b.perRun })))
  const total = values.reduce((sum, v) => sum + v.perRun, 0)
  return {
    id: "inversions-by-boundary",
    title:
      total === 0
        ? "Direct inversions by grade boundary: none (no lower-graded anchor beat a higher-graded one)"
        : "Direct inversions per run crossing each grade boundary (a lower-graded anchor beat a higher-graded one; one two grades apart crosses two boundaries)",
    spec: {
      width: WIDTH,
      height: 240,
      data: { values: values.length === 0 ? [{ cell: "none", boundary: "no completed run", position: 0, perRun: 0 }] : values },
      mark: "bar",
      encoding: {
        x: { field: "boundary", type: "nominal", title: "grade boundary, lowest first", sort: { field: "position" }, axis: { labelAngle: 0 } },
        xOffset: { field: "cell", type: "nominal" },
        y: { field: "perRun", type: "quantitative", title: "inversions per run", scale: { domainMin: 0, domainMax: Math.max(1, ...values.map((v) => v.perRun)) } },
        color: { field: "cell", type: "nominal", legend: { labelLimit: 360 } },
        tooltip: [{ field: "cell" }, { field: "boundary" }, { field: "perRun", format: ".2f" }]
      }
    }
  }
}

/** What alignment costs: each cell's mean cost per completed run against its τ-b, with the interval. */
const costChart = (cells: ReadonlyArray<CellReport>): ChartSpec => {
  const values = cells.flatMap((c) =>
    c.kendallTauB === null || c.completedRuns === 0
      ? []
      : [{ cell: c.cell, variant: c.variant, cost: c.costUsd / c.runs.length, tau: c.kendallTauB, low: c.kendallTauBInterval?.low ?? c.kendallTauB, high: c.kendallTauBInterval?.high ?? c.kendallTauB }]
  )
  const y = { type: "quantitative" as const, title: "Kendall's τ-b", scale: { domain: [-1, 1] } }
  const x = { field: "cost", type: "quantitative", title: "cost per batch (USD)", scale: { zero: false } } as const
  return {
    id: "cost-against-alignment",
    title: "Cost against alignment: mean cost per batch and τ-b per cell",
    spec: {
      width: WIDTH,
      height: 300,
      data: { values },
      layer: [
        { mark: { type: "rule" }, encoding: { x, y: { field: "low", ...y }, y2: { field: "high" }, color: { field: "variant", type: "nominal" } } },
        { mark: { type: "point", filled: true, size: 90 }, encoding: { x, y: { field: "tau", ...y }, color: { field: "variant", type: "nominal" }, shape: { field: "cell", type: "nominal", legend: { labelLimit: 360 } }, tooltip: [{ field: "cell" }, { field: "cost", format: "$.4f" }, { field: "tau", format: ".3f" }] } }
      ]
    }
  }
}

/** Split-half reliability of each completed run, per cell. */
const reliabilityChart = (cells: ReadonlyArray<CellReport>): ChartSpec => {
  const values = cells.flatMap((c) => c.runs.flatMap((r) => (r.splitHalf === null ? [] : [{ cell: c.cell, splitHalf: r.splitHalf, run: `repeat ${r.repeat}` }])))
  return {
    id: "split-half-per-cell",
    title: "Split-half reliability of each completed run (Spearman–Brown corrected, median of 100 random halvings)",
    spec: {
      width: WIDTH,
      height: rows(cells.length),
      data: { values },
      mark: { type: "point", filled: true, size: 60 },
      encoding: { y: cellAxis, x: { field: "splitHalf", type: "quantitative", title: "split-half reliability", scale: { domain: [0, 1] } }, tooltip: [{ field: "run" }, { field: "splitHalf", format: ".3f" }] }
    }
  }
}

/** The experiment report's charts, in reading order. */
export const experimentCharts = (cells: ReadonlyArray<CellReport>): ReadonlyArray<ChartSpec> => [tauChart(cells), differenceChart(cells), inversionsChart(cells), costChart(cells), reliabilityChart(cells)]
