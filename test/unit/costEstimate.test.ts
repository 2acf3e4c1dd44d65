import { existsSync, readdirSync, readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { buildInfo } from "../../src/buildInfo.js"
import { CJ_DEFAULT_MAX_COMPARISONS, estimateCost } from "../../src/domain/costEstimate.js"
import { TOPICS } from "../../src/domain/platform.js"
import { memoryContentStore } from "../../src/layers/sandbox/memoryContentStore.js"
import { type ExecuteOptions, executeProgram } from "../../src/programs/execute.js"
import { planProgram } from "../../src/programs/plan.js"
import { ContentStore } from "../../src/services/ContentStore.js"
import { PostRunHooks } from "../../src/services/PostRunHooks.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { testRunOptions } from "../support/assets.js"
import { answerRequest } from "../support/cjScript.js"
import { executeOptions } from "../support/executeHarness.js"
import { anchorEssay, fakeCjAdmin, quietBase } from "../support/fakeLayers.js"
import { fakeKafka } from "../support/fakeKafkaBus.js"

describe("estimateCost (hand-computed)", () => {
  it("prices a budgeted batch on a model with prices as a range", () => {
    // Prompt characters 300 + 2 × 600 = 1500: 1500 / 4.5 → 333 + 150 = 483 tokens low, 1500 / 3 = 500 + 600 = 1100 high.
    const estimate = estimateCost({ essayCharacters: [400, 800], fixedCharacters: 300, maxComparisons: 10, model: "claude-haiku-4-5-20251001" })
    const [line] = estimate.lines
    assert.strictEqual(estimate.comparisons_source, "--max-comparisons")
    assert.deepStrictEqual(line?.comparisons, { low: 10, high: 10 })
    assert.deepStrictEqual(line?.prompt_tokens, { low: 4830, high: 11_000 })
    assert.deepStrictEqual(line?.completion_tokens, { low: 400, high: 3000 })
    // $0.001 and $0.005 per 1k: (4.83 + 2) / 1000 and (11 + 15) / 1000.
    assert.deepStrictEqual(estimate.usd, { low: 0.00683, high: 0.026 })
    assert.strictEqual(line?.provider, "anthropic")
  })

  it("uses CJ's default cap without --max-comparisons, and says when the model has no prices instead of showing 0", () => {
    const estimate = estimateCost({ essayCharacters: [1000], fixedCharacters: 0 })
    const [line] = estimate.lines
    assert.strictEqual(estimate.comparisons_source, "cj_default_cap")
    assert.strictEqual(line?.comparisons.high, CJ_DEFAULT_MAX_COMPARISONS)
    assert.strictEqual(line?.model, "gpt-5.1")
    assert.isNull(estimate.usd)
    assert.match(line?.note ?? "", /no prices for gpt-5\.1/)
  })

  it("takes a provider's default model, a reasoning model's wider output band, and --llm-max-tokens as the output cap", () => {
    assert.strictEqual(estimateCost({ essayCharacters: [900], fixedCharacters: 0, provider: "anthropic" }).lines[0]?.model, "claude-haiku-4-5-20251001")
    const reasoning = estimateCost({ essayCharacters: [900], fixedCharacters: 0, maxComparisons: 2, model: "gpt-5-mini-2025-08-07" })
    assert.deepStrictEqual(reasoning.lines[0]?.completion_tokens, { low: 400, high: 8000 })
    const capped = estimateCost({ essayCharacters: [900], fixedCharacters: 0, maxComparisons: 2, model: "gpt-5-mini-2025-08-07", maxTokens: 1000 })
    assert.deepStrictEqual(capped.lines[0]?.completion_tokens, { low: 400, high: 2000 })
  })

  it("takes a model the manifest prices at $0 as unknown, not free", () => {
    const estimate = estimateCost({ essayCharacters: [1000], fixedCharacters: 0, maxComparisons: 10, provider: "google", model: "gemini-2.5-flash-preview-05-20" })
    assert.isNull(estimate.usd)
    assert.isNull(estimate.prices)
    assert.match(estimate.lines[0]?.note ?? "", /at \$0, taken as unknown/)
  })

  it("prices with the user's prices, in place of the manifest's or where it has none, and says they are the user's", () => {
    // gpt-5.1 (a reasoning model) at $0.002 and $0.01 per 1k: 10 comparisons of 483–1100 prompt and 200–4000 completion tokens.
    const estimate = estimateCost({ essayCharacters: [400, 800], fixedCharacters: 300, maxComparisons: 10, userPrices: { usdPer1kInput: 0.002, usdPer1kOutput: 0.01 } })
    assert.deepStrictEqual(estimate.prices, { source: "user_supplied", usd_per_1k_input: 0.002, usd_per_1k_output: 0.01 })
    assert.deepStrictEqual(estimate.usd, { low: 0.02966, high: 0.422 })
    assert.match(estimate.lines[0]?.note ?? "", /your prices/)
    const haiku = estimateCost({ essayCharacters: [400, 800], fixedCharacters: 300, maxComparisons: 10, model: "claude-haiku-4-5-20251001", userPrices: { usdPer1kInput: 0.002, usdPer1kOutput: 0.01 } })
    assert.strictEqual(haiku.prices?.source, "user_supplied")
    assert.strictEqual(estimateCost({ essayCharacters: [400], fixedCharacters: 0, model: "claude-haiku-4-5-20251001" }).prices?.source, "model_manifest")
  })
})

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
const ANCHORS = ["ANCHOR_1_aaaaaaaa", "ANCHOR_2_bbbbbbbb"]
const cj = fakeCjAdmin(
  [{ assignmentId: ASSIGNMENT, gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", studentPromptStorageId: "p".repeat(32), instructionsText: "Write an essay." }],
  ANCHORS.map((id, i) => anchorEssay(id, ["A", "B"][i] ?? "A"))
)

const harness = () => {
  const kafka = fakeKafka({ [TOPICS.request]: 1, [TOPICS.comparisonResult]: 3, [TOPICS.completed]: 1, [TOPICS.resultPublished]: 1, [TOPICS.failed]: 1 })
  kafka.onPublish = (message) => {
    const answer = answerRequest(message.value, { anchors: ANCHORS, ending: "complete" })
    for (const produced of [...answer.callbacks, ...answer.ending]) kafka.produce(produced.topic, produced.value, produced.partition ?? 0)
  }
  const store = memoryContentStore("http://content.test/v1/content")
  return { kafka, uploads: () => [...store.texts().keys()], layer: Layer.mergeAll(quietBase, cj, Layer.succeed(ContentStore, store.service), kafka.layer, PostRunHooks.none) }
}

const execute = ({ model, ...overrides }: Partial<ExecuteOptions> & { readonly model?: string }): ExecuteOptions =>
  executeOptions(testRunOptions({ contentServiceUrl: "http://content.test/v1/content", assignmentId: ASSIGNMENT, maxComparisons: 20, llmModel: model ?? "claude-haiku-4-5-20251001" }), overrides)

describe("--max-cost-usd and the estimate in runs (fake CJ, Content Service and Kafka)", () => {
  it.live("refuses with exit 2 before any upload or publish when the upper end exceeds the limit", () =>
    Effect.gen(function* () {
      const { kafka, uploads, layer } = harness()
      const options = execute({ maxCostUsd: 0.0001 })
      const exit = yield* Effect.exit(Effect.provide(executeProgram(options, buildInfo()), layer))
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail")?.error : undefined
      assert.strictEqual(error?._tag, "CostLimitExceeded")
      assert.strictEqual(error !== undefined && "exitCode" in error ? error.exitCode : undefined, 2)
      assert.match(error?.message ?? "", /more than --max-cost-usd 0\.0001/)
      assert.strictEqual(kafka.published.length, 0)
      assert.strictEqual(uploads().length, 0)
      assert.isFalse(existsSync(options.run.outputDir) && readdirSync(options.run.outputDir).some((name) => name.startsWith("pilot-")))
    })
  )

  it.live("refuses a model without prices, since its cost cannot be bounded", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness()
      const exit = yield* Effect.exit(Effect.provide(executeProgram(execute({ maxCostUsd: 100, model: "gpt-5.1" }), buildInfo()), layer))
      assert.isTrue(Exit.isFailure(exit))
      assert.match(String(Exit.isFailure(exit) ? exit.cause : ""), /openai\/gpt-5\.1 has no known prices/)
      const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail")?.error : undefined
      assert.match(error !== undefined && "fix" in error ? String(error.fix) : "", /--usd-per-1k-input N --usd-per-1k-output N/)
      assert.strictEqual(kafka.published.length, 0)
    })
  )

  it.live("runs under the limit, and the report and the artefact show the estimate beside the actual cost", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness()
      const report = yield* Effect.provide(executeProgram(execute({ maxCostUsd: 5 }), buildInfo()), layer)
      assert.strictEqual(kafka.published.length, 1)
      assert.strictEqual(report.outcome, "completed")
      assert.strictEqual(report.costs.estimate?.lines[0]?.comparisons.high, 20)
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefact.costs.estimate, report.costs.estimate)
      assert.isNumber(artefact.costs.total_usd)
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
    })
  )

  it.live("with the user's prices CJ's unpriced default model can be capped; the summary and the artefact price its tokens at them", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness()
      const base = execute({ maxCostUsd: 100, model: "gpt-5.1" })
      const options = { ...base, run: { ...base.run, usdPer1kInput: 0.002, usdPer1kOutput: 0.01 } }
      const report = yield* Effect.provide(executeProgram(options, buildInfo()), layer)
      assert.strictEqual(kafka.published.length, 1)
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefact.costs.estimate.prices, { source: "user_supplied", usd_per_1k_input: 0.002, usd_per_1k_output: 0.01 })
      const tokens = artefact.costs.token_counts.reduce((sum: { p: number; c: number }, b: { prompt_tokens: number; completion_tokens: number }) => ({ p: sum.p + b.prompt_tokens, c: sum.c + b.completion_tokens }), { p: 0, c: 0 })
      assert.isAbove(tokens.p, 0)
      const expected = Math.round(((0.002 * tokens.p + 0.01 * tokens.c) / 1000) * 1e6) / 1e6
      assert.strictEqual(artefact.costs.total_usd_at_user_prices, expected)
      assert.strictEqual(report.costs.atUserPricesUsd, expected)
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
    })
  )

  it.live("plan reports the estimate for the chosen model", () =>
    Effect.gen(function* () {
      const report = yield* Effect.provide(planProgram(execute({}).run, buildInfo()), Layer.mergeAll(quietBase, cj))
      assert.strictEqual(report.costEstimate.lines[0]?.model, "claude-haiku-4-5-20251001")
      assert.isNotNull(report.costEstimate.usd)
    })
  )
})
