import { assert, describe, it } from "@effect/vitest"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { resolveRunSettings, type RunOptions } from "../../src/programs/runSettings.js"
import { tempDir, testRunOptions } from "../support/assets.js"

const options: RunOptions = testRunOptions({ assets: "examples/eng5", outputDir: "out" })

const rejection = (overrides: Partial<RunOptions>) =>
  resolveRunSettings({ ...options, ...overrides }).pipe(Effect.flip)

describe("run settings", () => {
  it.effect("normalises codes and mints a fresh batch uuid per run", () =>
    Effect.gen(function* () {
      const first = yield* resolveRunSettings({ ...options, courseCode: " eng6 ", language: "SV" })
      const second = yield* resolveRunSettings(options)
      assert.strictEqual(first.courseCode, "ENG6")
      assert.strictEqual(first.language, "sv")
      assert.notStrictEqual(first.batchUuid, second.batchUuid)
    }))

  it.effect("keeps an explicit batch uuid, lower-cased", () =>
    Effect.gen(function* () {
      const settings = yield* resolveRunSettings({ ...options, batchUuid: "3F1C2D4E-5A6B-4C7D-8E9F-0A1B2C3D4E5F" })
      assert.strictEqual(settings.batchUuid, "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
    }))

  it.effect.each([
    [{ maxComparisons: 1 }, "--max-comparisons", "at least 2"],
    [{ batchUuid: "not-a-uuid" }, "--batch-uuid", "UUID"],
    [{ assignmentId: "eng5-role-models-2025" }, "--assignment-id", "UUID"],
    [{ courseCode: "ENG9" }, "--course-code", "ENG5, ENG6, ENG7, SV1, SV2, SV3"],
    [{ language: "de" }, "--language", "en, sv"],
    [{ batchLabel: "  " }, "--batch-id", "label"],
    [{ expectedGradeScale: "eng5_np_legacy_9_step" }, "--expected-grade-scale", "--assignment-id"],
    [{ llmTemperature: 2.5 }, "--llm-temperature", "0 to 2"],
    [{ llmModel: "gpt-9" }, "--llm-model", "claude-haiku-4-5-20251001"],
    [{ llmProvider: "cohere" }, "--llm-provider", "openai"],
    [{ llmProvider: "mock", llmModel: "gpt-5.1" }, "--llm-model", "(no models)"],
    [{ llmModel: "gpt-5.1", llmMaxTokens: 100000 }, "--llm-max-tokens", "16384"],
    [{ llmBatchingMode: "turbo" }, "--llm-batching-mode", "serial_bundle"],
    [{ systemPromptFile: "/nonexistent/prompt.txt" }, "--system-prompt", "existing"],
    [{ usdPer1kInput: 0.002 }, "--usd-per-1k-output", "--usd-per-1k-input 0.00125 --usd-per-1k-output 0.01"],
    [{ usdPer1kOutput: 0.01 }, "--usd-per-1k-input", "ENG5_USD_PER_1K_INPUT"]
  ] as const)("rejects %o naming %s", ([overrides, flag, fixText]) =>
    Effect.gen(function* () {
      const error = yield* rejection(overrides)
      assert.strictEqual(error._tag, "InvalidFlag")
      assert.strictEqual(error.exitCode, 2)
      assert.include(`${error.message} ${error.fix}`, flag)
      assert.include(error.fix, fixText)
    }))

  it.effect("infers the provider from the model id (the old runner assumed anthropic)", () =>
    Effect.gen(function* () {
      const settings = yield* resolveRunSettings({ ...options, llmModel: "gpt-5.1" })
      assert.strictEqual(settings.llm.provider, "openai")
      assert.strictEqual(settings.llm.model, "gpt-5.1")
    }))

  it.effect("reads prompt files and refuses empty ones", () =>
    Effect.gen(function* () {
      const dir = tempDir()
      writeFileSync(join(dir, "system.txt"), "  Judge carefully.  \n")
      writeFileSync(join(dir, "empty.txt"), "\n \n")
      const settings = yield* resolveRunSettings({ ...options, systemPromptFile: join(dir, "system.txt") })
      assert.strictEqual(settings.llm.systemPrompt, "Judge carefully.")
      const error = yield* rejection({ rubricFile: join(dir, "empty.txt") })
      assert.include(error.message, "is empty")
    }))

  it.effect("sends no system prompt without --system-prompt, so CJ uses its own", () =>
    Effect.gen(function* () {
      const settings = yield* resolveRunSettings(options)
      assert.isUndefined(settings.llm.systemPrompt)
    }))
})
