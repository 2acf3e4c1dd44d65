import { Flags } from "@oclif/core"
import type { ForecastRequest } from "../programs/forecastForRun.js"

/** `run plan` and `run dry-run`: the reliability forecast (README "Reliability forecast"). */
export const forecastFlags = {
  forecast: Flags.boolean({
    description: "Simulate the batch 20 times per comparison budget with the sandbox's judge and report the expected SSR, the share of stable grades and the cost per budget.",
    default: false,
    helpGroup: "FORECAST"
  }),
  "forecast-budgets": Flags.string({
    description: "Comma-separated comparison budgets to forecast, e.g. 40,80,120 (default: five steps up to --max-comparisons or CJ's cap of 120). Implies --forecast.",
    helpValue: "N,N,...",
    helpGroup: "FORECAST"
  }),
  "forecast-judge-noise": Flags.string({
    description: "Scale of the simulated judge's noise per comparison in logits: 1 is a Bradley–Terry judge, 2 a judge half as consistent (default 1). Implies --forecast.",
    helpGroup: "FORECAST"
  })
}

type ForecastFlagValues = { readonly forecast: boolean; readonly "forecast-budgets"?: string | undefined; readonly "forecast-judge-noise"?: string | undefined }

/** The forecast asked for, or undefined when none of its flags was given. */
export const forecastRequestFrom = (flags: ForecastFlagValues): ForecastRequest | undefined =>
  flags.forecast || flags["forecast-budgets"] !== undefined || flags["forecast-judge-noise"] !== undefined
    ? { budgets: flags["forecast-budgets"], judgeNoise: flags["forecast-judge-noise"] }
    : undefined
