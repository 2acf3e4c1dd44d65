import { connect } from "node:net"
import { errorCodeOf } from "../../domain/transportProblem.js"

/**
 * Two requests of Kafka's own protocol, spoken directly so `eng5 doctor` can tell a Kafka broker
 * from anything else that accepts TCP connections: ApiVersions (v0) and Metadata (v4, every
 * topic, auto-creation off, so asking never creates a topic; Kafka 4 still answers v4).
 * Each request is a size-prefixed frame; the answer's first four bytes are its size, so an
 * HTTP server's "HTTP/1.1 400…" shows up as an impossible size and is reported as not Kafka.
 */

const API_VERSIONS = 18
const METADATA = 3
/** Larger than any metadata answer of a test or research cluster; a bigger size means the bytes are not Kafka's. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024
const CLIENT_ID = "eng5-doctor"

export type WireAnswer =
  | { readonly _tag: "Frame"; readonly body: Buffer }
  | { readonly _tag: "NotKafka"; readonly excerpt: string }
  | { readonly _tag: "NoAnswer"; readonly code: string; readonly detail: string }

export const requestFrame = (apiKey: number, apiVersion: number, correlationId: number, body: Buffer = Buffer.alloc(0)): Buffer => {
  const client = Buffer.from(CLIENT_ID, "utf8")
  const header = Buffer.alloc(2 + 2 + 4 + 2)
  header.writeInt16BE(apiKey, 0)
  header.writeInt16BE(apiVersion, 2)
  header.writeInt32BE(correlationId, 4)
  header.writeInt16BE(client.length, 8)
  const payload = Buffer.concat([header, client, body])
  const size = Buffer.alloc(4)
  size.writeInt32BE(payload.length, 0)
  return Buffer.concat([size, payload])
}

/** What the first bytes of an answer that is not Kafka's say, printable and short. */
const printableExcerpt = (bytes: Buffer): string =>
  bytes
    .subarray(0, 60)
    .toString("latin1")
    .replace(/[^\x20-\x7e]+/g, " ")
    .trim()

/** Sends one frame and reads one answer frame (or what came back instead). */
export const exchange = (host: string, port: number, frame: Buffer, timeoutMillis: number): Promise<WireAnswer> =>
  new Promise((resolve) => {
    const socket = connect({ host, port })
    let received = Buffer.alloc(0)
    let settled = false
    const finish = (answer: WireAnswer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    let connected = false
    // A broker answers ApiVersions at once; a server that took the connection and stays silent (an HTTP server waiting for a request line) is not one.
    const timer = setTimeout(
      () =>
        finish(
          received.length > 0 || connected
            ? { _tag: "NotKafka", excerpt: printableExcerpt(received) }
            : { _tag: "NoAnswer", code: "TIMEOUT", detail: `${host}:${port} did not answer within ${timeoutMillis} ms` }
        ),
      timeoutMillis
    )
    socket.once("connect", () => {
      connected = true
      socket.write(frame)
    })
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (received.length < 4) return
      const size = received.readInt32BE(0)
      if (size < 4 || size > MAX_FRAME_BYTES) return finish({ _tag: "NotKafka", excerpt: printableExcerpt(received) })
      if (received.length >= size + 4) finish({ _tag: "Frame", body: received.subarray(4, size + 4) })
    })
    socket.once("error", (error) => finish({ _tag: "NoAnswer", code: errorCodeOf(error) ?? "ERROR", detail: `${host}:${port}: ${error.message}` }))
    socket.once("close", () =>
      finish(
        received.length > 0 || connected
          ? { _tag: "NotKafka", excerpt: printableExcerpt(received) }
          : { _tag: "NoAnswer", code: "CLOSED", detail: `${host}:${port} closed the connection without an answer` }
      )
    )
  })

/** A reader over a Kafka answer body that throws RangeError past its end. */
class Reader {
  private offset = 0
  constructor(private readonly bytes: Buffer) {}
  int16 = () => this.take(2, (at) => this.bytes.readInt16BE(at))
  int32 = () => this.take(4, (at) => this.bytes.readInt32BE(at))
  int8 = () => this.take(1, (at) => this.bytes.readInt8(at))
  string = () => {
    const length = this.int16()
    return length < 0 ? "" : this.take(length, (at) => this.bytes.toString("utf8", at, at + length))
  }
  array = <T>(item: () => T): Array<T> => Array.from({ length: Math.max(0, this.int32()) }, item)
  private take<T>(length: number, read: (at: number) => T): T {
    if (this.offset + length > this.bytes.length) throw new RangeError("the answer ended early")
    const value = read(this.offset)
    this.offset += length
    return value
  }
}

export interface ApiVersionsAnswer {
  readonly errorCode: number
  readonly apis: ReadonlyArray<{ readonly key: number; readonly min: number; readonly max: number }>
}

export const parseApiVersions = (body: Buffer, correlationId: number): ApiVersionsAnswer | undefined => {
  try {
    const reader = new Reader(body)
    if (reader.int32() !== correlationId) return undefined
    const errorCode = reader.int16()
    return { errorCode, apis: reader.array(() => ({ key: reader.int16(), min: reader.int16(), max: reader.int16() })) }
  } catch {
    return undefined
  }
}

export interface MetadataAnswer {
  readonly brokers: ReadonlyArray<string>
  readonly topics: ReadonlyArray<{ readonly name: string; readonly errorCode: number }>
}

export const parseMetadata = (body: Buffer, correlationId: number): MetadataAnswer | undefined => {
  try {
    const reader = new Reader(body)
    if (reader.int32() !== correlationId) return undefined
    reader.int32() // throttle time
    const brokers = reader.array(() => {
      reader.int32()
      const host = reader.string()
      const port = reader.int32()
      reader.string() // rack
      return `${host}:${port}`
    })
    reader.string() // cluster id
    reader.int32() // controller id
    const topics = reader.array(() => {
      const errorCode = reader.int16()
      const name = reader.string()
      reader.int8() // is internal
      reader.array(() => {
        reader.int16()
        reader.int32()
        reader.int32()
        reader.array(reader.int32)
        reader.array(reader.int32)
      })
      return { name, errorCode }
    })
    return { brokers, topics }
  } catch {
    return undefined
  }
}

export const REQUESTS = { apiVersions: { key: API_VERSIONS, version: 0 }, metadata: { key: METADATA, version: 4 } } as const

/** Metadata v4's body: a null topic list (every topic) and allow_auto_topic_creation false. */
export const ALL_TOPICS_NO_CREATION = Buffer.from([0xff, 0xff, 0xff, 0xff, 0])
