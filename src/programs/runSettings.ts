import { randomUUID } from "node:crypto"
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { Effect } from "effect"
import type { LlmSettings } from "../domain/composeRequest.js"
import { findGradeScale, GRADE_SCALES } from "../domain/gradeScales.js"
import { listModels, lookupModel, type ModelInfo } from "../domain/modelManifest.js"
import { COURSE_CODES, type CourseCode, LANGUAGES, type Language, type LlmProvider } from "../domain/platform.js"
import type { EssayLimits } from "../inventory/limits.js"
import { InvalidFlag } from "../errors.js"
import type { UserPrices } from "../domain/costEstimate.js"

/** Run flags as the operator typed them (after env fallbacks). */
export interface RunOptions {
  readonly assets: string
  readonly instructions?: string
  readonly anchorDir?: string
  readonly studentDir?: string
  /** Bounds on each essay; the defaults when absent. */
  readonly essayLimits?: EssayLimits
  readonly outputDir: string
  readonly batchLabel: string
  readonly batchUuid?: string
  readonly assignmentId?: string
  readonly courseId?: string
  readonly expectedGradeScale?: string
  readonly userId: string
  readonly orgId?: string
  readonly courseCode: string
  readonly language: string
  readonly maxComparisons?: number
  readonly llmProvider?: string
  readonly llmModel?: string
  readonly llmTemperature?: number
  readonly llmMaxTokens?: number
  readonly systemPromptFile?: string
  readonly rubricFile?: string
  readonly llmBatchingMode?: string
  /** --usd-per-1k-input / --usd-per-1k-output: the user's prices, given together. */
  readonly usdPer1kInput?: number
  readonly usdPer1kOutput?: number
  readonly contentServiceUrl: string
}

/** Validated settings of one run. */
export interface RunSettings extends RunOptions {
  readonly batchUuid: string
  readonly correlationId: string
  readonly courseCode: CourseCode
  readonly language: Language
  readonly assignmentId?: string
  readonly llm: LlmSettings
  readonly model: { readonly provider: LlmProvider; readonly info: ModelInfo } | null
  /** The user's prices of the model, when given; they take the manifest's place. */
  readonly userPrices?: UserPrices
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
export const LLM_BATCHING_MODES = ["per_request", "serial_bundle", "provider_batch_api"] as const

const invalid = (flag: string, message: string, fix: string) => new InvalidFlag({ flag, message, fix })

const PRICE_FLAGS = { input: "--usd-per-1k-input", output: "--usd-per-1k-output" } as const

/** A price for one kind of token only would leave the other unknown: both or neither. */
const userPricesOf = (options: RunOptions): Effect.Effect<UserPrices | undefined, InvalidFlag> => {
  const { usdPer1kInput: input, usdPer1kOutput: output } = options
  if (input === undefined && output === undefined) return Effect.succeed(undefined)
  if (input === undefined || output === undefined) {
    const [given, missing] = input === undefined ? [PRICE_FLAGS.output, PRICE_FLAGS.input] : [PRICE_FLAGS.input, PRICE_FLAGS.output]
    return Effect.fail(invalid(missing, `${given} was given without ${missing}: a model is priced by both.`, `Pass both, e.g. ${PRICE_FLAGS.input} 0.00125 ${PRICE_FLAGS.output} 0.01 (or set ENG5_USD_PER_1K_INPUT and ENG5_USD_PER_1K_OUTPUT).`))
  }
  return Effect.succeed({ usdPer1kInput: input, usdPer1kOutput: output })
}

const uuidFlag = (flag: string, value: string | undefined) => {
  if (value === undefined) return Effect.succeed(undefined)
  const normalised = value.trim().toLowerCase()
  return UUID_PATTERN.test(normalised)
    ? Effect.succeed(normalised)
    : Effect.fail(invalid(flag, `${flag} "${value}" is not a UUID.`, `Pass a UUID such as 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f to ${flag}.`))
}

const oneOf = <T extends string>(flag: string, value: string, allowed: ReadonlyArray<T>, normalise: (s: string) => string) => {
  const normalised = normalise(value.trim())
  const match = allowed.find((a) => a === normalised)
  return match === undefined
    ? Effect.fail(invalid(flag, `${flag} "${value}" is not supported.`, `Use one of: ${allowed.join(", ")}.`))
    : Effect.succeed(match)
}

const promptFile = (flag: string, path: string | undefined) =>
  path === undefined
    ? Effect.succeed(undefined)
    : Effect.tryPromise({
        try: () => readFile(resolve(path), "utf8"),
        catch: () => invalid(flag, `${flag} file ${resolve(path)} cannot be read.`, `Pass an existing UTF-8 text file to ${flag}.`)
      }).pipe(
        Effect.flatMap((text) =>
          text.trim() === ""
            ? Effect.fail(invalid(flag, `${flag} file ${resolve(path)} is empty.`, `Write the prompt into the file or drop ${flag}.`))
            : Effect.succeed(text.trim())
        )
      )

const resolveModel = (options: RunOptions) => {
  const provider = options.llmProvider?.trim().toLowerCase()
  if (options.llmModel === undefined) {
    if (provider === undefined) return Effect.succeed(null)
    const found = lookupModel("", provider)
    return found._tag === "UnknownProvider"
      ? Effect.fail(invalid("--llm-provider", `--llm-provider "${provider}" is not a provider CJ knows.`, `Use one of the providers listed here:\n${listModels()}`))
      : Effect.succeed(null)
  }
  const found = lookupModel(options.llmModel.trim(), provider)
  switch (found._tag) {
    case "Found":
      return Effect.succeed({ provider: found.provider, info: found.model })
    case "UnknownProvider":
      return Effect.fail(invalid("--llm-provider", `--llm-provider "${found.provider}" is not a provider CJ knows.`, `Use one of:\n${listModels()}`))
    case "Ambiguous":
      return Effect.fail(invalid("--llm-provider", `--llm-model "${found.modelId}" is offered by ${found.providers.join(" and ")}.`, `Add --llm-provider with one of: ${found.providers.join(", ")}.`))
    case "UnknownModel":
      return Effect.fail(
        invalid(
          "--llm-model",
          `--llm-model "${found.modelId}" is not in the model manifest${found.provider === undefined ? "" : ` for provider ${found.provider}`}.`,
          `Use one of these models:\n${listModels(found.provider)}`
        )
      )
  }
}

/** Checks every run flag before anything is read, uploaded or published. */
export const resolveRunSettings = Effect.fnUntraced(function* (options: RunOptions) {
  const batchUuid = (yield* uuidFlag("--batch-uuid", options.batchUuid)) ?? randomUUID()
  const assignmentId = yield* uuidFlag("--assignment-id", options.assignmentId)
  const courseId = yield* uuidFlag("--course-id", options.courseId)
  const courseCode = yield* oneOf("--course-code", options.courseCode, COURSE_CODES, (s) => s.toUpperCase())
  const language = yield* oneOf("--language", options.language, LANGUAGES, (s) => s.toLowerCase())
  if (options.batchLabel.trim() === "") {
    return yield* invalid("--batch-id", "--batch-id is blank.", "Pass a short human label for the batch, e.g. --batch-id pilot-2026-11.")
  }
  if (options.maxComparisons !== undefined && (!Number.isInteger(options.maxComparisons) || options.maxComparisons < 2)) {
    return yield* invalid(
      "--max-comparisons",
      `--max-comparisons ${options.maxComparisons} cannot produce a single anchor × student pair.`,
      "Set --max-comparisons to at least 2, or leave it out to let CJ use its own budget."
    )
  }
  if (options.expectedGradeScale !== undefined) {
    if (assignmentId === undefined) {
      return yield* invalid("--expected-grade-scale", "--expected-grade-scale needs --assignment-id.", "Add --assignment-id so eng5 can compare it with the scale CJ holds, or drop --expected-grade-scale.")
    }
    if (findGradeScale(options.expectedGradeScale) === undefined) {
      return yield* invalid("--expected-grade-scale", `Grade scale "${options.expectedGradeScale}" is not registered.`, `Use one of: ${Object.keys(GRADE_SCALES).join(", ")}.`)
    }
  }
  if (options.llmTemperature !== undefined && !(options.llmTemperature >= 0 && options.llmTemperature <= 2)) {
    return yield* invalid("--llm-temperature", `--llm-temperature ${Number.isNaN(options.llmTemperature) ? "is not a number" : `${options.llmTemperature} is outside 0–2`}.`, "Pass a temperature from 0 to 2.")
  }
  if (options.llmMaxTokens !== undefined && (!Number.isInteger(options.llmMaxTokens) || options.llmMaxTokens < 1)) {
    return yield* invalid("--llm-max-tokens", `--llm-max-tokens ${options.llmMaxTokens} is not a positive whole number.`, "Pass a whole number of tokens, at least 1.")
  }
  const batchingMode =
    options.llmBatchingMode === undefined
      ? undefined
      : yield* oneOf("--llm-batching-mode", options.llmBatchingMode, LLM_BATCHING_MODES, (s) => s.toLowerCase())
  const model = yield* resolveModel(options)
  if (model !== null && options.llmMaxTokens !== undefined && options.llmMaxTokens > model.info.max_tokens) {
    return yield* invalid("--llm-max-tokens", `--llm-max-tokens ${options.llmMaxTokens} exceeds ${model.info.model_id}'s limit of ${model.info.max_tokens}.`, `Pass at most ${model.info.max_tokens}.`)
  }
  // No --system-prompt: no override, so CJ judges with its own default prompt.
  const systemPrompt = yield* promptFile("--system-prompt", options.systemPromptFile)
  const rubricText = yield* promptFile("--rubric", options.rubricFile)
  const llm: LlmSettings = {
    ...(model === null ? {} : { provider: model.provider, model: model.info.model_id }),
    ...(model === null && options.llmProvider !== undefined ? { provider: options.llmProvider.trim().toLowerCase() } : {}),
    ...(options.llmTemperature === undefined ? {} : { temperature: options.llmTemperature }),
    ...(options.llmMaxTokens === undefined ? {} : { maxTokens: options.llmMaxTokens }),
    ...(systemPrompt === undefined ? {} : { systemPrompt }),
    ...(rubricText === undefined ? {} : { rubric: rubricText })
  }
  const userPrices = yield* userPricesOf(options)
  const settings: RunSettings = {
    ...options,
    batchUuid,
    correlationId: randomUUID(),
    courseCode,
    language,
    ...(assignmentId === undefined ? {} : { assignmentId }),
    ...(courseId === undefined ? {} : { courseId }),
    ...(batchingMode === undefined ? {} : { llmBatchingMode: batchingMode }),
    batchLabel: options.batchLabel.trim(),
    llm,
    model,
    ...(userPrices === undefined ? {} : { userPrices })
  }
  return settings
})
