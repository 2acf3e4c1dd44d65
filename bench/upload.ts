// Upload throughput: 1,000 essays of ~3 KB to a local HTTP server (in its own thread), through
// eng5's ContentStore and through a bare undici loop with the same concurrency, in the same run.
// Usage: npx tsx bench/upload.ts [essays] [concurrency]      target: eng5 / bare ≥ 0.8
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { Worker } from "node:worker_threads"
import { Effect, Layer } from "effect"
import { Agent, request } from "undici"
import { contentStoreHttp } from "../src/layers/ContentStoreHttp.js"
import { ContentStore } from "../src/services/ContentStore.js"
import { Progress } from "../src/services/Progress.js"
import { RunLog } from "../src/services/RunLog.js"
import { uploadEssays } from "../src/upload/uploadEssays.js"
import { forEachPooled } from "../src/upload/workerPool.js"
import { median } from "./lib/measure.js"

const ESSAYS = Number(process.argv[2] ?? 1000)
const rate = (ms: number) => ESSAYS / (ms / 1000)
const best = (times: ReadonlyArray<number>) => Math.min(...times)
const CONCURRENCY = Number(process.argv[3] ?? 10)
const ROUNDS = 21

/** A Content Service stand-in: POST → 201 {storage_id}, on its own event loop so it does not share the client's. */
const SERVER = `
const { createServer } = require("node:http")
const { randomBytes, randomUUID } = require("node:crypto")
const { parentPort } = require("node:worker_threads")
const server = createServer((req, res) => {
  const chunks = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => {
    const body = JSON.stringify({ storage_id: randomBytes(16).toString("hex"), correlation_id: randomUUID() })
    res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body)
  })
})
server.keepAliveTimeout = 60000
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port))
`

const words = ["summer", "job", "teenager", "money", "responsibility", "because", "however", "experience", "family", "future", "school", "work"]
let seed = 2017
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const essay = (i: number) => {
  let text = `Essay ${i}.`
  while (text.length < 3000) text += ` ${words[Math.floor(random() * words.length)]}`
  return text
}

const worker = new Worker(SERVER, { eval: true })
const port = await new Promise<number>((resolve) => worker.once("message", resolve))
const endpoint = `http://127.0.0.1:${port}/v1/content`
const essays = Array.from({ length: ESSAYS }, (_, i) => essay(i))

const bareUndici = async () => {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 4_000 })
  let next = 0
  const loop = async () => {
    while (next < essays.length) {
      const text = essays[next++] ?? ""
      const response = await request(endpoint, { method: "POST", body: text, headers: { "content-type": "application/octet-stream" }, dispatcher: agent })
      const body = (await response.body.json()) as { storage_id?: string }
      if (response.statusCode !== 201 || typeof body.storage_id !== "string") throw new Error("bad answer")
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, loop))
  const elapsed = performance.now() - started
  await agent.close()
  return elapsed
}

const store = contentStoreHttp({ endpoint, connections: CONCURRENCY })

const eng5ContentStore = () =>
  Effect.runPromise(
    Effect.gen(function* () {
      const content = yield* ContentStore
      const started = performance.now()
      yield* forEachPooled(essays, CONCURRENCY, (text) => content.upload(text))
      return performance.now() - started
    }).pipe(Effect.provide(store))
  )

const eng5UploadEssays = async () => {
  const dir = mkdtempSync(join(tmpdir(), "eng5-bench-upload-"))
  try {
    const input = essays.map((text, i) => ({ checksum: i.toString(16).padStart(64, "0"), text }))
    return await Effect.runPromise(
      Effect.gen(function* () {
        const started = performance.now()
        yield* uploadEssays(input, { cachePath: join(dir, "content_upload_cache.json"), concurrency: CONCURRENCY, forceReupload: false, verifyContent: false })
        return performance.now() - started
      }).pipe(Effect.provide(Layer.mergeAll(store, Progress.silent, RunLog.discard)))
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

try {
  await bareUndici()
  await eng5ContentStore()
  const bare: number[] = []
  const eng5: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating order, so neither side always runs right after the other.
    if (round % 2 === 0) {
      bare.push(await bareUndici())
      eng5.push(await eng5ContentStore())
    } else {
      eng5.push(await eng5ContentStore())
      bare.push(await bareUndici())
    }
  }
  const withCache: number[] = []
  for (let round = 0; round < 5; round++) withCache.push(await eng5UploadEssays())
  console.log(`${ESSAYS} essays of ~3 KB, concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds`)
  console.log(`                                   best        median`)
  console.log(`bare undici loop:                  ${rate(best(bare)).toFixed(0).padStart(6)} /s   ${rate(median(bare)).toFixed(0).padStart(6)} /s`)
  console.log(`eng5 ContentStore:                 ${rate(best(eng5)).toFixed(0).padStart(6)} /s   ${rate(median(eng5)).toFixed(0).padStart(6)} /s`)
  console.log(`eng5 uploadEssays (+ cache saves): ${rate(best(withCache)).toFixed(0).padStart(6)} /s   ${rate(median(withCache)).toFixed(0).padStart(6)} /s`)
  // Best-of-N: other processes on the machine only ever slow a round down.
  console.log(`ratio eng5 ContentStore / bare:    ${(best(bare) / best(eng5)).toFixed(2)} best, ${(median(bare) / median(eng5)).toFixed(2)} median (target ≥ 0.8)`)
} finally {
  await worker.terminate()
}
