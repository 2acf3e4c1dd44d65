import { createHash, randomUUID } from "node:crypto"
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { buildInfo } from "../../src/buildInfo.js"
import { TOPICS } from "../../src/domain/platform.js"
import { PostRunHookFailed } from "../../src/errors.js"
import { attachProgram } from "../../src/programs/attach.js"
import { executeProgram } from "../../src/programs/execute.js"
import { RunStopped } from "../../src/programs/runStopped.js"
import { EVENT_FILES } from "../../src/runFolder/eventLog.js"
import { runFolderPath } from "../../src/runFolder/runFolder.js"
import { LOCK_FILE } from "../../src/runFolder/runLock.js"
import { PostRunHooks } from "../../src/services/PostRunHooks.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { tempDir } from "../support/assets.js"
import { answerRequest, contractProblems } from "../support/cjScript.js"
import { ANCHORS, ASSIGNMENT, executeOptions, harness, requestOf, runOptions } from "../support/executeHarness.js"

describe("execute (fake CJ, Content Service and Kafka)", () => {
  it.live("uploads, publishes a contract-exact request keyed by the batch, follows the batch and finishes the artefact", () =>
    Effect.gen(function* () {
      const { kafka, content, layer } = harness({ anchors: ANCHORS, duplicates: 2, errorCallbacks: 1, poison: true, noise: true, ending: "complete" })
      const run = runOptions()
      const report = yield* Effect.provide(executeProgram(executeOptions(run), buildInfo()), layer)

      assert.strictEqual(kafka.published.length, 1)
      const [message] = kafka.published
      assert.strictEqual(message?.topic, TOPICS.request)
      assert.strictEqual(message?.key, report.batchUuid)
      assert.deepStrictEqual(contractProblems(message?.key ?? null, message?.value ?? ""), [])
      const request = requestOf(kafka)
      assert.deepStrictEqual(request, JSON.parse(readFileSync(report.requestPath, "utf8")))
      assert.deepStrictEqual(request.data.essays_for_cj.map((e: { text_storage_id: string }) => e.text_storage_id).sort(), content.uploads().sort())
      assert.strictEqual(request.data.assignment_id, ASSIGNMENT)
      // No --system-prompt and no other LLM setting: no overrides at all, so CJ judges with its own prompt.
      assert.strictEqual(request.data.llm_config_overrides, null)
      assert.deepStrictEqual(request.metadata, { runner_mode: "execute", batch_label: "pilot" })
      assert.strictEqual(content.uploads().length, 3)

      assert.strictEqual(report.outcome, "completed")
      assert.strictEqual(report.exitCode, 0)
      assert.deepStrictEqual(report.comparisons, { received: 10, succeeded: 9, failed: 1, duplicates: 2 })
      assert.deepStrictEqual(report.events, { completions: 1, results: 1, failures: 0, invalid: 4 })
      assert.strictEqual(report.gradeProjections.length, 3)
      assert.strictEqual(report.promptHashes.length, 1)
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.strictEqual(artefact.metadata.runner_mode, "execute")
      assert.strictEqual(artefact.llm_comparisons.length, 10)
      const cache = JSON.parse(readFileSync(join(run.outputDir, "content_upload_cache.json"), "utf8"))
      assert.strictEqual(Object.keys(cache.entries).length, 3)
      const state = JSON.parse(readFileSync(join(report.runFolder, "run.json"), "utf8"))
      assert.strictEqual(state.published.topic, TOPICS.request)
      assert.strictEqual(report.htmlReport, join(report.runFolder, "reports", "report.html"))
      assert.include(readFileSync(join(report.runFolder, "reports", "report.html"), "utf8"), report.batchUuid)
    })
  )

  it.live("keeps a large batch's records on disk while following and writes them all into a checksummed artefact", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness({ anchors: ANCHORS, ending: "silence" })
      // Each comparison asked 200 times over (fresh request ids): about 1.3 MB of artefact records, more than stay in memory.
      kafka.onPublish = (message) => {
        const answer = answerRequest(message.value, { anchors: ANCHORS, ending: "complete" })
        for (let round = 0; round < 200; round++) {
          for (const produced of answer.callbacks) {
            const envelope = JSON.parse(produced.value ?? "null")
            envelope.event_id = randomUUID()
            envelope.data.request_id = `${envelope.data.request_id}-${round}`
            kafka.produce(produced.topic, JSON.stringify(envelope), produced.partition ?? 0)
          }
        }
        for (const produced of answer.ending) kafka.produce(produced.topic, produced.value, produced.partition ?? 0)
      }
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions()), buildInfo()), layer)

      assert.strictEqual(report.outcome, "completed")
      assert.deepStrictEqual(report.comparisons, { received: 1800, succeeded: 1800, failed: 0, duplicates: 0 })
      const text = readFileSync(report.artefactPath, "utf8")
      const artefact = JSON.parse(text)
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.isAbove(Buffer.byteLength(text), 1024 * 1024)
      assert.deepStrictEqual(
        artefact.llm_comparisons.map((c: { sequence: number }) => c.sequence),
        Array.from({ length: 1800 }, (_, i) => i + 1)
      )
      const zeroed = text.replace(artefact.validation.artefact_checksum, "0".repeat(64))
      assert.strictEqual(createHash("sha256").update(zeroed).digest("hex"), artefact.validation.artefact_checksum)
      assert.deepStrictEqual(readdirSync(report.runFolder).filter((name) => name.endsWith(".tmp")), [])
    })
  )

  it.live("a run folder that stops taking writes mid-batch ends with exit 1 and the full report, says the batch runs on in CJ, and attach collects the rest", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness({ anchors: ANCHORS, ending: "silence" })
      const run = runOptions()
      let folder = ""
      let callbacks = 0
      kafka.onPublish = (message) => {
        folder = runFolderPath(run.outputDir, "pilot", message.key)
        const answer = answerRequest(message.value, { anchors: ANCHORS, ending: "complete" })
        callbacks = answer.callbacks.length
        const [first, ...rest] = answer.callbacks
        if (first !== undefined) kafka.produce(first.topic, first.value, first.partition ?? 0)
        // Once the first callback is stored, the disk goes away: the run folder is moved aside and a file stands in its place.
        const watch = setInterval(() => {
          if (!existsSync(join(folder, EVENT_FILES.comparison))) return
          clearInterval(watch)
          renameSync(folder, `${folder}.aside`)
          writeFileSync(folder, "")
          for (const produced of [...rest, ...answer.ending]) kafka.produce(produced.topic, produced.value, produced.partition ?? 0)
        }, 5)
      }
      const exit = yield* Effect.exit(Effect.provide(executeProgram(executeOptions(run), buildInfo()), layer))

      assert.strictEqual(kafka.published.length, 1)
      const error = Exit.isFailure(exit) ? exit.cause.reasons.find((reason) => reason._tag === "Fail") : undefined
      const stopped = error?._tag === "Fail" ? error.error : undefined
      assert.instanceOf(stopped, RunStopped)
      if (!(stopped instanceof RunStopped)) return
      const { report } = stopped
      assert.strictEqual(report.error.tag, "RunFolderWriteFailed")
      assert.strictEqual(report.exitCode, 1)
      assert.strictEqual(stopped.exitCode, 1)
      assert.strictEqual(report.outcome, "write_failed")
      assert.include(report.error.message, "the batch is running in CJ")
      assert.include(report.error.fix, `eng5 run attach ${folder}`)
      assert.strictEqual(report.attachCommand, `eng5 run attach ${folder}`)
      assert.isAtLeast(report.comparisons.received, 1)

      // Once the folder takes writes again, attach follows the batch to its end from where execute stopped.
      rmSync(folder)
      renameSync(`${folder}.aside`, folder)
      // Execute could not release its lock while the folder was away. Its process ends there, and
      // attach takes a dead process's lock over; here that process is the test's own, so it goes by hand.
      rmSync(join(folder, LOCK_FILE), { recursive: true })
      const attached = yield* Effect.provide(attachProgram({ target: folder, outputDir: run.outputDir, follow: executeOptions(run).follow }), layer)
      assert.strictEqual(attached.outcome, "completed")
      assert.isAbove(callbacks, 1)
      assert.strictEqual(attached.comparisons.received, callbacks)
      assert.deepStrictEqual(artefactSchemaErrors(JSON.parse(readFileSync(attached.artefactPath, "utf8"))), [])
    })
  )

  it.live("sends the LLM settings exactly: a temperature of 0, prompt files, provider and model", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness({ anchors: ANCHORS, ending: "silence" })
      const dir = tempDir()
      writeFileSync(join(dir, "system.txt"), "  Judge strictly.  \n")
      writeFileSync(join(dir, "rubric.txt"), "Content 50%, language 50%.")
      const run = runOptions({ llmTemperature: 0, llmProvider: "anthropic", llmModel: "claude-haiku-4-5-20251001", llmMaxTokens: 2048, systemPromptFile: join(dir, "system.txt"), rubricFile: join(dir, "rubric.txt"), maxComparisons: 40 })
      yield* Effect.provide(executeProgram(executeOptions(run, { awaitCompletion: false }), buildInfo()), layer)
      const request = requestOf(kafka)
      assert.deepStrictEqual(request.data.llm_config_overrides, {
        model_override: "claude-haiku-4-5-20251001",
        temperature_override: 0,
        max_tokens_override: 2048,
        provider_override: "anthropic",
        system_prompt_override: "Judge strictly.",
        judge_rubric_override: "Content 50%, language 50%.",
        reasoning_effort: null,
        output_verbosity: null
      })
      assert.strictEqual(request.metadata.max_comparisons, 40)
    })
  )

  it.live("sends no overrides at all by default, but keeps a lone temperature of 0 (with no system prompt override)", () =>
    Effect.gen(function* () {
      const bare = harness({ anchors: ANCHORS, ending: "silence" })
      yield* Effect.provide(executeProgram(executeOptions(runOptions(), { awaitCompletion: false }), buildInfo()), bare.layer)
      assert.strictEqual(requestOf(bare.kafka).data.llm_config_overrides, null)
      const zero = harness({ anchors: ANCHORS, ending: "silence" })
      yield* Effect.provide(executeProgram(executeOptions(runOptions({ llmTemperature: 0 }), { awaitCompletion: false }), buildInfo()), zero.layer)
      assert.strictEqual(requestOf(zero.kafka).data.llm_config_overrides.temperature_override, 0)
      assert.strictEqual(requestOf(zero.kafka).data.llm_config_overrides.system_prompt_override, null)
    })
  )

  it.live("publishes nothing and uploads nothing when a preflight fails", () =>
    Effect.gen(function* () {
      const { kafka, content, layer } = harness({ anchors: ANCHORS, ending: "complete" })
      const exit = yield* Effect.exit(Effect.provide(executeProgram(executeOptions(runOptions({ assignmentId: randomUUID() })), buildInfo()), layer))
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(kafka.published.length, 0)
      assert.strictEqual(content.uploads().length, 0)
    })
  )

  it.live("publishes nothing and exits 2 when the artefact cannot be written before publishing", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness({ anchors: ANCHORS, ending: "complete" })
      const run = runOptions({ batchUuid: randomUUID() })
      // A folder where the artefact goes: the run folder takes the request and run.json, not the artefact.
      const artefactPath = join(runFolderPath(run.outputDir, "pilot", run.batchUuid ?? ""), "assessment_run.json")
      mkdirSync(join(artefactPath, "taken"), { recursive: true })
      const error = yield* Effect.flip(Effect.provide(executeProgram(executeOptions(run), buildInfo()), layer))
      assert.strictEqual(kafka.published.length, 0)
      assert.strictEqual(error._tag, "OutputNotWritable")
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, `Could not write ${artefactPath} (`)
    })
  )

  it.live("with --no-kafka uploads and writes the request but publishes nothing", () =>
    Effect.gen(function* () {
      const { kafka, content, layer } = harness({ anchors: ANCHORS, ending: "complete" })
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions(), { publish: false }), buildInfo()), layer)
      assert.strictEqual(kafka.published.length, 0)
      assert.strictEqual(content.uploads().length, 3)
      assert.strictEqual(report.outcome, "not_published")
      assert.isTrue(existsSync(report.requestPath))
      assert.deepStrictEqual(artefactSchemaErrors(JSON.parse(readFileSync(report.artefactPath, "utf8"))), [])
    })
  )

  it.live("without --await-completion publishes, records the start offsets and names the attach command", () =>
    Effect.gen(function* () {
      const { kafka, layer } = harness({ anchors: ANCHORS, ending: "complete" })
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions(), { awaitCompletion: false }), buildInfo()), layer)
      assert.strictEqual(kafka.published.length, 1)
      assert.strictEqual(report.outcome, "not_followed")
      assert.strictEqual(report.exitCode, 0)
      assert.strictEqual(report.attachCommand, `eng5 run attach ${report.runFolder}`)
      const state = JSON.parse(readFileSync(join(report.runFolder, "run.json"), "utf8"))
      assert.deepStrictEqual(Object.keys(state.kafka.start_offsets).sort(), [TOPICS.completed, TOPICS.failed, TOPICS.resultPublished, TOPICS.comparisonResult].sort())
    })
  )

  it.live("runs the post-run hooks after a completed batch, records each outcome, and exits 3 when one fails", () =>
    Effect.gen(function* () {
      const hooks = PostRunHooks.layer([
        { name: "report", run: (context) => Effect.succeed({ outcome: context.outcome, folder: context.runFolder }) },
        { name: "extract", run: () => Effect.fail(new PostRunHookFailed({ hook: "extract", message: "database unreachable", fix: "start it" })) }
      ])
      const { layer } = harness({ anchors: ANCHORS, ending: "complete" }, hooks)
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions()), buildInfo()), layer)
      assert.strictEqual(report.exitCode, 3)
      assert.deepStrictEqual(report.postRun, [
        { hook: "report", status: "succeeded", detail: "ok" },
        { hook: "extract", status: "failed", detail: "database unreachable" }
      ])
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefact.validation.post_run.report.result, { outcome: "completed", folder: report.runFolder })
      assert.strictEqual(artefact.validation.post_run.extract.status, "failed")
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      // The HTML report is drawn from the artefact saved with the hooks' outcomes.
      assert.strictEqual(report.htmlReport, join(report.runFolder, "reports", "report.html"))
    })
  )

  it.live("skips the hooks and exits 1 with CJ's reason when CJ fails the batch", () =>
    Effect.gen(function* () {
      const hooks = PostRunHooks.layer([{ name: "report", run: () => Effect.succeed({}) }])
      const { layer } = harness({ anchors: ANCHORS, ending: "fail" }, hooks)
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions()), buildInfo()), layer)
      assert.strictEqual(report.outcome, "batch_failed")
      assert.strictEqual(report.exitCode, 1)
      assert.include(report.message, "below the 80% threshold")
      assert.deepStrictEqual(report.postRun, [{ hook: "report", status: "skipped", detail: "the batch did not complete (batch_failed)" }])
    })
  )
})
