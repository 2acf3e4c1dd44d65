/**
 * `eng5 content upload` as a child process: Ctrl-C (SIGINT) in the middle of the uploads
 * leaves a valid cache holding every finished upload, and the next run only uploads the rest.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeAssets, tempDir } from "../support/assets.js"
import { isolatedEnv, startCli } from "../support/cliProcess.js"
import { calm, type FakeContentService, startContentService } from "../support/httpServers.js"

const ESSAYS = 60
const CONCURRENCY = 3

let content: FakeContentService
beforeAll(async () => {
  content = await startContentService()
})
afterAll(() => content.close())

const waitFor = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 30_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe("eng5 content upload", () => {
  it("Ctrl-C during uploads keeps a valid cache of the finished uploads; the next run uploads only the rest", async () => {
    const students = Object.fromEntries(Array.from({ length: ESSAYS }, (_, i) => [`student_${String(i).padStart(2, "0")}.txt`, `Essay ${i}: ${"Summer jobs teach responsibility. ".repeat(30).trim()}`]))
    const textByChecksum = new Map(Object.values(students).map((text) => [createHash("sha256").update(text).digest("hex"), text]))
    const assets = makeAssets({ students })
    const out = tempDir()
    const env = isolatedEnv({ CONTENT_SERVICE_URL: content.endpoint })
    const args = ["content", "upload", "--assets", assets, "--output-dir", out, "--upload-concurrency", String(CONCURRENCY)]

    content.misbehaviour = { ...calm(), delayMillis: 60 }
    const cli = startCli(args, env)
    await waitFor(() => content.stored.size >= 12, "a dozen uploads")
    const storedAtSignal = content.stored.size
    cli.child.kill("SIGINT")
    const interrupted = await cli.done
    expect(interrupted.code).toBe(130)
    expect(readdirSync(out)).toEqual(["content_upload_cache.json"])

    const cache = JSON.parse(readFileSync(join(out, "content_upload_cache.json"), "utf8"))
    expect(cache).toMatchObject({ schema_version: 1, content_service_url: content.endpoint })
    const entries = Object.entries(cache.entries as Record<string, string>)
    for (const [checksum, storageId] of entries) expect(content.stored.get(storageId)).toBe(textByChecksum.get(checksum))
    expect(entries.length).toBeGreaterThanOrEqual(storedAtSignal - CONCURRENCY)
    expect(entries.length).toBeLessThan(ESSAYS)
    expect(content.stored.size - entries.length).toBeLessThanOrEqual(CONCURRENCY)

    content.misbehaviour = calm()
    const resumed = await startCli([...args, "--json"], env).done
    expect(resumed.code).toBe(0)
    const report = JSON.parse(resumed.stdout)
    expect(report.reused).toBe(entries.length)
    expect(report.uploaded).toBe(ESSAYS - entries.length)
    const final = JSON.parse(readFileSync(join(out, "content_upload_cache.json"), "utf8"))
    expect(Object.keys(final.entries)).toHaveLength(ESSAYS)
  }, 60_000)
})
