import { randomUUID } from "node:crypto"
import { appendFileSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { TOPICS } from "../../src/domain/platform.js"
import { RunInterrupted } from "../../src/errors.js"
import { FOLLOW_DEFAULTS, type FollowSettings, followBatch } from "../../src/programs/collect.js"
import { artefactNow, newRecording, replayRecording, saveArtefact } from "../../src/programs/runRecording.js"
import { EVENT_FILES } from "../../src/runFolder/eventLog.js"
import { OFFSETS_FILE, readOffsets } from "../../src/runFolder/runState.js"
import { KafkaBus } from "../../src/services/KafkaBus.js"
import { Progress } from "../../src/services/Progress.js"
import { RunLog } from "../../src/services/RunLog.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { stubArtefact } from "../support/artefacts.js"
import { tempDir } from "../support/assets.js"
import { comparisonCallback, completionEvent, failureEvent, resultEvent } from "../support/cjEvents.js"
import { fakeKafka } from "../support/fakeKafkaBus.js"
import { recordingProgress } from "../support/recordingProgress.js"

const FOLLOWED = { [TOPICS.comparisonResult]: 3, [TOPICS.completed]: 1, [TOPICS.resultPublished]: 1, [TOPICS.failed]: 1, [TOPICS.request]: 1 }
const SCALE = "eng5_np_legacy_9_step"
const settings = (overrides: Partial<FollowSettings> = {}): FollowSettings => ({ ...FOLLOW_DEFAULTS, completionTimeoutMs: 20_000, ...overrides })

interface LogLine {
  readonly level: string
  readonly event: string
  readonly fields: Readonly<Record<string, unknown>>
}

/** A run under test: fake Kafka, a run folder, and the log lines the program wrote. */
const setup = Effect.fnUntraced(function* (lagMs: Readonly<Record<string, number>> = {}) {
  const batch = randomUUID()
  const correlation = randomUUID()
  const folder = tempDir("eng5-collect-")
  const kafka = fakeKafka(FOLLOWED, lagMs)
  // history from before this run: must never be read
  kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "old", essayB: "older", requestId: "history" }))
  kafka.produce(TOPICS.completed, completionEvent(batch, correlation, []))
  const logs: LogLine[] = []
  const layer = Layer.mergeAll(
    kafka.layer,
    Progress.silent,
    Layer.succeed(RunLog, { log: (level, event, fields = {}) => Effect.sync(() => void logs.push({ level, event, fields })), attach: (f) => Effect.succeed(join(f, "logs")) })
  )
  const start = yield* Effect.provide(
    KafkaBus.use((bus) => bus.endOffsets([TOPICS.comparisonResult, TOPICS.completed, TOPICS.resultPublished, TOPICS.failed])),
    kafka.layer
  )
  const recording = newRecording(folder, batch, SCALE, stubArtefact(batch), start)
  yield* Effect.provide(saveArtefact(recording, { outcome: "not_followed", partial: false, timeoutSeconds: 0, failureReason: null }), layer)
  const lines = (file: string) => readFileSync(join(folder, file), "utf8").trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l))
  return { batch, correlation, folder, kafka, logs, layer, start, recording, lines }
})

/**
 * Waits in real time until `check` holds (a read that throws counts as not yet): the collector
 * writes in the background, so the run folder may trail the test clock.
 */
const onDisk = (check: () => boolean) =>
  TestClock.withLive(
    Effect.gen(function* () {
      for (let waited = 0; waited < 10_000; waited += 10) {
        const holds = (() => {
          try {
            return check()
          } catch {
            return false
          }
        })()
        if (holds) return
        yield* Effect.sleep("10 millis")
      }
      return yield* Effect.die(new Error("the run folder never reached the state the test waits for"))
    })
  )
/** Runs `follow` once `stored` holds, and checks that it is still following a second before `limitMs` and done at it. */
const endsAtLimit = <A, E>(follow: Effect.Effect<A, E>, stored: () => boolean, limitMs: number) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.forkChild(follow)
    yield* onDisk(stored)
    yield* TestClock.adjust(limitMs - 1_000)
    assert.isUndefined(fiber.pollUnsafe())
    yield* TestClock.adjust("1 second")
    return yield* Fiber.join(fiber)
  })
const artefactOf = (recording: { readonly artefactPath: string }) => JSON.parse(readFileSync(recording.artefactPath, "utf8"))

describe("following a batch (collector, fake Kafka)", () => {
  it.live("stores and applies this batch's events only, counts duplicates and poison messages, and ends on completion + result", () =>
    Effect.gen(function* () {
      const { batch, correlation, kafka, layer, recording, lines, logs, folder } = yield* setup()
      kafka.onPublish = () => {
        kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "ANCHOR_1_aaaaaaaa", essayB: "s1", winner: "Essay B", requestId: "r1" }), 1)
        kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: randomUUID(), essayA: "x", essayB: "y" }), 2)
        kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "ANCHOR_1_aaaaaaaa", essayB: "s1", requestId: "r1" }), 1)
        kafka.produce(TOPICS.comparisonResult, "{this is not json", 0)
        kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "s1", essayB: "s2", promptHash: null }), 0)
        kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "s1", essayB: "s2", error: { code: "LLM_PROVIDER_TIMEOUT", message: "timed out" } }), 2)
        kafka.produce(TOPICS.completed, completionEvent(randomUUID(), correlation, []))
        kafka.produce(TOPICS.resultPublished, resultEvent(batch, correlation, [{ essayId: "s1", grade: "B", rank: 1, bt: 1.2 }, { essayId: "s2", grade: "C+", rank: 2, bt: -0.3 }]))
        kafka.produce(TOPICS.completed, completionEvent(batch, correlation, ["s1", "s2"]))
      }
      yield* Effect.provide(KafkaBus.use((bus) => bus.publish({ topic: TOPICS.request, key: batch, value: "{}" })), layer)
      const result = yield* Effect.provide(followBatch(recording, settings()), layer)

      assert.deepStrictEqual(result.outcome, { _tag: "Completed" })
      const comparisons = lines(EVENT_FILES.comparison)
      assert.deepStrictEqual(comparisons.map((l) => l.event.data.request_id).slice(0, 2), ["r1", "r1"])
      assert.strictEqual(comparisons.length, 3)
      assert.isTrue(comparisons.every((l) => l.event.data.request_metadata.bos_batch_id === batch))
      assert.strictEqual(lines(EVENT_FILES.invalid).length, 2)
      assert.strictEqual(lines(EVENT_FILES.completion).length, 1)
      assert.strictEqual(lines(EVENT_FILES.result).length, 1)
      assert.include(lines(EVENT_FILES.invalid)[0].sample, "{this is not json")

      const artefact = JSON.parse(readFileSync(recording.artefactPath, "utf8"))
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.deepStrictEqual(artefact.validation.runner_status.observed_events, {
        llm_comparisons: 2,
        duplicate_comparisons: 1,
        invalid_events: 2,
        assessment_results: 1,
        completions: 1,
        failures: 0,
        failed_comparisons: 1
      })
      assert.strictEqual(artefact.validation.runner_status.outcome, "completed")
      // The finished artefact carries CJ's SEs and the reliability; a save while following leaves that work out.
      assert.isTrue(artefact.bt_summary.every((e: { standard_error_available?: boolean }) => e.standard_error_available === true))
      assert.isObject(artefact.reliability)
      const following = yield* Effect.provide(artefactNow(recording, { outcome: "following", partial: false, timeoutSeconds: 0, failureReason: null }), layer)
      assert.isUndefined(following.reliability)
      assert.isTrue(following.bt_summary.every((e) => e.standard_error_available !== true))
      assert.strictEqual(artefact.validation.runner_status.partial_data, false)
      assert.deepStrictEqual(artefact.bt_summary.map((e: { essay_id: string; comparison_count: number }) => [e.essay_id, e.comparison_count]), [["s1", 1], ["s2", 0]])
      assert.deepStrictEqual(artefact.validation.manifest.map((m: { path: string }) => m.path), [
        EVENT_FILES.result,
        EVENT_FILES.comparison,
        EVENT_FILES.completion,
        EVENT_FILES.invalid,
        OFFSETS_FILE
      ].sort())
      assert.isTrue(logs.some((l) => l.event === "event_invalid" && String(l.fields["sample"]).includes("{this is not json")))
      assert.isTrue(logs.some((l) => l.event === "comparison_duplicate" && l.fields["request_id"] === "r1"))
      const saved = yield* readOffsets(folder)
      assert.deepStrictEqual(saved?.[TOPICS.comparisonResult], { "0": "3", "1": "2", "2": "2" })
    })
  )

  it.live("reads the callbacks already on their topic before finishing, when the completion overtakes them", () =>
    Effect.gen(function* () {
      const { batch, correlation, kafka, layer, recording } = yield* setup({ [TOPICS.comparisonResult]: 300 })
      for (let i = 0; i < 20; i++) kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: `s${i}` }), i % 3)
      kafka.produce(TOPICS.resultPublished, resultEvent(batch, correlation, [{ essayId: "s1", grade: "B", rank: 1, bt: 0.2 }]))
      kafka.produce(TOPICS.completed, completionEvent(batch, correlation, ["s1"]))
      const result = yield* Effect.provide(followBatch(recording, settings()), layer)
      assert.deepStrictEqual(result.outcome, { _tag: "Completed" })
      assert.strictEqual(recording.hydrator.comparisonCount, 20)
    })
  )

  it.live("ends at once on CJ's failure event with CJ's reason", () =>
    Effect.gen(function* () {
      const { batch, correlation, kafka, layer, recording } = yield* setup()
      kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: "s1" }))
      kafka.produce(TOPICS.failed, failureEvent(batch, correlation, "Success rate 0% below the 50% threshold"))
      const result = yield* Effect.provide(followBatch(recording, settings()), layer)
      assert.deepStrictEqual(result.outcome, { _tag: "BatchFailed", reason: "CJ_INSUFFICIENT_COMPARISONS: Success rate 0% below the 50% threshold" })
      const status = JSON.parse(readFileSync(recording.artefactPath, "utf8")).validation.runner_status
      assert.strictEqual(status.outcome, "batch_failed")
      assert.include(status.failure_reason, "Success rate 0%")
    })
  )

  it.effect("times out with partial data at the completion timeout, keeping everything received", () =>
    Effect.gen(function* () {
      const { batch, kafka, layer, recording, lines } = yield* setup()
      kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: "s1" }))
      const follow = Effect.provide(followBatch(recording, settings({ completionTimeoutMs: 60_000 })), layer)
      const result = yield* endsAtLimit(follow, () => lines(EVENT_FILES.comparison).length === 1, 60_000)
      assert.strictEqual(result.outcome._tag, "TimedOut")
      const artefact = JSON.parse(readFileSync(recording.artefactPath, "utf8"))
      assert.strictEqual(artefact.validation.runner_status.partial_data, true)
      assert.strictEqual(artefact.validation.runner_status.outcome, "timed_out")
      assert.strictEqual(artefact.validation.runner_status.timeout_seconds, 60)
      assert.strictEqual(artefact.llm_comparisons.length, 1)
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
    })
  )

  it.effect("says why a batch may have gone quiet: nothing at all after a minute, then comparisons that stopped; and names the cause at the timeout", () =>
    Effect.gen(function* () {
      const { batch, kafka, layer, recording, lines } = yield* setup()
      const progress = recordingProgress()
      const follow = followBatch(recording, settings({ completionTimeoutMs: 300_000, noteEveryMs: 1_000 })).pipe(Effect.provide(progress.layer), Effect.provide(layer))
      const fiber = yield* Effect.forkChild(follow)
      yield* TestClock.adjust("1 second")
      yield* onDisk(() => progress.notes.length > 0)
      yield* TestClock.adjust("58 seconds")
      assert.notInclude(progress.notes.join("\n"), "no comparison has arrived")
      yield* TestClock.adjust("2 seconds")
      const lastNoteSays = (text: string) => () => (progress.notes.at(-1) ?? "").includes(text)
      yield* onDisk(lastNoteSays("no comparison has arrived"))
      kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: "s1" }))
      yield* onDisk(() => lines(EVENT_FILES.comparison).length === 1)
      yield* TestClock.adjust("2 seconds")
      assert.notInclude(progress.notes.at(-1) ?? "", "batch monitor")
      yield* TestClock.adjust("61 seconds")
      yield* onDisk(lastNoteSays("batch monitor"))
      yield* TestClock.adjust("300 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.outcome._tag, "TimedOut")
      assert.include(artefactOf(recording).validation.runner_status.failure_reason, "batch monitor")
    })
  )

  it.effect("keeps the artefact on disk current while following, every saveEveryMs", () =>
    Effect.gen(function* () {
      const { batch, kafka, layer, recording, logs, lines } = yield* setup()
      const savesDone = () => logs.filter((l) => l.event === "follow_progress").length
      // checkpoints far apart, so no checkpoint is still writing when a save is due
      const fiber = yield* Effect.forkChild(Effect.provide(followBatch(recording, settings({ saveEveryMs: 3_000, checkpointEveryMs: 600_000 })), layer))
      for (const comparisons of [1, 2]) {
        kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: `s${comparisons}` }))
        yield* onDisk(() => lines(EVENT_FILES.comparison).length === comparisons)
        yield* TestClock.adjust("2 seconds")
        assert.strictEqual(savesDone(), comparisons - 1)
        yield* TestClock.adjust("1 second")
        // The save runs inside the follow loop and writes to a real disk: wait for it to finish.
        yield* onDisk(() => savesDone() === comparisons)
        yield* onDisk(() => artefactOf(recording).llm_comparisons.length === comparisons)
        const saved = artefactOf(recording)
        assert.strictEqual(saved.validation.runner_status.outcome, "following")
        assert.deepStrictEqual(artefactSchemaErrors(saved), [])
      }
      yield* Fiber.interrupt(fiber)
    })
  )

  it.effect("ends with partial data when the result does not follow the completion within the grace", () =>
    Effect.gen(function* () {
      const { batch, correlation, kafka, layer, recording, lines } = yield* setup()
      kafka.produce(TOPICS.completed, completionEvent(batch, correlation, ["s1"]))
      const follow = Effect.provide(followBatch(recording, settings({ resultGraceMs: 10_000 })), layer)
      const result = yield* endsAtLimit(follow, () => lines(EVENT_FILES.completion).length === 1, 10_000)
      assert.strictEqual(result.outcome._tag, "CompletedWithoutResult")
      const status = JSON.parse(readFileSync(recording.artefactPath, "utf8")).validation.runner_status
      assert.deepStrictEqual([status.outcome, status.partial_data, status.cj_status], ["completed_without_result", true, "completed_successfully"])
    })
  )

  it.effect("on interruption saves everything and fails with the attach command", () =>
    Effect.gen(function* () {
      const { batch, kafka, layer, recording, folder, lines } = yield* setup()
      kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: "s1" }))
      const fiber = yield* Effect.forkChild(Effect.provide(followBatch(recording, settings()), layer))
      yield* onDisk(() => lines(EVENT_FILES.comparison).length === 1)
      yield* Fiber.interrupt(fiber)
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
      assert.instanceOf(error?._tag === "Fail" ? error.error : undefined, RunInterrupted)
      if (error?._tag === "Fail" && error.error instanceof RunInterrupted) assert.include(error.error.fix, `eng5 run attach ${folder}`)
      const artefact = JSON.parse(readFileSync(recording.artefactPath, "utf8"))
      assert.strictEqual(artefact.validation.runner_status.outcome, "interrupted")
      assert.strictEqual(artefact.llm_comparisons.length, 1)
    })
  )

  it.live("attach after a kill: replays the folder, repairs a torn line, resumes without losing or repeating events", () =>
    Effect.gen(function* () {
      const { batch, correlation, kafka, layer, recording, folder, start, lines } = yield* setup()
      for (let i = 0; i < 6; i++) kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: `s${i}`, requestId: `r${i}` }), i % 3)
      yield* Effect.provide(followBatch(recording, settings({ completionTimeoutMs: 400 })), layer)
      // as if killed: the offsets checkpoint lags behind the stored events, and a line was cut short
      writeFileSync(join(folder, OFFSETS_FILE), JSON.stringify({ updated_at: new Date().toISOString(), positions: start }))
      appendFileSync(join(folder, EVENT_FILES.comparison), '{"topic":"huleedu.llm_provider.comparison_result.v1","partition":0,"off')
      for (let i = 6; i < 9; i++) kafka.produce(TOPICS.comparisonResult, comparisonCallback({ batchUuid: batch, essayA: "a1", essayB: `s${i}`, requestId: `r${i}` }), i % 3)
      kafka.produce(TOPICS.completed, completionEvent(batch, correlation, ["s1"]))
      kafka.produce(TOPICS.resultPublished, resultEvent(batch, correlation, [{ essayId: "s1", grade: "B", rank: 1, bt: 0.2 }]))

      const resumed = yield* Effect.provide(replayRecording(folder, batch, SCALE, start), layer)
      assert.strictEqual(resumed.hydrator.comparisonCount, 6)
      const result = yield* Effect.provide(followBatch(resumed, settings()), layer)
      assert.deepStrictEqual(result.outcome, { _tag: "Completed" })
      const ids = lines(EVENT_FILES.comparison).map((l) => l.event.data.request_id)
      assert.deepStrictEqual([...ids].sort(), ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"])
      const artefact = JSON.parse(readFileSync(resumed.artefactPath, "utf8"))
      assert.deepStrictEqual(artefact.llm_comparisons.map((c: { sequence: number }) => c.sequence), [1, 2, 3, 4, 5, 6, 7, 8, 9])
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.strictEqual(kafka.consumers(), 2)
    })
  )
})
