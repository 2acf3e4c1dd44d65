import type { RunsComparison } from "../domain/compareRuns.js"
import type { ChartSpec } from "./runCharts.js"

/** One scatter of BT scores per pair of runs, over the essays they share. */
export const compareCharts = (comparison: RunsComparison): ReadonlyArray<ChartSpec> =>
  comparison.pairs.map((pair) => {
    const first = comparison.runs[pair.first]
    const second = comparison.runs[pair.second]
    const name = (index: number, run: typeof first) => `run ${index + 1}${run === undefined ? "" : ` (${run.label}, ${run.batchUuid.slice(0, 8)})`}`
    return {
      id: `scatter-${pair.first + 1}-${pair.second + 1}`,
      title: `BT scores: ${name(pair.first, first)} against ${name(pair.second, second)} · τ-b ${pair.kendallTauB?.toFixed(3) ?? "n/a"}, ρ ${pair.spearmanRho?.toFixed(3) ?? "n/a"}`,
      spec: {
        width: 420,
        height: 420,
        data: { values: pair.scores.map((s) => ({ essay: s.essayId, first: s.first, second: s.second, kind: s.isAnchor ? "anchor" : "student" })) },
        mark: { type: "point", filled: true, size: 60 },
        encoding: {
          x: { field: "first", type: "quantitative", title: `theta, ${name(pair.first, first)}` },
          y: { field: "second", type: "quantitative", title: `theta, ${name(pair.second, second)}` },
          color: { field: "kind", type: "nominal", title: null },
          tooltip: [{ field: "essay" }]
        }
      }
    }
  })
