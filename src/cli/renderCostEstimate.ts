import { type CostEstimate, PRICE_FLAGS_FIX, type Range } from "../domain/costEstimate.js"
import { table } from "./table.js"

const dollars = (usd: number): string => `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`
const tokens = (range: Range): string => `${range.low.toLocaleString("en")}–${range.high.toLocaleString("en")}`
export const usdRange = (range: Range | null): string => (range === null ? "unknown (no prices)" : `${dollars(range.low)}–${dollars(range.high)}`)

/** The estimate as a table, then the line saying how it was made. */
export const renderCostEstimate = (estimate: CostEstimate): string =>
  [
    `Estimated cost (${estimate.comparisons_source === "cj_default_cap" ? "CJ's default cap of comparisons" : "--max-comparisons"}): ${usdRange(estimate.usd)}`,
    table(
      ["Provider", "Model", "Comparisons", "Prompt tokens", "Completion tokens", "USD"],
      estimate.lines.map((l) => [l.provider, l.model, l.comparisons.high, tokens(l.prompt_tokens), tokens(l.completion_tokens), l.note ?? usdRange(l.usd)])
    ),
    ...(estimate.usd === null ? [`${PRICE_FLAGS_FIX}: --max-cost-usd needs them.`] : []),
    "CJ may stop early once its scores are stable, so the actual cost can fall below this range; see README \"Cost estimate\"."
  ].join("\n")

/** One line: what the run cost (and at the user's prices, when given) beside the estimate. */
export const renderEstimateBesideActual = (estimate: CostEstimate | null, actualUsd: number, atUserPricesUsd: number | null = null): string => {
  const prices = estimate?.prices
  const reported = atUserPricesUsd === null || prices === undefined || prices === null ? dollars(actualUsd) : `${dollars(atUserPricesUsd)} at your prices ($${prices.usd_per_1k_input}/1k prompt, $${prices.usd_per_1k_output}/1k completion tokens; the platform reported ${dollars(actualUsd)})`
  return estimate === null ? `Cost: ${reported}` : `Cost: ${reported} (estimated before the run: ${usdRange(estimate.usd)})`
}
