import { Flags } from "@oclif/core"
import { Eng5Command } from "../cli/Eng5Command.js"
import { table } from "../cli/table.js"
import { type ModelInfo, modelsOf } from "../domain/modelManifest.js"
import { LLM_PROVIDERS } from "../domain/platform.js"

export interface ModelRow {
  readonly provider: string
  readonly modelId: string
  readonly displayName: string
  readonly deprecated: boolean
  readonly usdPer1kInput: number | null
  readonly usdPer1kOutput: number | null
}

const rowOf = (provider: string, model: ModelInfo): ModelRow => ({
  provider,
  modelId: model.model_id,
  displayName: model.display_name,
  deprecated: model.is_deprecated,
  usdPer1kInput: model.cost_per_1k_input_tokens,
  usdPer1kOutput: model.cost_per_1k_output_tokens
})

const usd = (value: number | null) => (value === null ? "–" : `$${value}`)

export default class Models extends Eng5Command {
  static override summary = "List the LLM models --llm-provider and --llm-model accept (eng5's model manifest)."
  static override examples = ["<%= config.bin %> models", "<%= config.bin %> models --provider openai --json"]
  static override flags = {
    provider: Flags.string({ description: "Only this provider's models.", options: [...LLM_PROVIDERS] })
  }

  async run(): Promise<ReadonlyArray<ModelRow>> {
    const { flags } = await this.parse(Models)
    const providers = LLM_PROVIDERS.filter((p) => flags.provider === undefined || p === flags.provider)
    const rows = providers.flatMap((p) => modelsOf(p).map((m) => rowOf(p, m)))
    this.log(
      table(
        ["Provider", "--llm-model", "Name", "USD / 1k in", "USD / 1k out", "Deprecated"],
        rows.map((r) => [r.provider, r.modelId, r.displayName, usd(r.usdPer1kInput), usd(r.usdPer1kOutput), r.deprecated ? "yes" : ""])
      )
    )
    return rows
  }
}
