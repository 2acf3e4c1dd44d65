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
/** A verdict with a short justification; models that reason bill their hidden reasoning as output too. */
const COMPLETION_TOKENS = { plain: { low: 40, high: 300 }, reasoning: { low: 200, high: 4000 } } as const

export const ESTIMATOR =
  "comparisons = --max-comparisons or CJ's default cap (120); prompt tokens per comparison = (system prompt + rubric + instructions + two essays of mean length) in characters ÷ 4.5 … ÷ 3, plus 150–600 tokens of CJ's template; completion tokens 40–300 per comparison (200–4000 for reasoning models), capped by --llm-max-tokens"

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
  usd: Schema.NullOr(Range)
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
  const inPrice = model.info?.cost_per_1k_input_tokens ?? null
  const outPrice = model.info?.cost_per_1k_output_tokens ?? null
  const usd =
    inPrice === null || outPrice === null
      ? null
      : {
          low: roundUsd((inPrice * promptTokens.low + outPrice * completionTokens.low) / 1000),
          high: roundUsd((inPrice * promptTokens.high + outPrice * completionTokens.high) / 1000)
        }
  const note =
    model.info === undefined
      ? `${model.modelId} is not in the model manifest: no prices`
      : usd === null
        ? `the model manifest has no prices for ${model.modelId}`
        : undefined
  const line: CostEstimateLine = {
    provider: model.provider,
    model: model.modelId,
    comparisons: { low: comparisons, high: comparisons },
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    usd,
    ...(note === undefined ? {} : { note })
  }
  return { estimator: ESTIMATOR, comparisons_source: hinted ? "--max-comparisons" : "cj_default_cap", lines: [line], usd }
}
