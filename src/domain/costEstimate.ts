import { Schema } from "effect"
import { defaultModelOf, isLlmProvider, lookupModel, type ModelInfo } from "./modelManifest.js"

/**
 * CJ's comparison cap when the request carries no `max_comparisons` (MAX_PAIRWISE_COMPARISONS in
 * the CJ service's settings). CJ takes the smaller of its cap and the hint.
 */
export const CJ_DEFAULT_MAX_COMPARISONS = 120
/** CJ's own model when the request names none (contracts §6). */
export const CJ_DEFAULT_LLM = { provider: "openai", model: "gpt-5.1" } as const

/** Characters per token: about 4 for English prose; the range runs from 4.5 (plain English) to 3 (Swedish, markup). */
const CHARS_PER_TOKEN = { fewest: 4.5, most: 3 } as const
/** CJ wraps the pair in its own template (headings, the answer schema): tokens eng5 cannot see. */
const TEMPLATE_TOKENS = { low: 150, high: 600 } as const
/** The likely prompt: about 4 characters per token of English, plus the middle of CJ's template band (what the sandbox bills). */
export const likelyPromptTokens = (characters: number): number => Math.ceil(characters / 4) + (TEMPLATE_TOKENS.low + TEMPLATE_TOKENS.high) / 2
/** A verdict with a short justification; models that reason bill their hidden reasoning as output too. */
const COMPLETION_TOKENS = { plain: { low: 40, high: 300 }, reasoning: { low: 200, high: 4000 } } as const

export const ESTIMATOR =
  "comparisons = --max-comparisons or CJ's default cap (120); prompt tokens per comparison = (system prompt + rubric + instructions + two essays of mean length) in characters ÷ 4.5 … ÷ 3, plus 150–600 tokens of CJ's template; completion tokens 40–300 per comparison (200–4000 for reasoning models), capped by --llm-max-tokens; prices from --usd-per-1k-input/--usd-per-1k-output when given, else the model manifest (a missing or $0 price is unknown)"

/** Where the prices came from: the user's flags (or .env) or the shipped model manifest. */
const PRICE_SOURCES = ["user_supplied", "model_manifest"] as const
export const Prices = Schema.Struct({
  source: Schema.Literals(PRICE_SOURCES),
  usd_per_1k_input: Schema.Number,
  usd_per_1k_output: Schema.Number
})
export type Prices = typeof Prices.Type

/** --usd-per-1k-input and --usd-per-1k-output (or ENG5_USD_PER_1K_INPUT/OUTPUT): the user's price of the model. */
export interface UserPrices {
  readonly usdPer1kInput: number
  readonly usdPer1kOutput: number
}

/** A price of zero or none is unknown: the manifest prices some preview models at $0, and they are not free. */
const knownPrice = (usd: number | null | undefined): number | null => (usd !== null && usd !== undefined && usd > 0 ? usd : null)

/** The prices a batch is costed at: the user's when given, else the manifest's when both are known; null when unknown. */
const pricesFor = (info: ModelInfo | undefined, user: UserPrices | undefined): Prices | null => {
  if (user !== undefined) return { source: "user_supplied", usd_per_1k_input: user.usdPer1kInput, usd_per_1k_output: user.usdPer1kOutput }
  const input = knownPrice(info?.cost_per_1k_input_tokens)
  const output = knownPrice(info?.cost_per_1k_output_tokens)
  return input === null || output === null ? null : { source: "model_manifest", usd_per_1k_input: input, usd_per_1k_output: output }
}

/** Tokens priced per 1,000. */
const usdAt = (prices: Prices, promptTokens: number, completionTokens: number): number =>
  (prices.usd_per_1k_input * promptTokens + prices.usd_per_1k_output * completionTokens) / 1000

export const PRICE_FLAGS_FIX = "Pass your prices with --usd-per-1k-input N --usd-per-1k-output N (or ENG5_USD_PER_1K_INPUT/ENG5_USD_PER_1K_OUTPUT in .env)"

const Range = Schema.Struct({ low: Schema.Number, high: Schema.Number })
export type Range = typeof Range.Type

export const CostEstimateLine = Schema.Struct({
  provider: Schema.String,
  model: Schema.String,
  comparisons: Range,
  prompt_tokens: Range,
  completion_tokens: Range,
  /** Null when the model manifest has no prices for the model. */
  usd: Schema.NullOr(Range),
  note: Schema.optionalKey(Schema.String)
})
export type CostEstimateLine = typeof CostEstimateLine.Type

/** The price range of a batch before it runs (eng5's addition under the artefact's `costs`). */
export const CostEstimate = Schema.Struct({
  estimator: Schema.String,
  comparisons_source: Schema.Literals(["--max-comparisons", "cj_default_cap"]),
  lines: Schema.Array(CostEstimateLine),
  usd: Schema.NullOr(Range),
  /** The prices used, and whether the user supplied them; null when unknown. Absent in artefacts of older eng5. */
  prices: Schema.optionalKey(Schema.NullOr(Prices))
})
export type CostEstimate = typeof CostEstimate.Type

export interface CostEstimateInput {
  /** Characters of every essay CJ may compare (anchors and students). */
  readonly essayCharacters: ReadonlyArray<number>
  /** Characters sent with every comparison besides the essays: system prompt, rubric, instructions. */
  readonly fixedCharacters: number
  readonly maxComparisons?: number | undefined
  readonly provider?: string | undefined
  readonly model?: string | undefined
  readonly maxTokens?: number | undefined
  readonly userPrices?: UserPrices | undefined
}

interface ResolvedModel {
  readonly provider: string
  readonly modelId: string
  readonly info: ModelInfo | undefined
}

/** The model CJ will use: the one named, a provider's default, or CJ's own default. */
export const modelForEstimate = (provider: string | undefined, model: string | undefined): ResolvedModel => {
  const named = provider?.toLowerCase()
  const modelId = model ?? (named === undefined ? CJ_DEFAULT_LLM.model : isLlmProvider(named) ? defaultModelOf(named) : undefined)
  if (modelId === undefined) return { provider: named ?? CJ_DEFAULT_LLM.provider, modelId: "(provider default)", info: undefined }
  const found = lookupModel(modelId, named ?? (model === undefined ? CJ_DEFAULT_LLM.provider : undefined))
  return found._tag === "Found"
    ? { provider: found.provider, modelId, info: found.model }
    : { provider: named ?? CJ_DEFAULT_LLM.provider, modelId, info: undefined }
}

const mean = (values: ReadonlyArray<number>): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length)

const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6

/** Pure: the batch's tokens and price as a range, per model (a batch uses one). */
export const estimateCost = (input: CostEstimateInput): CostEstimate => {
  const hinted = input.maxComparisons !== undefined && Number.isInteger(input.maxComparisons) && input.maxComparisons >= 1
  const comparisons = hinted ? (input.maxComparisons as number) : CJ_DEFAULT_MAX_COMPARISONS
  const promptCharacters = input.fixedCharacters + 2 * mean(input.essayCharacters)
  const perPrompt = {
    low: Math.floor(promptCharacters / CHARS_PER_TOKEN.fewest) + TEMPLATE_TOKENS.low,
    high: Math.ceil(promptCharacters / CHARS_PER_TOKEN.most) + TEMPLATE_TOKENS.high
  }
  const model = modelForEstimate(input.provider, input.model)
  const reasoning = model.info?.uses_max_completion_tokens === true
  const band = reasoning ? COMPLETION_TOKENS.reasoning : COMPLETION_TOKENS.plain
  const cap = input.maxTokens ?? Number.POSITIVE_INFINITY
  const perCompletion = { low: Math.min(band.low, cap), high: Math.min(band.high, cap) }
  const promptTokens = { low: perPrompt.low * comparisons, high: perPrompt.high * comparisons }
  const completionTokens = { low: perCompletion.low * comparisons, high: perCompletion.high * comparisons }
  const prices = pricesFor(model.info, input.userPrices)
  const usd =
    prices === null
      ? null
      : { low: roundUsd(usdAt(prices, promptTokens.low, completionTokens.low)), high: roundUsd(usdAt(prices, promptTokens.high, completionTokens.high)) }
  const zeroPriced = model.info !== undefined && (model.info.cost_per_1k_input_tokens === 0 || model.info.cost_per_1k_output_tokens === 0)
  const note =
    prices?.source === "user_supplied"
      ? `your prices: $${prices.usd_per_1k_input}/1k prompt, $${prices.usd_per_1k_output}/1k completion tokens`
      : prices !== null
        ? undefined
        : model.info === undefined
          ? `${model.modelId} is not in the model manifest: no prices`
          : zeroPriced
            ? `the model manifest prices ${model.modelId} at $0, taken as unknown`
            : `the model manifest has no prices for ${model.modelId}`
  const line: CostEstimateLine = {
    provider: model.provider,
    model: model.modelId,
    comparisons: { low: comparisons, high: comparisons },
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    usd,
    ...(note === undefined ? {} : { note })
  }
  return { estimator: ESTIMATOR, comparisons_source: hinted ? "--max-comparisons" : "cj_default_cap", lines: [line], usd, prices }
}

/**
 * The batch's tokens at the user's prices, when the user supplied them: the platform reports
 * what its own manifest prices (nothing, for a model it has no price for).
 */
export const usdAtUserPrices = (estimate: CostEstimate | undefined | null, buckets: ReadonlyArray<{ readonly prompt_tokens: number; readonly completion_tokens: number }>): number | null => {
  const prices = estimate?.prices
  if (prices === undefined || prices === null || prices.source !== "user_supplied") return null
  return roundUsd(buckets.reduce((sum, bucket) => sum + usdAt(prices, bucket.prompt_tokens, bucket.completion_tokens), 0))
}

/** A run's cost as shown to the user: at their prices when they gave them, else what the platform reported. */
export interface ShownCost {
  readonly usd: number
  readonly atUserPrices: boolean
}

/** The artefact's `costs` as the user should see them: the platform reports $0 for a model its manifest does not price. */
export const shownCost = (costs: { readonly total_usd: number; readonly total_usd_at_user_prices?: number | undefined }): ShownCost =>
  costs.total_usd_at_user_prices === undefined ? { usd: costs.total_usd, atUserPrices: false } : { usd: costs.total_usd_at_user_prices, atUserPrices: true }
