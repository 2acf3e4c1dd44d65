/**
 * uploadEssays (R7) against a real Content Service fake on loopback: retries under a 30 %
 * 503 rate, the cache written as uploads finish, --force-reupload, --verify-content, a run
 * that fails half-way, and two runs sharing one cache.
 */
import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { contentStoreHttp } from "../../../src/layers/ContentStoreHttp.js"
import { RunLog } from "../../../src/services/RunLog.js"
import { readUploadCache } from "../../../src/upload/uploadCache.js"
import { type EssayToUpload, uploadEssays, type UploadOptions } from "../../../src/upload/uploadEssays.js"
import { tempDir } from "../../support/assets.js"
import { type FakeContentService, seededRandom, startContentService } from "../../support/httpServers.js"
import { recordingProgress } from "../../support/recordingProgress.js"

let content: FakeContentService
beforeAll(async () => {
  content = await startContentService()
})
afterAll(() => content.close())
beforeEach(() => content.reset(7))

const essays = (count: number, prefix = "essay"): EssayToUpload[] =>
  Array.from({ length: count }, (_, i) => {
    const text = `${prefix} ${i}: ${"a summer job teaches responsibility. ".repeat(20)}`
    return { checksum: createHash("sha256").update(`file bytes of ${prefix} ${i}`).digest("hex"), text }
  })

const run = (input: ReadonlyArray<EssayToUpload>, options: Partial<UploadOptions> & { cachePath: string }) => {
  const progress = recordingProgress()
  const layer = Layer.mergeAll(
    contentStoreHttp({ endpoint: content.endpoint, connections: 10, timeoutMillis: 2_000, retry: { maxAttempts: 6, baseDelayMillis: 2, maxDelayMillis: 10 } }),
    progress.layer,
    RunLog.discard
  )
  return uploadEssays(input, { concurrency: 10, forceReupload: false, verifyContent: false, ...options }).pipe(
    Effect.map((summary) => ({ summary, notes: progress.notes })),
    Effect.provide(layer)
  )
}

const cacheOnDisk = (path: string) => Effect.promise(() => readUploadCache(path, content.endpoint)).pipe(Effect.map((read) => read.entries))
const posts = () => content.requests.filter((r) => r.method === "POST").length

describe("uploadEssays", () => {
  it.live("recovers from a 30 % 503 rate with every essay uploaded exactly once and cached once", () =>
    Effect.gen(function* () {
      content.behaviour.failure = { rate: 0.3, maxConsecutive: 3, random: seededRandom(2026) }
      const input = essays(200)
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const { summary, notes } = yield* run(input, { cachePath })
      assert.strictEqual(summary.uploaded, 200)
      assert.isAbove(summary.retries, 20)
      assert.strictEqual(posts(), 200 + summary.retries)
      assert.deepStrictEqual([...new Set(content.uploadsOfText.values())], [1])
      const cache = yield* cacheOnDisk(cachePath)
      assert.strictEqual(cache.size, 200)
      for (const essay of input) assert.strictEqual(content.stored.get(cache.get(essay.checksum) ?? ""), essay.text)
      assert.match(notes.at(-1) ?? "", new RegExp(`^200/200 uploaded · 0 reused from cache · ${summary.retries} retries · [0-9.]+ essays/s$`))

      content.requests.length = 0
      const again = yield* run(input, { cachePath })
      assert.strictEqual(again.summary.reused, 200)
      assert.strictEqual(again.summary.uploaded, 0)
      assert.strictEqual(posts(), 0)
      assert.deepStrictEqual(again.summary.storageIds, summary.storageIds)
    }))

  it.live("keeps every id it got when the service starts refusing half-way", () =>
    Effect.gen(function* () {
      content.behaviour.rejectAfterStored = 7
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const error = yield* Effect.flip(run(essays(20), { cachePath, concurrency: 1 }))
      assert.strictEqual(error._tag, "ServiceFailure")
      const cache = yield* cacheOnDisk(cachePath)
      assert.strictEqual(content.stored.size, 7)
      assert.deepStrictEqual([...cache.values()].sort(), [...content.stored.keys()].sort())
    }))

  it.live("--force-reupload uploads everything again and keeps other essays' entries", () =>
    Effect.gen(function* () {
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const input = essays(5)
      const first = yield* run(input, { cachePath })
      const other = "f".repeat(64)
      const file = JSON.parse(readFileSync(cachePath, "utf8"))
      file.entries[other] = "b".repeat(32)
      writeFileSync(cachePath, JSON.stringify(file))
      const forced = yield* run(input, { cachePath, forceReupload: true })
      assert.strictEqual(forced.summary.uploaded, 5)
      const cache = yield* cacheOnDisk(cachePath)
      assert.strictEqual(cache.get(other), "b".repeat(32))
      for (const essay of input) assert.notStrictEqual(cache.get(essay.checksum), first.summary.storageIds.get(essay.checksum))
    }))

  it.live("--verify-content re-uploads essays whose cached ids the service lost", () =>
    Effect.gen(function* () {
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const input = essays(6)
      const first = yield* run(input, { cachePath })
      const lost = input.slice(0, 2).map((e) => first.summary.storageIds.get(e.checksum) ?? "")
      for (const id of lost) content.stored.delete(id)
      const verified = yield* run(input, { cachePath, verifyContent: true })
      assert.strictEqual(verified.summary.missingRemotely, 2)
      assert.strictEqual(verified.summary.uploaded, 2)
      assert.strictEqual(verified.summary.reused, 4)
      const cache = yield* cacheOnDisk(cachePath)
      for (const essay of input) assert.strictEqual(content.stored.get(cache.get(essay.checksum) ?? ""), essay.text)
    }))

  it.live("two runs sharing one cache file both keep their entries", () =>
    Effect.gen(function* () {
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const [a, b] = [essays(40, "class A"), essays(40, "class B")]
      yield* Effect.all([run(a, { cachePath, concurrency: 4 }), run(b, { cachePath, concurrency: 4 })], { concurrency: 2 })
      const cache = yield* cacheOnDisk(cachePath)
      assert.strictEqual(cache.size, 80)
      for (const essay of [...a, ...b]) assert.strictEqual(content.stored.get(cache.get(essay.checksum) ?? ""), essay.text)
    }))

  it.live("two runs of the same essays sharing one cache upload each essay once", () =>
    Effect.gen(function* () {
      content.misbehaviour.delayMillis = 5
      const cachePath = join(tempDir(), "not yet created", "content_upload_cache.json")
      const input = essays(40, "same class")
      const [first, second] = yield* Effect.all([run(input, { cachePath, concurrency: 4 }), run(input, { cachePath, concurrency: 4 })], { concurrency: 2 })
      assert.strictEqual(posts(), 40)
      assert.deepStrictEqual([...new Set(content.uploadsOfText.values())], [1])
      assert.deepStrictEqual([first.summary.uploaded + second.summary.uploaded, first.summary.reused + second.summary.reused], [40, 40])
      assert.deepStrictEqual(first.summary.storageIds, second.summary.storageIds)
      const waited = first.summary.reused === 40 ? first.notes : second.notes
      assert.isTrue(waited.some((note) => /^waiting for process \d+, which is uploading to the same upload cache$/.test(note)))
    }))

  it.live("an essay the service refuses as too large (413) is named, with the limit and the fix", () =>
    Effect.gen(function* () {
      content.behaviour.maxBodyBytes = 2000
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const big = { ...essays(1, "big")[0]!, text: "long ".repeat(1000), path: "/data/student_essays/big.docx" }
      const error = yield* Effect.flip(run([...essays(3), big], { cachePath, concurrency: 1 }))
      assert.strictEqual(error._tag, "ContentTooLarge")
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, "Essay /data/student_essays/big.docx was not stored.")
      assert.include(error.message, "refused a 5,000-byte essay text as too large (HTTP 413; its default limit is 16 MiB)")
      assert.include(error.fix, "--max-text-chars")
      assert.strictEqual(posts(), 4)
    }))

  it.live("ignores a cache written for another Content Service and says why", () =>
    Effect.gen(function* () {
      const cachePath = join(tempDir(), "content_upload_cache.json")
      const input = essays(3)
      writeFileSync(cachePath, JSON.stringify({ schema_version: 1, content_service_url: "http://elsewhere/v1/content", entries: { [input[0]?.checksum ?? ""]: "a".repeat(32) } }))
      const { summary, notes } = yield* run(input, { cachePath })
      assert.strictEqual(summary.cacheIgnoredReason, "content_service_url_changed")
      assert.strictEqual(summary.uploaded, 3)
      assert.include(notes, "upload cache ignored (content_service_url_changed)")
      assert.strictEqual(JSON.parse(readFileSync(cachePath, "utf8")).content_service_url, content.endpoint)
    }))
})
