import { createHash } from "node:crypto"
import { likelyPromptTokens } from "../domain/costEstimate.js"

/**
 * The text the simulated CJ would send its judge for one pair. Its SHA-256 is the callback's
 * `prompt_sha256`, and its length drives the token estimate, so two runs with the same
 * inputs agree on both. The layout is the sandbox's own; the platform's prompt differs.
 */
export interface PromptParts {
  readonly systemPrompt: string
  readonly rubric: string | null
  /** The assignment's instructions, which CJ sends with every pair. */
  readonly instructions: string | null
  readonly essayAText: string
  readonly essayBText: string
}

export const renderComparisonPrompt = (parts: PromptParts): string =>
  [
    parts.systemPrompt,
    ...(parts.instructions === null ? [] : ["## Assignment", parts.instructions]),
    ...(parts.rubric === null ? [] : ["## Assessment Rubric", parts.rubric]),
    "## Essay A",
    parts.essayAText,
    "## Essay B",
    parts.essayBText
  ].join("\n\n")

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/**
 * The prompt's tokens as the cost estimate expects them: about four characters per token, plus
 * CJ's own template, which this prompt leaves out. So the sandbox bills what `run plan` priced.
 */
export const estimatePromptTokens = (prompt: string): number => likelyPromptTokens(prompt.length)
