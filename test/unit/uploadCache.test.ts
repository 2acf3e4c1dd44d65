import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "vitest"
import { LockTimeout, withFileLock } from "../../src/upload/fileLock.js"
import { readUploadCache, saveUploadCache } from "../../src/upload/uploadCache.js"
import { tempDir } from "../support/assets.js"

const URL_A = "http://localhost:8001/v1/content"
const NO_CHANGES = { set: new Map<string, string>(), remove: new Set<string>() }
const checksum = (n: number) => n.toString(16).padStart(64, "0")

describe("upload cache file (R7)", () => {
  it("is written in the platform's format: sorted keys, 2-space indent, schema 1", async () => {
    const path = join(tempDir(), "nested", "content_upload_cache.json")
    await saveUploadCache(path, URL_A, { set: new Map([[checksum(2), "b".repeat(32)], [checksum(1), "a".repeat(32)]]), remove: new Set() })
    const text = readFileSync(path, "utf8")
    const parsed = JSON.parse(text)
    assert.deepStrictEqual(Object.keys(parsed), ["content_service_url", "entries", "schema_version", "updated_at"])
    assert.deepStrictEqual(Object.keys(parsed.entries), [checksum(1), checksum(2)])
    assert.strictEqual(parsed.schema_version, 1)
    assert.isTrue(text.startsWith('{\n  "content_service_url"'))
    assert.deepStrictEqual(readdirSync(join(path, "..")), ["content_upload_cache.json"], "no temp or lock file left behind")
  })

  it("merges with what is on disk and applies removals", async () => {
    const path = join(tempDir(), "content_upload_cache.json")
    await saveUploadCache(path, URL_A, { set: new Map([[checksum(1), "a".repeat(32)], [checksum(2), "b".repeat(32)]]), remove: new Set() })
    await saveUploadCache(path, URL_A, { set: new Map([[checksum(3), "c".repeat(32)]]), remove: new Set([checksum(1)]) })
    const { entries } = await readUploadCache(path, URL_A)
    assert.deepStrictEqual([...entries.keys()].sort(), [checksum(2), checksum(3)])
  })

  it("keeps every entry when many saves race for the same file", async () => {
    const path = join(tempDir(), "content_upload_cache.json")
    await Promise.all(Array.from({ length: 30 }, (_, i) => saveUploadCache(path, URL_A, { set: new Map([[checksum(i), `${i}`.padStart(32, "0")]]), remove: new Set() })))
    assert.strictEqual((await readUploadCache(path, URL_A)).entries.size, 30)
  })

  it("drops another service's entries and replaces an unreadable file", async () => {
    const path = join(tempDir(), "content_upload_cache.json")
    await saveUploadCache(path, "http://elsewhere/v1/content", { set: new Map([[checksum(1), "a".repeat(32)]]), remove: new Set() })
    assert.strictEqual((await readUploadCache(path, URL_A)).ignoredReason, "content_service_url_changed")
    await saveUploadCache(path, URL_A, NO_CHANGES)
    assert.strictEqual((await readUploadCache(path, URL_A)).entries.size, 0)
    writeFileSync(path, "{ half a file")
    assert.strictEqual((await readUploadCache(path, URL_A)).ignoredReason, "cache_file_invalid_json")
    await saveUploadCache(path, URL_A, { set: new Map([[checksum(4), "d".repeat(32)]]), remove: new Set() })
    assert.deepStrictEqual([...(await readUploadCache(path, URL_A)).entries.keys()], [checksum(4)])
  })
})

describe("file lock", () => {
  it("takes over the lock of a process that no longer exists", async () => {
    const lock = join(tempDir(), "cache.json.lock")
    mkdirSync(lock)
    writeFileSync(join(lock, "999999999-0-0123456789abcdef"), "")
    const result = await withFileLock(lock, async () => "ran", { timeoutMillis: 200, staleMillis: 60_000 })
    assert.strictEqual(result, "ran")
    assert.isFalse(existsSync(lock))
  })

  it("waits for a live holder and gives up with LockTimeout", async () => {
    const lock = join(tempDir(), "cache.json.lock")
    mkdirSync(lock)
    writeFileSync(join(lock, `${process.pid}-${Date.now()}-0123456789abcdef`), "")
    const error = await withFileLock(lock, async () => "ran", { timeoutMillis: 100, staleMillis: 60_000 }).catch((e: unknown) => e)
    assert.instanceOf(error, LockTimeout)
    assert.include(String((error as LockTimeout).holder), String(process.pid))
  })

  it("serialises holders", async () => {
    const lock = join(tempDir(), "cache.json.lock")
    let inside = 0
    let maxInside = 0
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withFileLock(lock, async () => {
          inside += 1
          maxInside = Math.max(maxInside, inside)
          await new Promise((resolve) => setTimeout(resolve, 2))
          inside -= 1
        })
      )
    )
    assert.strictEqual(maxInside, 1)
  })
})
