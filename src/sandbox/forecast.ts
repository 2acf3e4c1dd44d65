import type { GradeScale } from "../domain/gradeScales.js"
import { scoreLikeCj } from "../statistics/cjScoring.js"
import { type Interval, interval, pearson } from "../statistics/describe.js"
import { projectGrades } from "../statistics/gradeProjection.js"
import { createRandom } from "../statistics/random.js"
import { scaleSeparation, splitHalfReliability } from "../statistics/reliability.js"
import { CJ_DEFAULT_SETTINGS, type CjSettings } from "./cjSettings.js"
import { outcomesOf, runCjWorkflow } from "./cjWorkflow.js"
import { DEFAULT_QUALITY_MODEL, type EssayInput, judge, type QualityModel, rateEssays, readTexts, type TextReading } from "./quality.js"

/**
 * What a comparison budget buys, before any money is spent. The batch is rehearsed `runs`
 * times per budget with the sandbox's judge, CJ's pairing and workflow, and CJ's estimator,
 * SEs and grade projection (src/statistics). Run k of every budget uses the same seed, so a
 * larger budget continues the same rehearsal rather than drawing a new one. Per budget, each
 * as the mean and the 10th–90th percentiles over the runs:
 *
 * - ssr: the SSR CJ's numbers will show, over the runs where it can be estimated; null when
 *   it cannot in most runs (src/statistics/reliability.ts says when);
 * - splitHalf: the split-half reliability of the run's comparisons;
 * - trueReliability: the squared correlation of the students' estimated θ with the quality
 *   the judge went by: what the reliability coefficients try to estimate, known here only
 *   because the judge is simulated;
 * - stableGradeShare: for two runs, the share of students given the same grade, over all
 *   pairs of runs; null without a grade projection (CJ needs anchors of two grades).
 *
 * A budget above CJ's MAX_PAIRWISE_COMPARISONS is simulated as if that setting were raised to
 * it (`capRaised` says so): CJ itself would stop at its cap.
 */
export interface ForecastInput {
  readonly essays: ReadonlyArray<EssayInput>
  readonly gradeScale: GradeScale
  readonly budgets: ReadonlyArray<number>
  readonly runs: number
  readonly seed: number | string
  readonly judgeNoise?: number
  readonly qualityModel?: QualityModel
  readonly settings?: CjSettings
  /** Random splits per run for the split-half reliability. */
  readonly splits?: number
  /** The seam for a cost estimate: USD (low–high) for this many comparisons, or null when none exists. */
  readonly costOfComparisons?: (comparisons: number) => UsdRange | null
  /** Stop after the first budget whose mean true reliability reaches `trueReliability`, once past `notBefore`. */
  readonly stopWhen?: { readonly trueReliability: number; readonly notBefore: number }
}

export interface UsdRange {
  readonly low: number
  readonly high: number
}

export interface BudgetForecast {
  /** The comparison budget: CJ's cap for the batch (max_comparisons). */
  readonly comparisons: number
  readonly capRaised: boolean
  readonly meanComparisons: number
  /** Successful comparisons per essay, each comparison counting for both its essays. */
  readonly comparisonsPerEssay: number
  readonly ssr: Interval | null
  /** Share of the runs in which SSR could be estimated. */
  readonly ssrEstimableShare: number
  readonly splitHalf: Interval | null
  readonly trueReliability: Interval | null
  readonly stableGradeShare: Interval | null
  readonly estimatedCostUsd: UsdRange | null
}

export interface Forecast {
  readonly runs: number
  readonly judgeNoise: number
  readonly students: number
  readonly anchors: number
  readonly budgets: ReadonlyArray<BudgetForecast>
}

export interface SimulatedRun {
  readonly comparisons: number
  readonly ssr: number | null
  readonly splitHalf: number | null
  readonly trueReliability: number | null
  /** Projected grade per student id (students without a projection are left out). */
  readonly grades: ReadonlyMap<string, string>
}

/** Splits per run: the forecast's interval is over runs, so each run's split-half needs fewer splits than a finished batch's. */
export const FORECAST_SPLITS = 10

/** One rehearsal of the batch without its messages: CJ's workflow, CJ's scoring, the measures. */
export const simulateRun = (input: Omit<ForecastInput, "budgets" | "runs">, budget: number, seed: string, readings: ReadonlyArray<TextReading> = readTexts(input.essays)): SimulatedRun => {
  const random = createRandom(seed)
  const model = { ...(input.qualityModel ?? DEFAULT_QUALITY_MODEL), ...(input.judgeNoise === undefined ? {} : { judgeNoise: input.judgeNoise }) }
  const rated = rateEssays(input.essays, input.gradeScale, random.fork("quality"), model, readings)
  const byId = new Map(rated.map((essay) => [essay.essayId, essay]))
  const base = input.settings ?? CJ_DEFAULT_SETTINGS
  const verdicts = random.fork("verdicts")
  const workflow = runCjWorkflow({
    essays: rated,
    studentCount: rated.filter((essay) => !essay.isAnchor).length,
    maxComparisons: budget,
    settings: { ...base, maxPairwiseComparisons: Math.max(base.maxPairwiseComparisons, budget) },
    allAtOnce: false,
    random: random.fork("pairing"),
    judgeWave: (pairs) =>
      pairs.map((pair) => {
        const verdict = judge(byId.get(pair.essayA) as (typeof rated)[number], byId.get(pair.essayB) as (typeof rated)[number], verdicts, model.judgeNoise)
        return { pair, succeeded: true, winner: verdict.winner === "A" ? pair.essayA : pair.essayB }
      })
  })
  const outcomes = outcomesOf(workflow.comparisons)
  const refs = rated.map((essay) => ({ essayId: essay.essayId, isAnchor: essay.isAnchor }))
  if (outcomes.length === 0) return { comparisons: 0, ssr: null, splitHalf: null, trueReliability: null, grades: new Map() }
  const scoring = scoreLikeCj(refs, outcomes, { standardErrors: false })
  const students = scoring.essays.filter((essay) => !essay.isAnchor)
  const truth = pearson(
    students.map((essay) => essay.theta),
    students.map((essay) => (byId.get(essay.essayId) as (typeof rated)[number]).quality)
  )
  const anchorGrade = new Map(input.essays.flatMap((e) => (e.isAnchor && e.grade !== undefined ? [[e.essayId, e.grade] as const] : [])))
  const anchors = scoring.essays.flatMap((e) => {
    const grade = anchorGrade.get(e.essayId)
    return grade === undefined ? [] : [{ essayId: e.essayId, grade, theta: e.theta }]
  })
  const start = new Map(scoring.essays.map((essay) => [essay.essayId, essay.theta]))
  return {
    comparisons: workflow.comparisons.length,
    ssr: scaleSeparation(scoring).ssr,
    splitHalf: splitHalfReliability(refs, outcomes, { seed, splits: input.splits ?? FORECAST_SPLITS, start })?.median ?? null,
    trueReliability: truth === null ? null : truth ** 2,
    // CJ's grade is the band that holds θ; the SE moves only the confidence, which is not forecast.
    grades: new Map(projectGrades(students.map((s) => ({ ...s, standardError: 0 })), anchors, input.gradeScale).map((p) => [p.essayId, p.grade]))
  }
}

/** For every pair of runs, the share of students both runs projected who got the same grade. */
const gradeAgreementBetweenRuns = (runs: ReadonlyArray<SimulatedRun>): Array<number> => {
  const shares: Array<number> = []
  for (let first = 0; first < runs.length; first++) {
    for (let second = first + 1; second < runs.length; second++) {
      const a = (runs[first] as SimulatedRun).grades
      const b = (runs[second] as SimulatedRun).grades
      const both = [...a.keys()].filter((id) => b.has(id))
      if (both.length > 0) shares.push(both.filter((id) => a.get(id) === b.get(id)).length / both.length)
    }
  }
  return shares
}

const present = (values: ReadonlyArray<number | null>): Array<number> => values.filter((value): value is number => value !== null)

export const forecastReliability = (input: ForecastInput): Forecast => {
  if (!(Number.isInteger(input.runs) && input.runs >= 2)) throw new RangeError(`runs must be an integer >= 2, got ${input.runs}`)
  const cap = (input.settings ?? CJ_DEFAULT_SETTINGS).maxPairwiseComparisons
  const readings = readTexts(input.essays)
  const budgets: Array<BudgetForecast> = []
  for (const budget of [...input.budgets].sort((a, b) => a - b)) {
    if (!(Number.isInteger(budget) && budget >= 1)) throw new RangeError(`a budget must be an integer >= 1, got ${budget}`)
    const runs = Array.from({ length: input.runs }, (_, run) => simulateRun(input, budget, `${input.seed}:forecast:${run}`, readings))
    const meanComparisons = runs.reduce((sum, r) => sum + r.comparisons, 0) / runs.length
    const ssrs = present(runs.map((r) => r.ssr))
    const forecast: BudgetForecast = {
      comparisons: budget,
      capRaised: budget > cap,
      meanComparisons,
      comparisonsPerEssay: (2 * meanComparisons) / Math.max(1, input.essays.length),
      ssr: ssrs.length * 2 > runs.length ? interval(ssrs) : null,
      ssrEstimableShare: ssrs.length / runs.length,
      splitHalf: interval(present(runs.map((r) => r.splitHalf))),
      trueReliability: interval(present(runs.map((r) => r.trueReliability))),
      stableGradeShare: interval(gradeAgreementBetweenRuns(runs)),
      estimatedCostUsd: input.costOfComparisons?.(meanComparisons) ?? null
    }
    budgets.push(forecast)
    const stop = input.stopWhen
    if (stop !== undefined && budget >= stop.notBefore && (forecast.trueReliability?.mean ?? 0) >= stop.trueReliability) break
  }
  return {
    runs: input.runs,
    judgeNoise: input.judgeNoise ?? input.qualityModel?.judgeNoise ?? 1,
    students: input.essays.filter((e) => !e.isAnchor).length,
    anchors: input.essays.filter((e) => e.isAnchor).length,
    budgets
  }
}
