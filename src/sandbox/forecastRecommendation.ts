import type { BudgetForecast } from "./forecast.js"

/**
 * The smallest forecast budget whose mean true reliability reaches the target, and whether
 * CJ's cap lets one batch spend it. When it does not, the ways on: raise CJ's cap, or split
 * the cohort so that each batch (with all the anchors) fits under it at the same comparisons
 * per essay.
 */
export interface ForecastRecommendation {
  readonly target: number
  /** Null when no forecast budget reaches the target. */
  readonly budget: number | null
  /** Null when no budget reaches the target. */
  readonly withinCjCap: boolean | null
  readonly advice: string
}

export const CJ_CAP_SETTING = "CJ_ASSESSMENT_SERVICE_MAX_PAIRWISE_COMPARISONS"

export const recommendBudget = (
  budgets: ReadonlyArray<BudgetForecast>,
  target: number,
  cohort: { readonly students: number; readonly anchors: number; readonly cjCap: number }
): ForecastRecommendation => {
  const reaching = budgets.find((b) => (b.trueReliability?.mean ?? 0) >= target)
  if (reaching === undefined) {
    const best = budgets.reduce<BudgetForecast | undefined>((top, b) => ((b.trueReliability?.mean ?? 0) > (top?.trueReliability?.mean ?? -1) ? b : top), undefined)
    const reached = best?.trueReliability?.mean
    return {
      target,
      budget: null,
      withinCjCap: null,
      advice:
        reached === undefined
          ? `No forecast budget could be scored; add budgets with --forecast-budgets.`
          : `No budget forecast reaches a true reliability of ${target} (the best, ${best?.comparisons}, reaches ${reached.toFixed(2)}): try larger budgets with --forecast-budgets, or a more consistent judge.`
    }
  }
  if (reaching.comparisons <= cohort.cjCap) {
    return { target, budget: reaching.comparisons, withinCjCap: true, advice: `A budget of ${reaching.comparisons} comparisons is forecast to reach a true reliability of ${target}; pass --max-comparisons ${reaching.comparisons}.` }
  }
  const perEssay = reaching.comparisonsPerEssay
  const groupSize = Math.floor((2 * cohort.cjCap) / perEssay - cohort.anchors)
  const groups = groupSize >= 2 ? Math.ceil(cohort.students / groupSize) : null
  const split =
    groups === null || groups < 2
      ? "Splitting the cohort does not help: the anchors alone fill CJ's cap at that many comparisons per essay."
      : `Or split the cohort into ${groups} batches of at most ${groupSize} students (with the anchors), each within CJ's cap at ${perEssay.toFixed(1)} comparisons per essay.`
  return {
    target,
    budget: reaching.comparisons,
    withinCjCap: false,
    advice: `A budget of ${reaching.comparisons} comparisons is forecast to reach a true reliability of ${target}, above CJ's cap of ${cohort.cjCap}: ask the platform's operators to raise ${CJ_CAP_SETTING} to at least ${reaching.comparisons}. ${split}`
  }
}
