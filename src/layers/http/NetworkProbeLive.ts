import { Effect, Layer } from "effect"
import { request } from "undici"
import { errorCodeOf } from "../../domain/transportProblem.js"
import { type KafkaProbe, NetworkProbe, type NoAnswer } from "../../services/NetworkProbe.js"
import { textExcerpt } from "./cjPayloads.js"
import { ALL_TOPICS_NO_CREATION, exchange, parseApiVersions, parseMetadata, REQUESTS, requestFrame } from "../kafka/kafkaWireProbe.js"

const BODY_CHARS = 4_000

const noAnswer = (url: string, error: unknown): NoAnswer => {
  const cause: unknown = error instanceof Error && error.cause !== undefined ? error.cause : error
  const code = errorCodeOf(error) ?? (error instanceof Error && error.name === "TimeoutError" ? "TIMEOUT" : "ERROR")
  return { _tag: "NoAnswer", code, detail: `${url}: ${cause instanceof Error ? cause.message : String(cause)}` }
}

/** One bootstrap server: ApiVersions first (anything but Kafka fails there), then Metadata. */
const probeKafkaServer = async (host: string, port: number, timeoutMillis: number): Promise<KafkaProbe> => {
  const server = `${host}:${port}`
  const versions = await exchange(host, port, requestFrame(REQUESTS.apiVersions.key, REQUESTS.apiVersions.version, 1), timeoutMillis)
  if (versions._tag !== "Frame") return { ...versions, server }
  const apis = parseApiVersions(versions.body, 1)
  if (apis === undefined || apis.errorCode !== 0) return { _tag: "NotKafka", server, excerpt: `an answer to ApiVersions eng5 cannot read (${versions.body.length} bytes)` }
  const metadata = await exchange(host, port, requestFrame(REQUESTS.metadata.key, REQUESTS.metadata.version, 2, ALL_TOPICS_NO_CREATION), timeoutMillis)
  if (metadata._tag !== "Frame") return { ...metadata, server }
  const parsed = parseMetadata(metadata.body, 2)
  if (parsed === undefined) return { _tag: "NotKafka", server, excerpt: `an answer to Metadata eng5 cannot read (${metadata.body.length} bytes)` }
  return { _tag: "Kafka", server, apis: apis.apis.length, brokers: parsed.brokers, topics: parsed.topics.filter((t) => t.errorCode === 0).map((t) => t.name) }
}

export const networkProbeLive = (timeoutMillis = 3_000) =>
  Layer.succeed(NetworkProbe, {
    http: (url) =>
      Effect.promise(async (signal) => {
        try {
          const response = await request(url, { method: "GET", signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMillis)]) })
          const text = await response.body.text()
          const contentType = response.headers["content-type"]
          return { _tag: "Answered" as const, status: response.statusCode, contentType: Array.isArray(contentType) ? (contentType[0] ?? "") : (contentType ?? ""), body: text.slice(0, BODY_CHARS), excerpt: textExcerpt(text) }
        } catch (error) {
          return noAnswer(url, error)
        }
      }),
    kafka: (servers) =>
      Effect.promise(async () => {
        let last: KafkaProbe | undefined
        for (const { host, port } of servers) {
          last = await probeKafkaServer(host, port, timeoutMillis)
          if (last._tag === "Kafka") return last
        }
        return last ?? { _tag: "NoAnswer", server: "", code: "NO_SERVERS", detail: "no bootstrap server given" }
      })
  })
