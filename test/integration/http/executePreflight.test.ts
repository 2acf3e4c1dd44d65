/**
 * A failing CJ preflight publishes nothing and uploads nothing: `eng5 run execute`'s program
 * against real HTTP CJ and Content Service fakes on loopback (Kafka is an in-memory fake).
 */
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer } from "effect"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { adminAuthFromEnv } from "../../../src/auth/adminAuthEnv.js"
import { buildInfo } from "../../../src/buildInfo.js"
import { isEng5Failure } from "../../../src/errors.js"
import { TOPICS } from "../../../src/domain/platform.js"
import { cjAdminHttp } from "../../../src/layers/CjAdminHttp.js"
import { contentStoreHttp } from "../../../src/layers/ContentStoreHttp.js"
import { FOLLOW_DEFAULTS } from "../../../src/programs/collect.js"
import { executeProgram } from "../../../src/programs/execute.js"
import type { RunOptions } from "../../../src/programs/runSettings.js"
import { PostRunHooks } from "../../../src/services/PostRunHooks.js"
import { testRunOptions } from "../../support/assets.js"
import { type FakeCj, startCjService, UNKNOWN_ASSIGNMENT } from "../../support/fakeCjService.js"
import { fakeKafka } from "../../support/fakeKafkaBus.js"
import { quietBase } from "../../support/fakeLayers.js"
import { type FakeContentService, startContentService } from "../../support/httpServers.js"

const SECRET = "preflight-secret"
const READY = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01"
const NO_PROMPT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e02"
const NO_ANCHORS = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e03"

let cj: FakeCj
let content: FakeContentService
beforeAll(async () => {
  cj = await startCjService({ secret: SECRET })
  content = await startContentService()
  const base = { gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", instructionsText: "Write." }
  cj.assignments.set(READY, { ...base, assignmentId: READY, studentPromptStorageId: "p".repeat(32) })
  cj.assignments.set(NO_PROMPT, { ...base, assignmentId: NO_PROMPT, studentPromptStorageId: null })
  cj.assignments.set(NO_ANCHORS, { ...base, assignmentId: NO_ANCHORS, studentPromptStorageId: "p".repeat(32) })
  cj.anchors.push({ id: 1, assignmentId: READY, label: "anchor_A1", grade: "A", gradeScale: "eng5_np_legacy_9_step", storageId: "d".repeat(32) })
})
afterAll(async () => {
  await Promise.all([cj.close(), content.close()])
})
beforeEach(() => {
  cj.behaviour.errorStyle = "structured"
  content.requests.length = 0
})

const execute = (run: Partial<RunOptions>, env: Record<string, string> = { JWT_SECRET_KEY: SECRET }) => {
  const kafka = fakeKafka({ [TOPICS.request]: 1, [TOPICS.comparisonResult]: 1, [TOPICS.completed]: 1, [TOPICS.resultPublished]: 1, [TOPICS.failed]: 1 })
  const layer = Layer.mergeAll(
    quietBase,
    kafka.layer,
    PostRunHooks.none,
    cjAdminHttp({ baseUrl: cj.url, retry: { maxAttempts: 2, baseDelayMillis: 5, maxDelayMillis: 10 } }).pipe(Layer.provide(adminAuthFromEnv(env))),
    contentStoreHttp({ endpoint: content.endpoint })
  )
  const options: RunOptions = testRunOptions({ contentServiceUrl: content.endpoint, ...run })
  const program = executeProgram(
    { run: options, publish: true, kafkaClientId: "eng5-test", awaitCompletion: false, follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 10_000 }, upload: { concurrency: 4, forceReupload: false, verifyContent: false } },
    buildInfo()
  )
  return Effect.map(Effect.exit(Effect.provide(program, layer)), (exit) => ({ exit, published: kafka.published.length }))
}

const failureOf = (exit: Exit.Exit<unknown, unknown>) => {
  if (Exit.isSuccess(exit)) throw new Error("execute succeeded")
  const error = Cause.squash(exit.cause)
  if (!isEng5Failure(error)) throw new Error(`not an eng5 failure: ${String(error)}`)
  return error
}

describe("execute preflight over HTTP", () => {
  it.live.each([
    ["an unknown assignment", { assignmentId: UNKNOWN_ASSIGNMENT }, "AssignmentNotFound"],
    ["no student prompt in CJ", { assignmentId: NO_PROMPT }, "PreflightFailed"],
    ["no anchors in CJ", { assignmentId: NO_ANCHORS }, "PreflightFailed"],
    ["an expected-scale mismatch", { assignmentId: READY, expectedGradeScale: "swedish_8_anchor" }, "PreflightFailed"]
  ] as const)("%s: exit 2, nothing uploaded, nothing published", ([, run, tag]) =>
    Effect.gen(function* () {
      const { exit, published } = yield* execute(run)
      const failure = failureOf(exit)
      assert.strictEqual(failure._tag, tag)
      assert.strictEqual(failure.exitCode, 2)
      assert.strictEqual(published, 0)
      assert.strictEqual(content.requests.length, 0)
    })
  )

  it.live("a refused token behind production CJ's catch-all 500: exit 2, nothing uploaded, nothing published", () =>
    Effect.gen(function* () {
      cj.behaviour.errorStyle = "catch-all"
      const { exit, published } = yield* execute({ assignmentId: READY }, { JWT_SECRET_KEY: "wrong-secret" })
      assert.strictEqual(failureOf(exit)._tag, "CjCatchAllError")
      assert.strictEqual(failureOf(exit).exitCode, 2)
      assert.strictEqual(published, 0)
      assert.strictEqual(content.requests.length, 0)
    })
  )

  it.live("the same setup with a ready assignment uploads and publishes (the harness can succeed)", () =>
    Effect.gen(function* () {
      const { exit, published } = yield* execute({ assignmentId: READY })
      assert.isTrue(Exit.isSuccess(exit), String(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""))
      assert.strictEqual(published, 1)
      assert.strictEqual(content.requests.filter((r) => r.method === "POST").length, 3)
    })
  )
})
