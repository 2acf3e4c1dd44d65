import { Effect } from "effect"
import { CJ_DEFAULT_MAX_COMPARISONS } from "../domain/costEstimate.js"
import { InvalidFlag } from "../errors.js"
import { Progress } from "../services/Progress.js"
import { type Forecast, forecastReliability, type UsdRange } from "../sandbox/forecast.js"
import { estimateForRun } from "./costEstimate.js"
import type { PreparedRun } from "./prepareRun.js"

/** `--forecast` and its flags, as typed. */
export interface ForecastRequest {
  readonly budgets?: string | undefined
  readonly judgeNoise?: string | undefined
}

export interface ForecastReport extends Forecast {
  readonly seed: number
  /** Where the budgets came from: the flag, or five steps up to --max-comparisons or CJ's cap. */
  readonly budgetsSource: "--forecast-budgets" | "--max-comparisons" | "cj_default_cap"
  /** USD per comparison (low–high) from the plan's cost estimate; null without prices. */
  readonly usdPerComparison: UsdRange | null
}

/**
 * Runs per budget: the 10th and 90th percentiles of 20 runs sit between the 2nd/3rd and the
 * 18th/19th smallest SSR, the fewest runs for which that interval is not just the extremes.
 */
export const FORECAST_RUNS = 20
export const FORECAST_SEED = 1
const DEFAULT_BUDGET_STEPS = 5
const MAX_BUDGETS = 12
/** Above this a forecast takes minutes; CJ's own cap is 120. */
const MAX_BUDGET = 5000
const MAX_JUDGE_NOISE = 10

const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6

const invalid = (flag: string, raw: string, problem: string, fix: string) =>
  Effect.fail(new InvalidFlag({ flag, message: `${flag} "${raw}" ${problem}.`, fix }))

export const forecastBudgets = (raw: string | undefined, maxComparisons: number | undefined) => {
  if (raw === undefined) {
    const top = maxComparisons ?? CJ_DEFAULT_MAX_COMPARISONS
    const steps = Array.from({ length: DEFAULT_BUDGET_STEPS }, (_, i) => Math.max(1, Math.round((top * (i + 1)) / DEFAULT_BUDGET_STEPS)))
    return Effect.succeed([...new Set(steps)])
  }
  const parts = raw.split(",").map((part) => part.trim())
  const fix = `Pass up to ${MAX_BUDGETS} whole numbers from 1 to ${MAX_BUDGET}, separated by commas, e.g. --forecast-budgets 40,80,120.`
  if (parts.length > MAX_BUDGETS) return invalid("--forecast-budgets", raw, `lists ${parts.length} budgets, more than ${MAX_BUDGETS}`, fix)
  const bad = parts.find((part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > MAX_BUDGET)
  if (bad !== undefined) return invalid("--forecast-budgets", raw, `has ${bad === "" ? "an empty budget" : `"${bad}", not a whole number from 1 to ${MAX_BUDGET}`}`, fix)
  return Effect.succeed([...new Set(parts.map(Number))].sort((a, b) => a - b))
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
    const budgets = yield* forecastBudgets(request.budgets, prepared.settings.maxComparisons)
    const judgeNoise = yield* forecastJudgeNoise(request.judgeNoise)
    const { inventory } = prepared
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
      costOfComparisons: (n) => (perComparison === null ? null : { low: roundUsd(perComparison.low * n), high: roundUsd(perComparison.high * n) })
    })
    const report: ForecastReport = {
      ...forecast,
      seed: FORECAST_SEED,
      budgetsSource: request.budgets !== undefined ? "--forecast-budgets" : prepared.settings.maxComparisons !== undefined ? "--max-comparisons" : "cj_default_cap",
      usdPerComparison: perComparison
    }
    return report
  })

/** The forecast as a progress step: a few seconds of simulation for a large batch. */
export const runForecast = (prepared: PreparedRun, request: ForecastRequest) =>
  Progress.use((progress) => progress.step(`Forecast reliability per comparison budget (sandbox judge, ${FORECAST_RUNS} runs each)`, forecastForRun(prepared, request)))
