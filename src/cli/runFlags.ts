import { Flags } from "@oclif/core"
import { DEFAULT_BATCH_LABEL, DEFAULT_USER_ID } from "../domain/platform.js"
import type { RunOptions } from "../programs/runSettings.js"
import { optionalIntegerFlag, optionalNumberFlag } from "./flagValues.js"
import { essayLimitFlags, toEssayLimits } from "./essayLimitFlags.js"
import { cjServiceUrlFlag, contentServiceUrlFlag } from "./serviceFlags.js"

/** Flags shared by every run mode (plan, dry-run, execute and plugin modes). */
export const runFlags = {
  assets: Flags.string({
    description: "Dataset folder: instructions .md, anchor_essays/, student_essays/, optional anchors CSV.",
    env: "ENG5_ASSETS",
    required: true,
    helpGroup: "INPUT"
  }),
  instructions: Flags.string({ description: "Instructions markdown file (default: the one found in --assets).", helpGroup: "INPUT" }),
  "anchor-dir": Flags.string({ description: "Anchor essays folder (default: <assets>/anchor_essays).", env: "ENG5_ANCHOR_DIR_OVERRIDE", helpGroup: "INPUT" }),
  "student-dir": Flags.string({ description: "Student essays folder (default: <assets>/student_essays).", helpGroup: "INPUT" }),
  ...essayLimitFlags,
  "output-dir": Flags.string({ description: "Where run folders are created.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs", helpGroup: "OUTPUT" }),
  "batch-id": Flags.string({ description: "Human label of the batch (the canonical id is --batch-uuid).", default: DEFAULT_BATCH_LABEL, helpGroup: "BATCH" }),
  "batch-uuid": Flags.string({ description: "Canonical batch UUID (default: a fresh v4 UUID per run).", helpGroup: "BATCH" }),
  "assignment-id": Flags.string({ description: "CJ assignment UUID; CJ then owns the grade scale, prompt and anchors.", helpGroup: "BATCH" }),
  "course-id": Flags.string({ description: "Course UUID recorded in the artefact.", helpGroup: "BATCH" }),
  "expected-grade-scale": Flags.string({ description: "Fail unless CJ's grade scale for the assignment is this one.", helpGroup: "BATCH" }),
  "user-id": Flags.string({ description: "user_id sent to CJ.", default: DEFAULT_USER_ID, helpGroup: "BATCH" }),
  "org-id": Flags.string({ description: "org_id sent to CJ.", helpGroup: "BATCH" }),
  "course-code": Flags.string({ description: "ENG5, ENG6, ENG7, SV1, SV2 or SV3.", default: "ENG5", helpGroup: "BATCH" }),
  language: Flags.string({ description: "en or sv.", default: "en", helpGroup: "BATCH" }),
  "max-comparisons": optionalIntegerFlag({ description: "Comparison budget hint for CJ (at least 2); nothing is sliced locally.", min: 2, unit: "of comparisons", example: 60, helpGroup: "BATCH" }),
  "llm-provider": Flags.string({ description: "anthropic, openai, google, openrouter or mock.", helpGroup: "LLM" }),
  "llm-model": Flags.string({ description: "Model id from the model manifest (`eng5 models` lists them).", helpGroup: "LLM" }),
  "llm-temperature": Flags.string({ description: "Temperature 0–2 (0 is sent as 0).", helpGroup: "LLM" }),
  "llm-max-tokens": optionalIntegerFlag({ description: "Maximum output tokens per comparison.", min: 1, unit: "of tokens", example: 2000, helpGroup: "LLM" }),
  "system-prompt": Flags.string({
    description: "Path of a text file sent as CJ's system prompt (system_prompt_override). Without it no override is sent and CJ uses its own default prompt.",
    helpValue: "FILE",
    helpGroup: "LLM"
  }),
  rubric: Flags.string({ description: "File whose text is sent as the judge rubric.", helpGroup: "LLM" }),
  "llm-batching-mode": Flags.string({ description: "Batching hint: per_request, serial_bundle or provider_batch_api.", helpGroup: "LLM" }),
  "usd-per-1k-input": optionalNumberFlag({
    description: "Your price in US dollars per 1,000 prompt tokens, with --usd-per-1k-output: for a model the manifest has no price for (CJ's default gpt-5.1) or prices at $0. Used by the cost estimate, --max-cost-usd, the forecast and the summary; recorded in the artefact as user-supplied.",
    min: 0,
    exclusiveMin: true,
    unit: "of US dollars",
    example: 0.00125,
    env: "ENG5_USD_PER_1K_INPUT",
    helpGroup: "LLM"
  }),
  "usd-per-1k-output": optionalNumberFlag({
    description: "Your price in US dollars per 1,000 completion tokens, with --usd-per-1k-input.",
    min: 0,
    exclusiveMin: true,
    unit: "of US dollars",
    example: 0.01,
    env: "ENG5_USD_PER_1K_OUTPUT",
    helpGroup: "LLM"
  }),
  "content-service-url": contentServiceUrlFlag,
  "cj-service-url": cjServiceUrlFlag
}

type RunFlagValues = {
  readonly assets: string
  readonly instructions?: string | undefined
  readonly "anchor-dir"?: string | undefined
  readonly "student-dir"?: string | undefined
  readonly "max-file-mb": number
  readonly "max-text-chars": number
  readonly "max-docx-xml-mb": number
  readonly "output-dir": string
  readonly "batch-id": string
  readonly "batch-uuid"?: string | undefined
  readonly "assignment-id"?: string | undefined
  readonly "course-id"?: string | undefined
  readonly "expected-grade-scale"?: string | undefined
  readonly "user-id": string
  readonly "org-id"?: string | undefined
  readonly "course-code": string
  readonly language: string
  readonly "max-comparisons"?: number | undefined
  readonly "llm-provider"?: string | undefined
  readonly "llm-model"?: string | undefined
  readonly "llm-temperature"?: string | undefined
  readonly "llm-max-tokens"?: number | undefined
  readonly "system-prompt"?: string | undefined
  readonly rubric?: string | undefined
  readonly "llm-batching-mode"?: string | undefined
  readonly "usd-per-1k-input"?: number | undefined
  readonly "usd-per-1k-output"?: number | undefined
  readonly "content-service-url": string
}

const defined = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/** Flag values → program options. The temperature stays a string until here so "0" is kept. */
export const toRunOptions = (flags: RunFlagValues): RunOptions => ({
  assets: flags.assets,
  outputDir: flags["output-dir"],
  batchLabel: flags["batch-id"],
  userId: flags["user-id"],
  courseCode: flags["course-code"],
  language: flags.language,
  contentServiceUrl: flags["content-service-url"],
  essayLimits: toEssayLimits(flags),
  ...defined("instructions", flags.instructions),
  ...defined("anchorDir", flags["anchor-dir"]),
  ...defined("studentDir", flags["student-dir"]),
  ...defined("batchUuid", flags["batch-uuid"]),
  ...defined("assignmentId", flags["assignment-id"]),
  ...defined("courseId", flags["course-id"]),
  ...defined("expectedGradeScale", flags["expected-grade-scale"]),
  ...defined("orgId", flags["org-id"]),
  ...defined("maxComparisons", flags["max-comparisons"]),
  ...defined("llmProvider", flags["llm-provider"]),
  ...defined("llmModel", flags["llm-model"]),
  ...defined("llmTemperature", flags["llm-temperature"] === undefined ? undefined : Number(flags["llm-temperature"])),
  ...defined("llmMaxTokens", flags["llm-max-tokens"]),
  ...defined("systemPromptFile", flags["system-prompt"]),
  ...defined("rubricFile", flags.rubric),
  ...defined("llmBatchingMode", flags["llm-batching-mode"]),
  ...defined("usdPer1kInput", flags["usd-per-1k-input"]),
  ...defined("usdPer1kOutput", flags["usd-per-1k-output"])
})
