import type { GradeScale } from "../domain/gradeScales.js"
import { scaleSeparationReliability } from "../domain/reliability.js"
import { fitBradleyTerry } from "./bradleyTerry.js"
import { CJ_DEFAULT_SETTINGS, type CjSettings } from "./cjSettings.js"
import { runCjWorkflow } from "./cjWorkflow.js"
import { projectGrades } from "./gradeProjection.js"
import { DEFAULT_QUALITY_MODEL, type EssayInput, judge, type QualityModel, rateEssays, readTexts, type TextReading } from "./quality.js"
import { createRandom } from "./random.js"

/**
 * What a comparison budget buys, before any money is spent: the batch is run through the
 * sandbox (its judge, CJ's workflow, the BT fit and the grade projection) `runs` times per
 * budget, each run with its own seed, and the runs are summarised.
 *
 * - SSR: the scale separation reliability of the students' BT scores (src/domain/reliability.ts),
 *   its mean and the 10th–90th percentile over the runs.
 * - Stable grades: for each student, the chance that two runs project the same grade
 *   (Σ over grades of p², p the share of runs giving that grade), averaged over students.
 * - Cost: from `costOfComparisons` for the mean number of comparisons made, as a low–high range,
 *   when a cost estimate exists; null otherwise.
 *
 * A budget above CJ's MAX_PAIRWISE_COMPARISONS is simulated as if that setting were raised to it
 * (`capRaised` says so): CJ itself would stop at its cap.
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
  /** The seam for a cost estimate: USD (low–high) for this many comparisons, or null when none exists. */
  readonly costOfComparisons?: (comparisons: number) => UsdRange | null
}

export interface UsdRange {
  readonly low: number
  readonly high: number
}

export interface BudgetForecast {
  readonly budget: number
  readonly capRaised: boolean
  readonly meanComparisons: number
  readonly ssr: { readonly mean: number; readonly low: number; readonly high: number }
  readonly stableGradeShare: number | null
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
  readonly ssr: number
  /** Projected grade per student id (students without a projection are left out). */
  readonly grades: ReadonlyMap<string, string>
}

const percentile = (sorted: ReadonlyArray<number>, share: number): number => {
  const position = (sorted.length - 1) * share
  const below = Math.floor(position)
  const above = Math.min(sorted.length - 1, below + 1)
  return (sorted[below] as number) + (position - below) * ((sorted[above] as number) - (sorted[below] as number))
}

/** One sandbox run of the batch without its messages: CJ's workflow, the final fit, SSR and grades. */
export const simulateReliability = (
  input: Omit<ForecastInput, "budgets" | "runs">,
  budget: number,
  seed: string,
  readings: ReadonlyArray<TextReading> = readTexts(input.essays)
): SimulatedRun => {
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
  const outcomes = workflow.comparisons.map(({ pair, winner }) => ({ winner, loser: winner === pair.essayA ? pair.essayB : pair.essayA }))
  const compared = new Set(outcomes.flatMap((o) => [o.winner, o.loser]))
  const fit = fitBradleyTerry(rated.map((e) => e.essayId).filter((id) => compared.has(id)), outcomes)
  const anchorGrade = new Map(input.essays.flatMap((e) => (e.isAnchor && e.grade !== undefined ? [[e.essayId, e.grade] as const] : [])))
  const students = fit.essays.filter((e) => !anchorGrade.has(e.essayId) && byId.get(e.essayId)?.isAnchor !== true)
  const anchors = fit.essays.flatMap((e) => {
    const grade = anchorGrade.get(e.essayId)
    return grade === undefined ? [] : [{ essayId: e.essayId, grade, theta: e.theta }]
  })
  const projections = anchors.length === 0 ? [] : projectGrades(students, anchors, input.gradeScale)
  return {
    comparisons: workflow.comparisons.length,
    ssr: scaleSeparationReliability(students) ?? 0,
    grades: new Map(projections.map((p) => [p.essayId, p.grade]))
  }
}

const stableShare = (runs: ReadonlyArray<SimulatedRun>): number | null => {
  const byStudent = new Map<string, Map<string, number>>()
  for (const run of runs) {
    for (const [id, grade] of run.grades) {
      const tally = byStudent.get(id) ?? new Map<string, number>()
      tally.set(grade, (tally.get(grade) ?? 0) + 1)
      byStudent.set(id, tally)
    }
  }
  if (byStudent.size === 0) return null
  let total = 0
  for (const tally of byStudent.values()) {
    const seen = [...tally.values()].reduce((sum, n) => sum + n, 0)
    total += [...tally.values()].reduce((sum, n) => sum + (n / seen) ** 2, 0)
  }
  return total / byStudent.size
}

export const forecastReliability = (input: ForecastInput): Forecast => {
  if (!(Number.isInteger(input.runs) && input.runs >= 2)) throw new RangeError(`runs must be an integer >= 2, got ${input.runs}`)
  const cap = (input.settings ?? CJ_DEFAULT_SETTINGS).maxPairwiseComparisons
  const readings = readTexts(input.essays)
  const budgets = input.budgets.map((budget) => {
    if (!(Number.isInteger(budget) && budget >= 1)) throw new RangeError(`a budget must be an integer >= 1, got ${budget}`)
    const runs = Array.from({ length: input.runs }, (_, run) => simulateReliability(input, budget, `${input.seed}:forecast:${budget}:${run}`, readings))
    const ssrs = runs.map((r) => r.ssr).sort((a, b) => a - b)
    const meanComparisons = runs.reduce((sum, r) => sum + r.comparisons, 0) / runs.length
    return {
      budget,
      capRaised: budget > cap,
      meanComparisons,
      ssr: { mean: ssrs.reduce((sum, s) => sum + s, 0) / ssrs.length, low: percentile(ssrs, 0.1), high: percentile(ssrs, 0.9) },
      stableGradeShare: stableShare(runs),
      estimatedCostUsd: input.costOfComparisons?.(meanComparisons) ?? null
    }
  })
  return {
    runs: input.runs,
    judgeNoise: input.judgeNoise ?? input.qualityModel?.judgeNoise ?? 1,
    students: input.essays.filter((e) => !e.isAnchor).length,
    anchors: input.essays.filter((e) => e.isAnchor).length,
    budgets
  }
}
