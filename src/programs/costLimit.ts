import { Effect } from "effect"
import { type CostEstimate, PRICE_FLAGS_FIX } from "../domain/costEstimate.js"
import { CostLimitExceeded, InvalidFlag } from "../errors.js"

/** Refuses a batch whose estimate may cost more than `limitUsd`; runs before any upload or publish. */
export const checkCostLimit = (estimate: CostEstimate, limitUsd: number | undefined) => {
  if (limitUsd === undefined) return Effect.void
  if (!Number.isFinite(limitUsd) || limitUsd < 0) {
    return Effect.fail(new InvalidFlag({ flag: "--max-cost-usd", message: `--max-cost-usd ${limitUsd} is not an amount of dollars.`, fix: "Pass a number of US dollars, e.g. --max-cost-usd 5." }))
  }
  const line = estimate.lines[0]
  const model = line === undefined ? "the model" : `${line.provider}/${line.model}`
  if (estimate.usd === null) {
    return Effect.fail(
      new CostLimitExceeded({
        limitUsd,
        estimatedHighUsd: null,
        message: `--max-cost-usd ${limitUsd} cannot be checked: ${model} has no known prices (${line?.note ?? "no prices"}). Nothing was uploaded or published.`,
        fix: `${PRICE_FLAGS_FIX}, or choose a model with prices (--llm-provider/--llm-model; \`eng5 run plan\` shows the estimate).`
      })
    )
  }
  if (estimate.usd.high <= limitUsd) return Effect.void
  const comparisons = line?.comparisons.high ?? 0
  return Effect.fail(
    new CostLimitExceeded({
      limitUsd,
      estimatedHighUsd: estimate.usd.high,
      message: `The batch may cost up to $${estimate.usd.high.toFixed(2)} (estimate $${estimate.usd.low.toFixed(2)}–$${estimate.usd.high.toFixed(2)} for ${comparisons} comparisons with ${model}), more than --max-cost-usd ${limitUsd}. Nothing was uploaded or published.`,
      fix: "Lower --max-comparisons, choose a cheaper model, or raise --max-cost-usd; `eng5 run plan` shows the estimate."
    })
  )
}
