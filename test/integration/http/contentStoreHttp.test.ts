/** The Content Service layer against a real HTTP server on loopback (contracts §4) and its misbehaviour. */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { contentStoreHttp } from "../../../src/layers/ContentStoreHttp.js"
import { ContentStore } from "../../../src/services/ContentStore.js"
import { observeRetries, withCorrelationId } from "../../../src/services/HttpContext.js"
import { calm, type FakeContentService, startContentService } from "../../support/httpServers.js"

const QUICK_RETRY = { maxAttempts: 4, baseDelayMillis: 5, maxDelayMillis: 20 }
let content: FakeContentService

beforeAll(async () => {
  content = await startContentService()
})
afterAll(() => content.close())
beforeEach(() => content.reset(1))

const withStore = <A, E>(effect: Effect.Effect<A, E, ContentStore>) =>
  Effect.provide(effect, contentStoreHttp({ endpoint: content.endpoint, connections: 4, timeoutMillis: 300, retry: QUICK_RETRY }))
const upload = (text: string) => ContentStore.use((s) => s.upload(text))
const exists = (id: string) => ContentStore.use((s) => s.exists(id))

describe("Content Service over HTTP", () => {
  it.live("uploads extracted text as octet-stream and answers existence checks", () =>
    Effect.gen(function* () {
      const id = yield* withStore(withCorrelationId("9c0ffee0-1111-4222-8333-444455556666")(upload("Åsa's essay, in UTF-8.")))
      assert.match(id, /^[0-9a-f]{32}$/)
      assert.strictEqual(content.stored.get(id), "Åsa's essay, in UTF-8.")
      const [post] = content.requests
      assert.strictEqual(post?.headers["content-type"], "application/octet-stream")
      assert.strictEqual(post?.headers["x-correlation-id"], "9c0ffee0-1111-4222-8333-444455556666")
      assert.isTrue(yield* withStore(exists(id)))
      assert.isFalse(yield* withStore(exists("e".repeat(32))))
      assert.strictEqual(content.requests.at(-1)?.method, "HEAD")
    }))

  it.live("asks with GET when HEAD is not supported, and never asks about an id that cannot exist", () =>
    Effect.gen(function* () {
      const id = yield* withStore(upload("text"))
      content.behaviour.headUnsupported = true
      content.requests.length = 0
      assert.isTrue(yield* withStore(exists(id)))
      assert.deepStrictEqual(content.requests.map((r) => r.method), ["HEAD", "GET"])
      assert.isFalse(yield* withStore(exists("not-a-storage-id")))
      assert.strictEqual(content.requests.length, 2)
    }))

  it.live("retries 503 bursts, resets and timeouts, and counts the retries", () =>
    Effect.gen(function* () {
      content.misbehaviour = { ...calm(), resets: 1, statusBurst: { status: 503, count: 1 }, slowNext: { count: 1, millis: 1_000 } }
      let retries = 0
      const id = yield* withStore(observeRetries(() => Effect.sync(() => void (retries += 1)))(upload("retried text")))
      assert.strictEqual(content.stored.get(id), "retried text")
      assert.strictEqual(retries, 3)
      assert.strictEqual(content.uploadsOfText.get("retried text"), 1)
    }))

  it.live("never retries a 4xx", () =>
    Effect.gen(function* () {
      content.behaviour.rejectAfterStored = 0
      const error = yield* Effect.flip(withStore(upload("refused")))
      assert.strictEqual(error._tag, "ServiceFailure")
      assert.include(error.message, "HTTP 400")
      assert.strictEqual(content.requests.length, 1)
    }))

  it.live("rejects a 201 whose JSON is malformed or has no storage_id", () =>
    Effect.gen(function* () {
      content.misbehaviour = { ...calm(), malformed: 1 }
      const error = yield* Effect.flip(withStore(upload("half an answer")))
      assert.strictEqual(error._tag, "ServiceFailure")
      assert.include(error.message, "without a storage_id")
      assert.include(error.fix, "--content-service-url")
    }))

  it.live("reports a service that keeps failing with its last status", () =>
    Effect.gen(function* () {
      content.misbehaviour = { ...calm(), statusBurst: { status: 502, count: 10 } }
      const error = yield* Effect.flip(withStore(upload("never stored")))
      assert.include(error.message, "HTTP 502")
      assert.strictEqual(content.requests.length, QUICK_RETRY.maxAttempts)
    }))
})
