import type { ForecastReport } from "../programs/forecastForRun.js"
import type { Interval } from "../statistics/describe.js"
import { usdRange } from "./renderCostEstimate.js"
import { table } from "./table.js"

const twoPlaces = (value: number): string => value.toFixed(2).replace(/^(-?)0\./, "$1.")

/** "0.71 (.65–.77)": the mean, then the 10th–90th percentiles of the runs. */
export const spread = (value: Interval | null, missing: string): string =>
  value === null ? missing : `${value.mean.toFixed(2)} (${twoPlaces(value.low)}–${twoPlaces(value.high)})`

/** The forecast as a table, one row per budget, then what to do and what it assumed. */
export const renderForecast = (forecast: ForecastReport): string => {
  const { recommendation } = forecast
  return [
    `Reliability forecast: ${forecast.students} students, ${forecast.anchors} anchors, ${forecast.runs} rehearsals per budget (seed ${forecast.seed}), judge noise ${forecast.judgeNoise}`,
    table(
      ["Budget", "/essay", "SSR (CJ)", "Split-half", "True", "Same grade", "Estimated cost"],
      forecast.budgets.map((b) => [
        `${b.comparisons}${b.capRaised ? "*" : ""}`,
        b.comparisonsPerEssay.toFixed(1),
        spread(b.ssr, "n/a"),
        spread(b.splitHalf, "n/a"),
        spread(b.trueReliability, "n/a"),
        spread(b.stableGradeShare, "no anchors"),
        usdRange(b.estimatedCostUsd)
      ])
    ),
    `Target ${recommendation.target}: ${recommendation.advice}`,
    ...(forecast.budgets.some((b) => b.capRaised) ? ["* above CJ's cap of comparisons: rehearsed as if the cap were raised; CJ itself stops at its cap."] : []),
    ...(forecast.budgets.some((b) => b.ssr === null) ? ["SSR n/a: in most rehearsals at that budget CJ's scores cannot support an SSR (too few comparisons link the students; see docs/statistics.md)."] : []),
    "Each cell: mean (10th–90th percentile) over the rehearsals. True: the squared correlation of the scores with the quality the simulated judge went by, what SSR and split-half estimate. Same grade: the share of students two rehearsals grade alike.",
    "The judge is simulated (a Bradley–Terry judge on text measures): docs/statistics.md says what it cannot know."
  ].join("\n")
}
