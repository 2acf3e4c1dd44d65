import type { ForecastReport } from "../programs/forecastForRun.js"
import { usdRange } from "./renderCostEstimate.js"
import { table } from "./table.js"

const share = (value: number | null): string => (value === null ? "n/a (no anchors)" : `${Math.round(value * 100)}%`)

/** The forecast as a table, one row per budget, then what it assumed. */
export const renderForecast = (forecast: ForecastReport): string =>
  [
    `Reliability forecast: ${forecast.students} students, ${forecast.anchors} anchors, ${forecast.runs} simulated runs per budget (seed ${forecast.seed}), judge noise ${forecast.judgeNoise}`,
    table(
      ["Budget", "Comparisons", "SSR (mean)", "SSR 10–90%", "Stable grades", "Estimated cost"],
      forecast.budgets.map((b) => [
        `${b.budget}${b.capRaised ? "*" : ""}`,
        b.meanComparisons.toFixed(0),
        b.ssr.mean.toFixed(2),
        `${b.ssr.low.toFixed(2)}–${b.ssr.high.toFixed(2)}`,
        share(b.stableGradeShare),
        usdRange(b.estimatedCostUsd)
      ])
    ),
    ...(forecast.budgets.some((b) => b.capRaised) ? ["* above CJ's MAX_PAIRWISE_COMPARISONS: simulated as if CJ's cap were raised; CJ itself stops at its cap."] : []),
    "SSR: share of the spread in students' BT scores that is not measurement error (0.8 or more is usual for grading). Stable grades: the chance a student's projected grade comes out the same in two runs.",
    "The judge is simulated (a Bradley–Terry judge on text measures); see README \"Reliability forecast\" for what it cannot know."
  ].join("\n")
