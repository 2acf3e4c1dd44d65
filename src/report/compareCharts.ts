import type { RunsComparison } from "../domain/compareRuns.js"
import type { ChartSpec } from "./runCharts.js"

/** The scores' range with a little room on each side, so no point sits on the frame; undefined without scores. */
const frameOf = (thetas: ReadonlyArray<number>): { readonly low: number; readonly high: number } | undefined => {
  if (thetas.length === 0) return undefined
  const lowest = Math.min(...thetas)
  const highest = Math.max(...thetas)
  const pad = (highest - lowest) * 0.05 || 0.5
  return { low: lowest - pad, high: highest + pad }
}

/** One scatter of BT scores per pair of runs, over the essays they share. */
export const compareCharts = (comparison: RunsComparison): ReadonlyArray<ChartSpec> =>
  comparison.pairs.map((pair) => {
    const frame = frameOf(pair.scores.flatMap((s) => [s.first, s.second]))
    // Both axes on one scale, so that the diagonal is y = x and distances read alike.
    const sameScale = frame === undefined ? {} : { domain: [frame.low, frame.high], nice: false }
    const first = comparison.runs[pair.first]
    const second = comparison.runs[pair.second]
    const name = (index: number, run: typeof first) => `run ${index + 1}${run === undefined ? "" : ` (${run.label}, ${run.batchUuid.slice(0, 8)})`}`
    return {
      id: `scatter-${pair.first + 1}-${pair.second + 1}`,
      title: `BT scores: ${name(pair.first, first)} against ${name(pair.second, second)} (dashed: y = x; hover a point for its essay) · τ-b ${pair.kendallTauB?.toFixed(3) ?? "n/a"}, ρ ${pair.spearmanRho?.toFixed(3) ?? "n/a"}`,
      hoverTitles: true,
      spec: {
        width: 420,
        height: 420,
        layer: [
          {
            // y = x: where an essay would sit if both runs scored it alike.
            data: { values: frame === undefined ? [] : [{ first: frame.low, second: frame.low, firstEnd: frame.high, secondEnd: frame.high }] },
            mark: { type: "rule", color: "#999", strokeDash: [4, 4] },
            encoding: { x: { field: "first", type: "quantitative", scale: sameScale }, y: { field: "second", type: "quantitative", scale: sameScale }, x2: { field: "firstEnd" }, y2: { field: "secondEnd" } }
          },
          {
            data: { values: pair.scores.map((s) => ({ essay: s.essayId, first: s.first, second: s.second, kind: s.isAnchor ? "anchor" : "student" })) },
            mark: { type: "point", filled: true, size: 60 },
            encoding: {
              x: { field: "first", type: "quantitative", title: `theta, ${name(pair.first, first)}` },
              y: { field: "second", type: "quantitative", title: `theta, ${name(pair.second, second)}` },
              color: { field: "kind", type: "nominal", title: null },
              description: { field: "essay" }
            }
          }
        ]
      }
    }
  })
