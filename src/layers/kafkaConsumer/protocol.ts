import type { TopicOffsets } from "../../domain/offsets.js"
import type { LogLevel } from "../../services/RunLog.js"
import type { KafkaRecord } from "../../services/KafkaBus.js"

/**
 * Messages between eng5's Kafka consumer thread and the main thread. The consumer runs in a
 * worker thread so that kafkajs's fetching and decoding (CRC checks included) does not compete
 * with eng5's own work on each record; record bytes cross over in one transferred buffer.
 */

/**
 * Fetch settings of eng5's consumer (kafkajs's defaults for fetch sizes, which keep memory
 * low), shared with the benchmark's bare consumer so the two are compared like for like.
 */
export const CONSUMER_FETCH_SETTINGS = {
  maxBytesPerPartition: 1024 * 1024,
  maxBytes: 10 * 1024 * 1024,
  maxWaitTimeInMs: 250
} as const

/** Batches the worker may hand over before the main thread has taken them in. */
export const BATCHES_IN_FLIGHT = 2

export interface WorkerSettings {
  readonly brokers: ReadonlyArray<string>
  readonly clientId: string
  readonly groupId: string
  readonly from: TopicOffsets
}

/** One kafkajs batch: offsets and timestamps as strings, keys and values packed into `bytes`. */
export interface BatchMessage {
  readonly type: "batch"
  readonly topic: string
  readonly partition: number
  readonly offsets: ReadonlyArray<string>
  readonly timestamps: ReadonlyArray<string>
  /** Per record: key length then value length, -1 for null. */
  readonly lengths: Int32Array
  readonly bytes: ArrayBuffer
}

export type WorkerMessage =
  | BatchMessage
  | { readonly type: "log"; readonly level: LogLevel; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly type: "failed"; readonly message: string }

export type MainMessage = { readonly type: "taken" }

interface RawMessage {
  readonly offset: string
  readonly timestamp: string
  readonly key: Buffer | null
  readonly value: Buffer | null
}

export const packBatch = (topic: string, partition: number, messages: ReadonlyArray<RawMessage>): BatchMessage => {
  const lengths = new Int32Array(messages.length * 2)
  let size = 0
  messages.forEach((m, i) => {
    lengths[2 * i] = m.key === null ? -1 : m.key.length
    lengths[2 * i + 1] = m.value === null ? -1 : m.value.length
    size += (m.key?.length ?? 0) + (m.value?.length ?? 0)
  })
  const bytes = new Uint8Array(size)
  let at = 0
  for (const m of messages) {
    for (const part of [m.key, m.value]) {
      if (part === null) continue
      bytes.set(part, at)
      at += part.length
    }
  }
  return {
    type: "batch",
    topic,
    partition,
    offsets: messages.map((m) => m.offset),
    timestamps: messages.map((m) => m.timestamp),
    lengths,
    bytes: bytes.buffer
  }
}

/**
 * A record whose key and value are decoded from the batch's bytes only when read, so records
 * waiting in a queue hold no strings (which would outlive the garbage collector's young
 * generation and bloat the heap).
 */
class PackedRecord implements KafkaRecord {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    readonly timestamp: string,
    private readonly keyBytes: Buffer | null,
    readonly valueBytes: Buffer | null
  ) {}

  get key(): string | null {
    return this.keyBytes === null ? null : this.keyBytes.toString("utf8")
  }

  get value(): string | null {
    return this.valueBytes === null ? null : this.valueBytes.toString("utf8")
  }
}

export const unpackBatch = (batch: BatchMessage): KafkaRecord[] => {
  const bytes = Buffer.from(batch.bytes)
  const records: KafkaRecord[] = []
  let at = 0
  const take = (length: number): Buffer | null => {
    if (length < 0) return null
    const view = bytes.subarray(at, at + length)
    at += length
    return view
  }
  for (let i = 0; i < batch.offsets.length; i++) {
    const key = take(batch.lengths[2 * i] ?? -1)
    const value = take(batch.lengths[2 * i + 1] ?? -1)
    records.push(new PackedRecord(batch.topic, batch.partition, batch.offsets[i] ?? "0", batch.timestamps[i] ?? "0", key, value))
  }
  return records
}
