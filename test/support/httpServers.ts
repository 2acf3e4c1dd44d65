/**
 * Fake CJ Assessment Service and Content Service for integration and e2e tests: real HTTP on
 * 127.0.0.1 implementing contracts §3–4, including the ways the real services misbehave
 * (CJ's catch-all 500, RFC 822 dates, slow answers, connection resets, 503 bursts,
 * malformed JSON). Each test starts its own servers and can change `misbehaviour` at any time.
 */
import { randomUUID } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

export interface Misbehaviour {
  /** Every answer waits this long first. */
  delayMillis: number
  /** The next `count` answers wait `millis` first (a slow spell). */
  slowNext: { count: number; millis: number }
  /** The next N requests have their connection destroyed without an answer. */
  resets: number
  /** The next `count` requests are answered with `status` (e.g. a 503 burst). */
  statusBurst: { status: number; count: number }
  /** The next N successful answers carry truncated JSON. */
  malformed: number
}

export const calm = (): Misbehaviour => ({ delayMillis: 0, slowNext: { count: 0, millis: 0 }, resets: 0, statusBurst: { status: 503, count: 0 }, malformed: 0 })

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: string
}

export interface RunningServer {
  readonly url: string
  readonly requests: RecordedRequest[]
  misbehaviour: Misbehaviour
  readonly close: () => Promise<void>
}

export type Handler = (request: RecordedRequest) => { status: number; body?: string; headers?: Record<string, string> } | "reset"

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

/** An HTTP server on an ephemeral loopback port that records requests and applies misbehaviour first. */
export const startServer = async (handle: Handler): Promise<RunningServer> => {
  const requests: RecordedRequest[] = []
  const state = { misbehaviour: calm() }
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req)
      const recorded: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body }
      requests.push(recorded)
      const m = state.misbehaviour
      if (m.resets > 0) {
        m.resets -= 1
        req.socket.destroy()
        return
      }
      if (m.delayMillis > 0) await sleep(m.delayMillis)
      if (m.slowNext.count > 0) {
        m.slowNext.count -= 1
        await sleep(m.slowNext.millis)
      }
      if (res.destroyed) return
      if (m.statusBurst.count > 0) {
        m.statusBurst.count -= 1
        res.writeHead(m.statusBurst.status, { "content-type": "application/json" }).end(JSON.stringify({ error: "Service Unavailable" }))
        return
      }
      const answer = handle(recorded)
      if (answer === "reset") {
        req.socket.destroy()
        return
      }
      let text = answer.body ?? ""
      if (m.malformed > 0 && answer.status < 300 && text !== "") {
        m.malformed -= 1
        text = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
      }
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(req.method === "HEAD" ? undefined : text)
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get misbehaviour() {
      return state.misbehaviour
    },
    set misbehaviour(value: Misbehaviour) {
      state.misbehaviour = value
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** mulberry32: a seeded PRNG so a "30 % failure rate" is the same sequence in every run. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface FakeContentService extends RunningServer {
  /** The upload endpoint, as --content-service-url takes it. */
  readonly endpoint: string
  readonly stored: Map<string, string>
  /** Successful uploads per text: more than one means a needless re-upload. */
  readonly uploadsOfText: Map<string, number>
  readonly behaviour: ContentBehaviour
  /** Back to a calm, empty service whose random failures follow `seed`: what each test starts from. */
  readonly reset: (seed: number) => void
}

export interface ContentBehaviour {
  /** Random 503s on uploads; a text never fails more than `maxConsecutive` times in a row. */
  failure: { rate: number; maxConsecutive: number; random: () => number }
  /** Answer HEAD with 405 (as a service without HEAD routes would). */
  headUnsupported: boolean
  /** Once this many texts are stored, refuse every further upload with a 400. */
  rejectAfterStored: number | null
  /** Refuse a larger body with 413, as Quart does past MAX_CONTENT_LENGTH. */
  maxBodyBytes: number | null
}

const STORAGE_ID = /^[0-9a-f]{32}$/
const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(value) })

/** Content Service (contracts §4): POST /v1/content → 201 {storage_id}, HEAD/GET /v1/content/{id}. */
export const startContentService = async (): Promise<FakeContentService> => {
  const stored = new Map<string, string>()
  const uploadsOfText = new Map<string, number>()
  const consecutiveFailures = new Map<string, number>()
  const behaviour: ContentBehaviour = { failure: { rate: 0, maxConsecutive: 3, random: seededRandom(1) }, headUnsupported: false, rejectAfterStored: null, maxBodyBytes: null }
  const server = await startServer((request) => {
    if (request.path === "/healthz") return json(200, { status: "ok" })
    if (request.method === "POST" && request.path === "/v1/content") {
      if (request.body === "") return json(400, { error: { error_code: "VALIDATION_ERROR", message: "Empty body" } })
      if (behaviour.maxBodyBytes !== null && Buffer.byteLength(request.body) > behaviour.maxBodyBytes) return { status: 413, body: "<h1>413 Request Entity Too Large</h1>" }
      if (behaviour.rejectAfterStored !== null && stored.size >= behaviour.rejectAfterStored) return json(400, { error: { error_code: "VALIDATION_ERROR", message: "Refused by the test" } })
      const { rate, maxConsecutive, random } = behaviour.failure
      const failures = consecutiveFailures.get(request.body) ?? 0
      if (rate > 0 && failures < maxConsecutive && random() < rate) {
        consecutiveFailures.set(request.body, failures + 1)
        return json(503, { error: "Service Unavailable" })
      }
      consecutiveFailures.delete(request.body)
      const storageId = randomUUID().replaceAll("-", "")
      stored.set(storageId, request.body)
      uploadsOfText.set(request.body, (uploadsOfText.get(request.body) ?? 0) + 1)
      return json(201, { storage_id: storageId, correlation_id: randomUUID() })
    }
    const match = /^\/v1\/content\/([^/?]+)$/.exec(request.path)
    if (match !== null && (request.method === "GET" || request.method === "HEAD")) {
      if (request.method === "HEAD" && behaviour.headUnsupported) return { status: 405 }
      const id = match[1] ?? ""
      if (!STORAGE_ID.test(id)) return json(400, { error: { error_code: "VALIDATION_ERROR", message: "Invalid storage id" } })
      const text = stored.get(id)
      return text === undefined ? json(404, { error: { error_code: "RESOURCE_NOT_FOUND", message: "Content not found" } }) : { status: 200, body: text, headers: { "content-type": "application/octet-stream" } }
    }
    return json(404, { error: "Not Found" })
  })
  const reset = (seed: number) => {
    server.requests.length = 0
    server.misbehaviour = calm()
    stored.clear()
    uploadsOfText.clear()
    consecutiveFailures.clear()
    Object.assign(behaviour, { failure: { rate: 0, maxConsecutive: 3, random: seededRandom(seed) }, headUnsupported: false, rejectAfterStored: null, maxBodyBytes: null })
  }
  return Object.assign(server, { endpoint: `${server.url}/v1/content`, stored, uploadsOfText, behaviour, reset })
}

export { startCjService, type FakeCj, type FakeAssignment, type FakeAnchor } from "./fakeCjService.js"
