import type { CostEstimate, Range } from "../domain/costEstimate.js"
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
    "CJ may stop early once its scores are stable, so the actual cost can fall below this range; see README \"Cost estimate\"."
  ].join("\n")

/** One line: the estimate beside what the run cost. */
export const renderEstimateBesideActual = (estimate: CostEstimate | null, actualUsd: number): string =>
  estimate === null ? `Cost: ${dollars(actualUsd)}` : `Cost: ${dollars(actualUsd)} (estimated before the run: ${usdRange(estimate.usd)})`
