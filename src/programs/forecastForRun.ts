import { Effect } from "effect"
import { CJ_DEFAULT_MAX_COMPARISONS } from "../domain/costEstimate.js"
import { InvalidFlag } from "../errors.js"
import { Progress } from "../services/Progress.js"
import { CJ_DEFAULT_SETTINGS } from "../sandbox/cjSettings.js"
import { type Forecast, forecastReliability, type UsdRange } from "../sandbox/forecast.js"
import { type ForecastRecommendation, recommendBudget } from "../sandbox/forecastRecommendation.js"
import { estimateForRun } from "./costEstimate.js"
import type { PreparedRun } from "./prepareRun.js"

/** `--forecast` and its flags, as typed. */
export interface ForecastRequest {
  readonly budgets?: string | undefined
  readonly target?: string | undefined
  readonly judgeNoise?: string | undefined
}

export interface ForecastReport extends Forecast {
  readonly seed: number
  /** Where the budgets came from: the flag, or steps of comparisons per essay up to the target. */
  readonly budgetsSource: "--forecast-budgets" | "comparisons_per_essay"
  /** USD per comparison (low–high) from the plan's cost estimate; null without prices. */
  readonly usdPerComparison: UsdRange | null
  readonly recommendation: ForecastRecommendation
}

/**
 * Runs per budget: the 10th and 90th percentiles of 20 runs sit between the 2nd/3rd and the
 * 18th/19th smallest SSR, the fewest runs for which that interval is not just the extremes.
 */
export const FORECAST_RUNS = 20
export const FORECAST_SEED = 1
/** Comparisons per essay of the default budgets: about ten per essay is usually enough (Kinnear, Jones & Davies 2025). */
const DEFAULT_COMPARISONS_PER_ESSAY = [1, 2, 3, 4, 6, 8, 10]
export const DEFAULT_TARGET = 0.8
const MAX_BUDGETS = 12
/** Above this a forecast takes minutes; CJ's own cap is 120. */
const MAX_BUDGET = 20000
const MAX_JUDGE_NOISE = 10

const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6

const invalid = (flag: string, raw: string, problem: string, fix: string) =>
  Effect.fail(new InvalidFlag({ flag, message: `${flag} "${raw}" ${problem}.`, fix }))

/** The default budgets: steps of comparisons per essay (each comparison counts for both its essays) and the run's own budget. */
export const defaultBudgets = (essays: number, ownBudget: number): Array<number> =>
  [...new Set([...DEFAULT_COMPARISONS_PER_ESSAY.map((perEssay) => Math.max(1, Math.round((perEssay * essays) / 2))), ownBudget])].sort((a, b) => a - b)

export const forecastBudgets = (raw: string | undefined, essays: number, ownBudget: number) => {
  if (raw === undefined) return Effect.succeed(defaultBudgets(essays, ownBudget))
  const parts = raw.split(",").map((part) => part.trim())
  const fix = `Pass up to ${MAX_BUDGETS} whole numbers from 1 to ${MAX_BUDGET}, separated by commas, e.g. --forecast-budgets 40,80,120.`
  if (parts.length > MAX_BUDGETS) return invalid("--forecast-budgets", raw, `lists ${parts.length} budgets, more than ${MAX_BUDGETS}`, fix)
  const bad = parts.find((part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > MAX_BUDGET)
  if (bad !== undefined) return invalid("--forecast-budgets", raw, `has ${bad === "" ? "an empty budget" : `"${bad}", not a whole number from 1 to ${MAX_BUDGET}`}`, fix)
  return Effect.succeed([...new Set(parts.map(Number))].sort((a, b) => a - b))
}

export const forecastTarget = (raw: string | undefined) => {
  if (raw === undefined) return Effect.succeed(DEFAULT_TARGET)
  const target = Number(raw)
  return raw.trim() !== "" && target > 0 && target < 1
    ? Effect.succeed(target)
    : invalid("--forecast-target", raw, "is not a number between 0 and 1", "Pass the true reliability to plan for to --forecast-target, e.g. 0.8 (a usual threshold for grading) or 0.7.")
}

export const forecastJudgeNoise = (raw: string | undefined) => {
  if (raw === undefined) return Effect.succeed(1)
  const noise = Number(raw)
  return raw.trim() !== "" && noise > 0 && noise <= MAX_JUDGE_NOISE
    ? Effect.succeed(noise)
    : invalid("--forecast-judge-noise", raw, `is not a number above 0 and at most ${MAX_JUDGE_NOISE}`, "Pass the judge's noise in logits to --forecast-judge-noise, e.g. 1 (a Bradley–Terry judge) or 2 (a judge half as consistent).")
}

/** USD per comparison from the run's cost estimate, which is linear in the number of comparisons. */
const pricePerComparison = (prepared: PreparedRun): UsdRange | null => {
  const usd = estimateForRun(prepared).usd
  if (usd === null) return null
  const comparisons = prepared.settings.maxComparisons ?? CJ_DEFAULT_MAX_COMPARISONS
  return { low: usd.low / comparisons, high: usd.high / comparisons }
}

/** The forecast of a prepared run's batch: its own essays and grade scale, CJ's default settings. */
export const forecastForRun = (prepared: PreparedRun, request: ForecastRequest) =>
  Effect.gen(function* () {
    const { inventory } = prepared
    const ownBudget = Math.min(prepared.settings.maxComparisons ?? CJ_DEFAULT_MAX_COMPARISONS, CJ_DEFAULT_SETTINGS.maxPairwiseComparisons)
    const budgets = yield* forecastBudgets(request.budgets, inventory.students.length + inventory.anchors.length, ownBudget)
    const target = yield* forecastTarget(request.target)
    const judgeNoise = yield* forecastJudgeNoise(request.judgeNoise)
    const perComparison = pricePerComparison(prepared)
    const forecast = forecastReliability({
      essays: [
        ...inventory.anchors.map((a) => ({ essayId: a.anchorId, text: a.text, isAnchor: true, grade: a.grade })),
        ...inventory.students.map((s) => ({ essayId: s.essayId, text: s.text, isAnchor: false }))
      ],
      gradeScale: inventory.gradeScale,
      budgets,
      runs: FORECAST_RUNS,
      seed: FORECAST_SEED,
      judgeNoise,
      ...(request.budgets === undefined ? { stopWhen: { trueReliability: target, notBefore: ownBudget } } : {}),
      costOfComparisons: (n) => (perComparison === null ? null : { low: roundUsd(perComparison.low * n), high: roundUsd(perComparison.high * n) })
    })
    const report: ForecastReport = {
      ...forecast,
      seed: FORECAST_SEED,
      budgetsSource: request.budgets !== undefined ? "--forecast-budgets" : "comparisons_per_essay",
      usdPerComparison: perComparison,
      recommendation: recommendBudget(forecast.budgets, target, { students: inventory.students.length, anchors: inventory.anchors.length, cjCap: CJ_DEFAULT_SETTINGS.maxPairwiseComparisons })
    }
    return report
  })

/** The forecast as a progress step: a few seconds of simulation for a large batch. */
export const runForecast = (prepared: PreparedRun, request: ForecastRequest) =>
  Progress.use((progress) => progress.step(`Forecast reliability per comparison budget (sandbox judge, ${FORECAST_RUNS} runs each)`, forecastForRun(prepared, request)))
