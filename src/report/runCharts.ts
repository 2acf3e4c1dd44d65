import type { AssessmentRunArtefact } from "../domain/artefact.js"
import { findGradeScale, gradeRank } from "../domain/gradeScales.js"
import { kendallTauB } from "../statistics/index.js"
import type { TopLevelSpec } from "./vegaSvg.js"

export interface ChartSpec {
  readonly id: string
  readonly title: string
  readonly spec: TopLevelSpec
}

const WIDTH = 640
const rowHeight = (rows: number) => Math.max(120, Math.min(900, rows * 16))

const btChart = (a: AssessmentRunArtefact): ChartSpec => {
  const values = [...a.bt_summary]
    .sort((x, y) => x.rank - y.rank)
    .map((e) => ({ essay: e.essay_id, theta: e.theta, low: e.theta - e.standard_error, high: e.theta + e.standard_error, kind: e.is_anchor ? "anchor" : "student", grade: e.is_anchor ? (e.anchor_grade ?? "") : "" }))
  const y = { field: "essay", type: "nominal", sort: null, title: null } as const
  return {
    id: "bt-scores",
    title: "Bradley–Terry scores, ranked, with ±1 standard error",
    spec: {
      width: WIDTH,
      height: rowHeight(values.length),
      data: { values },
      layer: [
        { mark: { type: "rule" }, encoding: { y, x: { field: "low", type: "quantitative", title: "BT score (theta)" }, x2: { field: "high" } } },
        { mark: { type: "point", filled: true, size: 50 }, encoding: { y, x: { field: "theta", type: "quantitative" }, color: { field: "kind", type: "nominal", title: null } } },
        { mark: { type: "text", align: "left", dx: 8 }, encoding: { y, x: { field: "high", type: "quantitative" }, text: { field: "grade" } } }
      ]
    }
  }
}

const projectionChart = (a: AssessmentRunArtefact): ChartSpec => {
  const scale = findGradeScale(a.metadata.grade_scale)
  const values = a.grade_projections.flatMap((p) => Object.entries(p.probabilities).map(([grade, probability]) => ({ essay: p.essay_id, grade, probability, projected: grade === p.grade ? "●" : "" })))
  const grades = scale === undefined ? undefined : [...(scale.belowLowest === null ? [] : [scale.belowLowest]), ...scale.grades]
  const x = { field: "grade", type: "ordinal", title: "grade", ...(grades === undefined ? {} : { sort: grades }) } as const
  const y = { field: "essay", type: "nominal", title: null } as const
  return {
    id: "grade-projections",
    title: "Grade projections per essay: probability of each grade (● the projected grade)",
    spec: {
      width: WIDTH / 1.5,
      height: rowHeight(a.grade_projections.length),
      data: { values },
      layer: [
        { mark: "rect", encoding: { x, y, color: { field: "probability", type: "quantitative", scale: { domain: [0, 1], scheme: "blues" } } } },
        { mark: { type: "text", color: "#c0392b" }, encoding: { x, y, text: { field: "projected" } } }
      ]
    }
  }
}

/** τ-b between the anchors' known grades and their BT scores; null without two gradable anchors. */
export const anchorTauB = (a: AssessmentRunArtefact): number | null => {
  const scale = findGradeScale(a.metadata.grade_scale)
  if (scale === undefined) return null
  const points = a.bt_summary.flatMap((e) => {
    const rank = e.is_anchor && e.anchor_grade !== undefined ? gradeRank(e.anchor_grade, scale) : undefined
    return rank === undefined ? [] : [[rank, e.theta] as const]
  })
  return kendallTauB(points).value
}

const anchorChart = (a: AssessmentRunArtefact): ChartSpec => {
  const scale = findGradeScale(a.metadata.grade_scale)
  const values = a.bt_summary.filter((e) => e.is_anchor).map((e) => ({ essay: e.essay_id, grade: e.anchor_grade ?? "?", theta: e.theta }))
  const tau = anchorTauB(a)
  const sort = scale === undefined ? undefined : [...(scale.belowLowest === null ? [] : [scale.belowLowest]), ...scale.grades]
  return {
    id: "anchor-alignment",
    title: `Anchors: BT score against known grade (Kendall's τ-b ${tau === null ? "n/a" : tau.toFixed(3)})`,
    spec: {
      width: WIDTH / 1.5,
      height: 260,
      data: { values },
      mark: { type: "point", filled: true, size: 80 },
      encoding: {
        x: { field: "grade", type: "ordinal", title: "known grade", ...(sort === undefined ? {} : { sort }) },
        y: { field: "theta", type: "quantitative", title: "BT score (theta)" },
        tooltip: [{ field: "essay" }]
      }
    }
  }
}

const comparisonsChart = (a: AssessmentRunArtefact): ChartSpec => {
  const values = [...a.bt_summary].sort((x, y) => x.rank - y.rank).map((e) => ({ essay: e.essay_id, comparisons: e.comparison_count }))
  return {
    id: "comparisons-per-essay",
    title: "Comparisons per essay",
    spec: {
      width: WIDTH,
      height: rowHeight(values.length),
      data: { values },
      mark: "bar",
      encoding: { y: { field: "essay", type: "nominal", sort: null, title: null }, x: { field: "comparisons", type: "quantitative" } }
    }
  }
}

const failuresChart = (a: AssessmentRunArtefact): ChartSpec => {
  const counts = new Map<string, number>()
  for (const c of a.llm_comparisons) if (c.status === "failed") counts.set(c.error_code ?? c.failure_reason ?? "unknown", (counts.get(c.error_code ?? c.failure_reason ?? "unknown") ?? 0) + 1)
  const values = counts.size === 0 ? [{ reason: "no failed comparisons", count: 0 }] : [...counts].map(([reason, count]) => ({ reason, count }))
  return {
    id: "failed-comparisons",
    title: `Failed comparisons: ${[...counts.values()].reduce((x, y) => x + y, 0)} of ${a.llm_comparisons.length}`,
    spec: { width: WIDTH / 1.5, height: rowHeight(values.length), data: { values }, mark: "bar", encoding: { y: { field: "reason", type: "nominal", title: null }, x: { field: "count", type: "quantitative", title: "comparisons", axis: { format: "d", tickMinStep: 1 }, scale: { domainMin: 0, domainMax: Math.max(1, ...counts.values()) } } } }
  }
}

const costChart = (a: AssessmentRunArtefact): ChartSpec => {
  const values = a.costs.token_counts.flatMap((b) => [
    { model: `${b.provider}/${b.model}`, kind: "prompt", tokens: b.prompt_tokens },
    { model: `${b.provider}/${b.model}`, kind: "completion", tokens: b.completion_tokens }
  ])
  const estimate = a.costs.estimate?.usd
  const byModel = a.costs.token_counts.map((b) => `${b.provider}/${b.model} $${b.usd.toFixed(4)}`).join(", ")
  return {
    id: "cost-per-model",
    title: `Cost $${a.costs.total_usd.toFixed(4)} (${byModel || "no comparisons"})${estimate === undefined ? "" : estimate === null ? "; estimated before: no prices" : `; estimated before: $${estimate.low.toFixed(4)}–$${estimate.high.toFixed(4)}`}`,
    spec: {
      width: WIDTH / 1.5,
      height: 120,
      data: { values: values.length === 0 ? [{ model: "none", kind: "prompt", tokens: 0 }] : values },
      mark: "bar",
      encoding: { y: { field: "model", type: "nominal", title: null }, x: { field: "tokens", type: "quantitative", stack: "zero" }, color: { field: "kind", type: "nominal", title: "tokens" } }
    }
  }
}

/** The report's charts, in reading order. */
export const runCharts = (a: AssessmentRunArtefact): ReadonlyArray<ChartSpec> => [
  btChart(a),
  projectionChart(a),
  anchorChart(a),
  comparisonsChart(a),
  failuresChart(a),
  costChart(a)
]
