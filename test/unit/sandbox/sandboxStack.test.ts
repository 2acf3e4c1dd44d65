import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { composeRequest } from "../../../src/domain/composeRequest.js"
import { GRADE_SCALES } from "../../../src/domain/gradeScales.js"
import { TOPICS } from "../../../src/domain/platform.js"
import { collectInventory } from "../../../src/inventory/collectInventory.js"
import { sandboxStack } from "../../../src/layers/sandbox/sandboxStack.js"
import { CjAdmin } from "../../../src/services/CjAdmin.js"
import { ContentStore } from "../../../src/services/ContentStore.js"
import { KafkaBus } from "../../../src/services/KafkaBus.js"
import { RunLog } from "../../../src/services/RunLog.js"
import { makeAssets } from "../../support/assets.js"

const scale = GRADE_SCALES.eng5_np_legacy_9_step!
const assets = makeAssets()
const inventory = collectInventory({ assetsDir: assets, gradeScale: scale })
const stack = (knobs: { failBatch?: boolean; duplicateRate?: number } = {}) =>
  Layer.unwrap(Effect.map(inventory, (i) => sandboxStack({ seed: 7, gradeScale: scale, anchors: i.anchors, instructionsText: "Write.", deliveryMs: 0, ...knobs }))).pipe(
    Layer.provide(RunLog.discard)
  )
const followed = [TOPICS.comparisonResult, TOPICS.completed, TOPICS.resultPublished, TOPICS.failed]

/** Uploads the students, publishes a request, and reads what the simulated CJ answers until it ends the batch. */
const runBatch = Effect.gen(function* () {
  const { students } = yield* inventory
  const content = yield* ContentStore
  const bus = yield* KafkaBus
  const essays = yield* Effect.forEach(students, (s) => Effect.map(content.upload(s.text), (id) => ({ essay_id: s.essayId, text_storage_id: id, spellcheck_metrics: null })))
  const batchUuid = "11111111-2222-4333-8444-555555555555"
  const start = yield* bus.endOffsets(followed)
  const request = composeRequest({
    eventId: "6d60fa6e-0000-4000-8000-000000000001",
    batchUuid,
    correlationId: "97de1776-0000-4000-8000-000000000002",
    now: new Date(),
    assignmentId: "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e",
    essays,
    language: "en",
    courseCode: "ENG5",
    userId: "tester",
    orgId: null,
    llmOverrides: null,
    runnerMode: "execute",
    batchLabel: "sandbox-test"
  })
  yield* bus.publish({ topic: TOPICS.request, key: batchUuid, value: JSON.stringify(request) })
  const records = yield* bus.records(start).pipe(
    Stream.takeUntil((r) => r.topic === TOPICS.resultPublished || r.topic === TOPICS.failed),
    Stream.runCollect
  )
  return Array.from(records)
})

describe("sandbox stack", () => {
  it.effect("answers a published request through the platform's topics", () =>
    Effect.gen(function* () {
      const records = yield* runBatch
      const callbacks = records.filter((r) => r.topic === TOPICS.comparisonResult)
      assert.isAbove(callbacks.length, 0)
      assert.strictEqual(records.filter((r) => r.topic === TOPICS.completed).length, 1)
      const result = JSON.parse(records.at(-1)?.value ?? "{}")
      assert.strictEqual(result.data.batch_id, "11111111-2222-4333-8444-555555555555")
      const studentResults = result.data.essay_results.filter((e: { is_anchor: boolean }) => !e.is_anchor)
      assert.strictEqual(studentResults.length, 3)
      const callback = JSON.parse(callbacks[0]?.value ?? "{}")
      assert.strictEqual(callback.data.request_metadata.bos_batch_id, "11111111-2222-4333-8444-555555555555")
    }).pipe(Effect.provide(stack())))

  it.effect("fails the batch on the failure topic when asked to", () =>
    Effect.gen(function* () {
      const records = yield* runBatch
      assert.strictEqual(records.at(-1)?.topic, TOPICS.failed)
      assert.isFalse(records.some((r) => r.topic === TOPICS.completed))
    }).pipe(Effect.provide(stack({ failBatch: true }))))

  it.effect("holds the local anchors as CJ's anchors, with file-name grades", () =>
    Effect.gen(function* () {
      const summary = yield* CjAdmin.use((cj) => cj.getAnchorSummary("0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"))
      assert.strictEqual(summary.anchorCount, 3)
      assert.deepStrictEqual(summary.anchors.map((a) => a.grade).sort(), ["A", "B", "E-"])
    }).pipe(Effect.provide(stack())))
})
