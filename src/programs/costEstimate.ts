import { type CostEstimate, estimateCost } from "../domain/costEstimate.js"
import type { PreparedRun } from "./prepareRun.js"

/** The estimate for a prepared run: every essay CJ may pair, and the text sent with each pair. */
export const estimateForRun = (prepared: PreparedRun): CostEstimate => {
  const { settings, inventory } = prepared
  return estimateCost({
    essayCharacters: [...inventory.anchors, ...inventory.students].map((essay) => essay.text.length),
    fixedCharacters: (settings.llm.systemPrompt?.length ?? 0) + (settings.llm.rubric?.length ?? 0) + (inventory.instructions?.content.length ?? 0),
    maxComparisons: settings.maxComparisons,
    provider: settings.llm.provider,
    model: settings.llm.model,
    maxTokens: settings.llm.maxTokens,
    userPrices: settings.userPrices
  })
}
