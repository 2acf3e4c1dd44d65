import { Flags } from "@oclif/core"
import type { ForecastRequest } from "../programs/forecastForRun.js"

/** `run plan` and `run dry-run`: the reliability forecast (docs/statistics.md). */
export const forecastFlags = {
  forecast: Flags.boolean({
    description: "Rehearse the batch 20 times per comparison budget with the sandbox's judge and CJ's pairing and estimator; report per budget the SSR CJ will show, the split-half and true reliability, the share of stable grades and the cost, and the smallest budget that reaches --forecast-target.",
    default: false,
    helpGroup: "FORECAST"
  }),
  "forecast-budgets": Flags.string({
    description: "Comma-separated comparison budgets to forecast, e.g. 40,80,120 (default: 1, 2, 3, 4, 6, 8 and 10 comparisons per essay and the run's own budget, stopping once --forecast-target is reached). Implies --forecast.",
    helpValue: "N,N,...",
    helpGroup: "FORECAST"
  }),
  "forecast-target": Flags.string({
    description: "The true reliability to plan for, between 0 and 1 (default 0.8): the forecast names the smallest budget that reaches it and whether CJ's cap allows it. Implies --forecast.",
    helpValue: "R",
    helpGroup: "FORECAST"
  }),
  "forecast-judge-noise": Flags.string({
    description: "Scale of the simulated judge's noise per comparison in logits: 1 is a Bradley–Terry judge, 2 a judge half as consistent (default 1). Implies --forecast.",
    helpGroup: "FORECAST"
  })
}

type ForecastFlagValues = {
  readonly forecast: boolean
  readonly "forecast-budgets"?: string | undefined
  readonly "forecast-target"?: string | undefined
  readonly "forecast-judge-noise"?: string | undefined
}

/** The forecast asked for, or undefined when none of its flags was given. */
export const forecastRequestFrom = (flags: ForecastFlagValues): ForecastRequest | undefined =>
  flags.forecast || flags["forecast-budgets"] !== undefined || flags["forecast-target"] !== undefined || flags["forecast-judge-noise"] !== undefined
    ? { budgets: flags["forecast-budgets"], target: flags["forecast-target"], judgeNoise: flags["forecast-judge-noise"] }
    : undefined
