import type { AssessmentRunArtefact } from "../domain/artefact.js"
import { shownCost } from "../domain/costEstimate.js"
import { findGradeScale, gradeRank } from "../domain/gradeScales.js"
import { kendallTauB } from "../statistics/index.js"
import type { TopLevelSpec } from "./vegaSvg.js"

export interface ChartSpec {
  readonly id: string
  readonly title: string
  readonly spec: TopLevelSpec
  /** Said in place of the chart when there is nothing to draw (no frame without marks). */
  readonly empty?: string
  /** Each mark's description (its `description` encoding) shown when the pointer rests on it. */
  readonly hoverTitles?: boolean
}

/** Axes of counts: whole numbers only. */
const COUNT_AXIS = { format: "d", tickMinStep: 1 } as const

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

/** A grade distribution has more than one grade; CJ's confidence score gives one. */
const hasDistribution = (a: AssessmentRunArtefact): boolean => a.grade_projections.some((p) => Object.keys(p.probabilities).length > 1)

/** Without a distribution: CJ's confidence in each projected grade, one bar per essay, called what it is. */
const confidenceChart = (a: AssessmentRunArtefact): ChartSpec => {
  const values = a.grade_projections.map((p) => ({ essay: p.essay_id, grade: p.grade, confidence: p.probabilities[p.grade] ?? 0 }))
  const y = { field: "essay", type: "nominal", title: null, sort: null } as const
  return {
    id: "grade-projections",
    title: "Projected grade per essay and CJ's confidence in it (CJ published no grade distribution)",
    spec: {
      width: WIDTH / 1.5,
      height: rowHeight(values.length),
      data: { values },
      layer: [
        { mark: "bar", encoding: { y, x: { field: "confidence", type: "quantitative", title: "CJ's confidence in the projected grade", scale: { domain: [0, 1] } } } },
        { mark: { type: "text", align: "left", dx: 4 }, encoding: { y, x: { field: "confidence", type: "quantitative" }, text: { field: "grade" } } }
      ]
    }
  }
}

const projectionChart = (a: AssessmentRunArtefact): ChartSpec => {
  if (!hasDistribution(a)) return confidenceChart(a)
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
      encoding: { y: { field: "essay", type: "nominal", sort: null, title: null }, x: { field: "comparisons", type: "quantitative", axis: COUNT_AXIS } }
    }
  }
}

const failuresChart = (a: AssessmentRunArtefact): ChartSpec => {
  const counts = new Map<string, number>()
  for (const c of a.llm_comparisons) if (c.status === "failed") counts.set(c.error_code ?? c.failure_reason ?? "unknown", (counts.get(c.error_code ?? c.failure_reason ?? "unknown") ?? 0) + 1)
  const values = [...counts].map(([reason, count]) => ({ reason, count }))
  return {
    id: "failed-comparisons",
    title: `Failed comparisons: ${[...counts.values()].reduce((x, y) => x + y, 0)} of ${a.llm_comparisons.length}`,
    spec: { width: WIDTH / 1.5, height: rowHeight(values.length), data: { values }, mark: "bar", encoding: { y: { field: "reason", type: "nominal", title: null }, x: { field: "count", type: "quantitative", title: "comparisons", axis: COUNT_AXIS, scale: { domainMin: 0, domainMax: Math.max(1, ...counts.values()) } } } },
    ...(counts.size === 0 ? { empty: a.llm_comparisons.length === 0 ? "No comparisons were received." : "None failed." } : {})
  }
}

const costChart = (a: AssessmentRunArtefact): ChartSpec => {
  const values = a.costs.token_counts.flatMap((b) => [
    { model: `${b.provider}/${b.model}`, kind: "prompt", tokens: b.prompt_tokens },
    { model: `${b.provider}/${b.model}`, kind: "completion", tokens: b.completion_tokens }
  ])
  const estimate = a.costs.estimate?.usd
  const byModel = a.costs.token_counts.map((b) => `${b.provider}/${b.model} $${b.usd.toFixed(4)}`).join(", ")
  const shown = shownCost(a.costs)
  const cost = shown.atUserPrices ? `Cost $${shown.usd.toFixed(4)} at your prices (the platform's: ${byModel || "no comparisons"})` : `Cost $${shown.usd.toFixed(4)} (${byModel || "no comparisons"})`
  return {
    id: "cost-per-model",
    title: `${cost}${estimate === undefined ? "" : estimate === null ? "; estimated before: no prices" : `; estimated before: $${estimate.low.toFixed(4)}–$${estimate.high.toFixed(4)}`}`,
    spec: {
      width: WIDTH / 1.5,
      height: 120,
      data: { values: values.length === 0 ? [{ model: "none", kind: "prompt", tokens: 0 }] : values },
      mark: "bar",
      encoding: { y: { field: "model", type: "nominal", title: null }, x: { field: "tokens", type: "quantitative", stack: "zero", axis: COUNT_AXIS }, color: { field: "kind", type: "nominal", title: "tokens" } }
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
