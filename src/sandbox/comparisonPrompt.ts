import { createHash } from "node:crypto"

/**
 * The text the simulated CJ would send its judge for one pair. Its SHA-256 is the callback's
 * `prompt_sha256`, and its length drives the token estimate, so two runs with the same
 * inputs agree on both. The layout is the sandbox's own; the platform's prompt differs.
 */
export interface PromptParts {
  readonly systemPrompt: string
  readonly rubric: string | null
  readonly essayAText: string
  readonly essayBText: string
}

export const renderComparisonPrompt = (parts: PromptParts): string =>
  [
    parts.systemPrompt,
    ...(parts.rubric === null ? [] : ["## Assessment Rubric", parts.rubric]),
    "## Essay A",
    parts.essayAText,
    "## Essay B",
    parts.essayBText
  ].join("\n\n")

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/** About four characters per token, the usual rule of thumb for English. */
export const estimatePromptTokens = (prompt: string): number => Math.ceil(prompt.length / 4)
