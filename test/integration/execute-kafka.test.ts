/**
 * execute and attach against a real Kafka broker, with CJ played by a responder over Kafka
 * (test/support/cjResponder.ts) and the sandbox's in-memory CJ admin and Content Service.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect, Layer, Stream } from "effect"
import { Kafka, logLevel, Partitioners } from "kafkajs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildInfo } from "../../src/buildInfo.js"
import { TOPICS } from "../../src/domain/platform.js"
import { kafkaBusKafkajs } from "../../src/layers/KafkaBusKafkajs.js"
import { memoryContentStore } from "../../src/layers/sandbox/memoryContentStore.js"
import { attachProgram } from "../../src/programs/attach.js"
import { FOLLOW_DEFAULTS } from "../../src/programs/collect.js"
import { executeOptions } from "../support/executeHarness.js"
import { type ExecuteOptions, executeProgram } from "../../src/programs/execute.js"
import { EVENT_FILES } from "../../src/runFolder/eventLog.js"
import { ContentStore } from "../../src/services/ContentStore.js"
import { KafkaBus, type KafkaRecord } from "../../src/services/KafkaBus.js"
import { PostRunHooks } from "../../src/services/PostRunHooks.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { testRunOptions } from "../support/assets.js"
import { type CjResponder, ensurePlatformTopics, platformProducer, type Script, sleep, startCjResponder } from "../support/cjResponder.js"
import { answerRequest, type Scenario } from "../support/cjScript.js"
import { anchorEssay, fakeCjAdmin, quietBase } from "../support/fakeLayers.js"
import { brokerAvailable, ensureBroker, type KafkaBroker, requireOwnedBroker } from "../support/kafkaBroker.js"

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
const ANCHORS = ["ANCHOR_1_aaaaaaaa", "ANCHOR_2_bbbbbbbb", "ANCHOR_3_cccccccc"]
const cj = fakeCjAdmin(
  [{ assignmentId: ASSIGNMENT, gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", studentPromptStorageId: "p".repeat(32), instructionsText: "Write." }],
  ANCHORS.map((id, i) => anchorEssay(id, ["A", "B", "C"][i] ?? "A"))
)
const content = Layer.succeed(ContentStore, memoryContentStore("http://content.test/v1/content").service)

/** Answers with the scenario: callbacks first, then (after `endingDelayMs`) the ending, and a late result if asked. */
const scripted =
  (scenario: Scenario, pacing: { readonly endingDelayMs?: number; readonly lateResultMs?: number } = {}): Script =>
  async (request, emit) => {
    const answer = answerRequest(request.value, scenario)
    await emit(answer.callbacks)
    await sleep(pacing.endingDelayMs ?? 0)
    await emit(answer.ending)
    if (answer.result !== null && pacing.lateResultMs !== undefined) {
      await sleep(pacing.lateResultMs)
      await emit([answer.result])
    }
  }

const lines = (folder: string, file: string): Array<Record<string, unknown>> => {
  try {
    return readFileSync(join(folder, file), "utf8").trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l))
  } catch {
    return []
  }
}

const options = (overrides: Partial<ExecuteOptions> = {}): ExecuteOptions =>
  executeOptions(testRunOptions({ batchLabel: "kafka-it", contentServiceUrl: "http://content.test/v1/content", assignmentId: ASSIGNMENT, courseId: ASSIGNMENT }), {
    kafkaClientId: "eng5-it",
    follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 30_000, resultGraceMs: 3_000 },
    ...overrides
  })

const liveKafka = (bootstrap: string) => kafkaBusKafkajs({ bootstrap, clientId: "eng5-it" }).pipe(Layer.provideMerge(quietBase))

describe.skipIf(!brokerAvailable())("execute and attach over a real Kafka broker", () => {
  let broker: KafkaBroker
  let responder: CjResponder
  let kafkaLayer: ReturnType<typeof liveKafka>

  const execute = (opts: ExecuteOptions) => Effect.runPromise(Effect.scoped(Effect.provide(executeProgram(opts, buildInfo()), Layer.mergeAll(kafkaLayer, cj, content, PostRunHooks.none))))

  beforeAll(async () => {
    broker = await ensureBroker()
    await ensurePlatformTopics(broker.bootstrap)
    kafkaLayer = liveKafka(broker.bootstrap)
    responder = await startCjResponder(broker.bootstrap, scripted({ anchors: ANCHORS, ending: "complete" }))
  }, 300_000)

  afterAll(async () => {
    await responder?.stop()
    await broker?.stop()
  }, 60_000)

  it("follows a batch to its result: only this batch's events stored, duplicates and poison counted, the request contract-exact", async () => {
    // retained history of the same topics, including a completion for the same label: never replayed
    const history = await platformProducer(broker.bootstrap)
    await history.send(answerRequest(JSON.stringify({ correlation_id: "c", data: { entity_id: "00000000-0000-4000-8000-000000000000", essays_for_cj: [{ essay_id: "old" }] } }), { anchors: ANCHORS, ending: "complete" }).callbacks)
    await history.disconnect()
    responder.answerWith(scripted({ anchors: ANCHORS, duplicates: 3, errorCallbacks: 2, poison: true, noise: true, ending: "complete" }))

    const report = await execute(options())
    const request = responder.requests.find((r) => r.key === report.batchUuid)
    expect(request?.problems).toEqual([])
    expect(report.outcome).toBe("completed")
    expect(report.exitCode).toBe(0)
    expect(report.comparisons).toEqual({ received: 11, succeeded: 9, failed: 2, duplicates: 3 })
    expect(report.events).toEqual({ completions: 1, results: 1, failures: 0, invalid: 4 })
    const stored = lines(report.runFolder, EVENT_FILES.comparison)
    expect(stored).toHaveLength(14)
    expect(stored.every((l) => (l["event"] as { data: { request_metadata: { bos_batch_id: string } } }).data.request_metadata.bos_batch_id === report.batchUuid)).toBe(true)
    const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.llm_comparisons).toHaveLength(11)
    expect(artefact.grade_projections).toHaveLength(6)
  }, 60_000)

  it("ends at once with CJ's reason when CJ publishes a failure event (exit 1)", async () => {
    responder.answerWith(scripted({ anchors: ANCHORS, ending: "fail" }))
    // with a 10-minute completion timeout, only the failure event can end this within the test's time
    const report = await execute(options({ follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 600_000, resultGraceMs: 3_000 } }))
    expect(report.outcome).toBe("batch_failed")
    expect(report.exitCode).toBe(1)
    expect(report.message).toContain("below the 80% threshold")
  }, 60_000)

  it("waits for a result that arrives late, and ends with partial data when it never does (exit 4)", async () => {
    responder.answerWith(scripted({ anchors: ANCHORS, ending: "complete-without-result" }, { lateResultMs: 1_000 }))
    const late = await execute(options())
    expect(late.outcome).toBe("completed")
    expect(late.events.results).toBe(1)

    responder.answerWith(scripted({ anchors: ANCHORS, ending: "complete-without-result" }))
    const never = await execute(options({ follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 30_000, resultGraceMs: 1_000 } }))
    expect(never.outcome).toBe("completed_without_result")
    expect(never.exitCode).toBe(4)
    expect(never.partialData).toBe(true)
    expect(never.comparisons.received).toBe(9)
  }, 60_000)

  it("times out with partial data (exit 4); attach then picks up what arrived later, without duplicates", async () => {
    const { promise: held, resolve: release } = Promise.withResolvers<void>()
    responder.answerWith(async (request, emit) => {
      const answer = answerRequest(request.value, { anchors: ANCHORS, ending: "complete" })
      await emit(answer.callbacks.slice(0, 4))
      await held
      await emit(answer.callbacks.slice(4))
      await emit(answer.ending)
    })
    const timedOut = await execute(options({ follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 4_000, resultGraceMs: 3_000 } }))
    expect(timedOut.outcome).toBe("timed_out")
    expect(timedOut.exitCode).toBe(4)
    expect(timedOut.comparisons.received).toBe(4)
    expect(timedOut.attachCommand).toBe(`eng5 run attach ${timedOut.runFolder}`)
    release()

    const attached = await Effect.runPromise(
      Effect.scoped(
        Effect.provide(attachProgram({ target: timedOut.batchUuid, outputDir: join(timedOut.runFolder, ".."), follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 30_000, resultGraceMs: 3_000 } }), Layer.mergeAll(kafkaLayer, PostRunHooks.none))
      )
    )
    expect(attached.outcome).toBe("completed")
    expect(attached.comparisons.received).toBe(9)
    const ids = lines(timedOut.runFolder, EVENT_FILES.comparison).map((l) => (l["event"] as { data: { request_id: string } }).data.request_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(9)
    expect(artefactSchemaErrors(JSON.parse(readFileSync(attached.artefactPath, "utf8")))).toEqual([])
  }, 90_000)

  it("KafkaBus reads each record once and in order from the given offsets, across a broker restart", async () => {
    const topic = TOPICS.comparisonResult
    const producer = new Kafka({ clientId: "eng5-it-restart", brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 300 } }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1
    })
    await producer.connect()
    const send = (from: number, to: number) =>
      producer.send({ topic, acks: -1, messages: Array.from({ length: to - from }, (_, i) => ({ value: `m${from + i}`, partition: (from + i) % 3 })) })
    await send(0, 50)
    const received: KafkaRecord[] = []
    const consume = Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const bus = yield* KafkaBus
          const start = yield* bus.endOffsets([topic])
          yield* Effect.sync(() => void send(50, 200))
          yield* bus.records(start).pipe(
            Stream.filter((r) => r.value?.startsWith("m") === true),
            Stream.runForEachWhile((record) => Effect.sync(() => received.push(record) < 350))
          )
        }),
        kafkaLayer
      )
    )
    while (received.length < 100) await sleep(50)
    if (requireOwnedBroker(broker)) await broker.restart()
    await send(200, 400)
    await consume
    await producer.disconnect()
    const values = received.map((r) => r.value)
    expect(new Set(values).size).toBe(350)
    expect(values.includes("m0")).toBe(false)
    for (const partition of [0, 1, 2]) {
      const offsets = received.filter((r) => r.partition === partition).map((r) => BigInt(r.offset))
      expect(offsets.every((offset, i) => i === 0 || offset > (offsets[i - 1] ?? -1n))).toBe(true)
    }
  }, 120_000)
})
