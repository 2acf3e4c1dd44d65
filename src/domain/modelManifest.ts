import manifestJson from "../data/model-manifest.json" with { type: "json" }
import { LLM_PROVIDERS, type LlmProvider } from "./platform.js"

export interface ModelInfo {
  readonly model_id: string
  readonly display_name: string
  readonly max_tokens: number
  readonly context_window: number
  readonly supports_temperature: boolean
  readonly uses_max_completion_tokens: boolean
  readonly release_date: string | null
  readonly is_deprecated: boolean
  readonly cost_per_1k_input_tokens: number | null
  readonly cost_per_1k_output_tokens: number | null
}

interface ProviderInfo {
  readonly default_model: string | null
  readonly models: ReadonlyArray<ModelInfo>
}

const providers: Readonly<Record<string, ProviderInfo>> = manifestJson.providers

export const modelsOf = (provider: LlmProvider): ReadonlyArray<ModelInfo> => providers[provider]?.models ?? []

export const isLlmProvider = (value: string): value is LlmProvider =>
  (LLM_PROVIDERS as ReadonlyArray<string>).includes(value)

export type ModelLookup =
  | { readonly _tag: "Found"; readonly provider: LlmProvider; readonly model: ModelInfo }
  | { readonly _tag: "UnknownProvider"; readonly provider: string }
  | { readonly _tag: "UnknownModel"; readonly provider: LlmProvider | undefined; readonly modelId: string }
  | { readonly _tag: "Ambiguous"; readonly modelId: string; readonly providers: ReadonlyArray<LlmProvider> }

/**
 * Finds a model in the shipped manifest. Without a provider the model id decides it,
 * so `--llm-model gpt-5.1` alone resolves to openai (the old runner assumed anthropic).
 */
export const lookupModel = (modelId: string, provider: string | undefined): ModelLookup => {
  if (provider !== undefined) {
    if (!isLlmProvider(provider)) return { _tag: "UnknownProvider", provider }
    const model = modelsOf(provider).find((m) => m.model_id === modelId)
    return model === undefined ? { _tag: "UnknownModel", provider, modelId } : { _tag: "Found", provider, model }
  }
  const owners = LLM_PROVIDERS.filter((p) => modelsOf(p).some((m) => m.model_id === modelId))
  const [owner] = owners
  if (owner === undefined) return { _tag: "UnknownModel", provider: undefined, modelId }
  if (owners.length > 1) return { _tag: "Ambiguous", modelId, providers: owners }
  const model = modelsOf(owner).find((m) => m.model_id === modelId)
  return model === undefined ? { _tag: "UnknownModel", provider: owner, modelId } : { _tag: "Found", provider: owner, model }
}

export const listModels = (provider?: LlmProvider): string =>
  (provider === undefined ? LLM_PROVIDERS : [provider])
    .map((p) => `${p}: ${modelsOf(p).map((m) => m.model_id).join(", ") || "(no models)"}`)
    .join("\n")

export const costOf = (model: ModelInfo, promptTokens: number, completionTokens: number): number =>
  ((model.cost_per_1k_input_tokens ?? 0) * promptTokens + (model.cost_per_1k_output_tokens ?? 0) * completionTokens) / 1000

/** The provider's default model in the manifest, or undefined when it has none. */
export const defaultModelOf = (provider: LlmProvider): string | undefined => providers[provider]?.default_model ?? undefined
