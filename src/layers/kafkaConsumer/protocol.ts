import type { TopicOffsets } from "../../domain/offsets.js"
import type { LogLevel } from "../../services/RunLog.js"
import type { KafkaRecord, KafkaRecordBatch } from "../../services/KafkaBus.js"

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

/**
 * One kafkajs batch: every field a typed array, so the batch crosses threads without cloning a
 * string per record and waits in the main thread's queue as a handful of objects.
 */
export interface BatchMessage {
  readonly type: "batch"
  readonly topic: string
  readonly partition: number
  readonly offsets: BigInt64Array
  /** Broker timestamps, milliseconds since the epoch. */
  readonly timestamps: Float64Array
  /** Per record, where its key starts, then where its value starts, in `bytes`; then where the last value ends. */
  readonly bounds: Int32Array
  /** Per record: bit 0 set when the key is null, bit 1 when the value is null. */
  readonly nulls: Uint8Array
  readonly bytes: ArrayBuffer
}

export type WorkerMessage =
  | BatchMessage
  | { readonly type: "log"; readonly level: LogLevel; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly type: "failed"; readonly message: string }

export type MainMessage =
  /** What to follow; the thread waits for it (it is started ahead of need). */
  | { readonly type: "start"; readonly settings: WorkerSettings }
  /** A batch was taken in: one more may be sent. */
  | { readonly type: "taken" }
  /** A batch's bytes, read and given back to be filled again (fresh memory costs a page fault per 4 KB). */
  | { readonly type: "recycle"; readonly bytes: ArrayBuffer }

interface RawMessage {
  readonly offset: string
  readonly timestamp: string
  readonly key: Buffer | null
  readonly value: Buffer | null
}

const KEY_NULL = 1
const VALUE_NULL = 2

/**
 * Packs kafkajs's messages into one batch message; `spareOf(size)` may give a recycled buffer
 * of at least `size` bytes to fill.
 */
export const packBatch = (
  topic: string,
  partition: number,
  messages: ReadonlyArray<RawMessage>,
  spareOf: (size: number) => ArrayBuffer | undefined = () => undefined
): BatchMessage => {
  const count = messages.length
  const offsets = new BigInt64Array(count)
  const timestamps = new Float64Array(count)
  const bounds = new Int32Array(2 * count + 1)
  const nulls = new Uint8Array(count)
  let size = 0
  for (let i = 0; i < count; i++) {
    const m = messages[i] as RawMessage
    size += (m.key?.length ?? 0) + (m.value?.length ?? 0)
  }
  const bytes = new Uint8Array(spareOf(size) ?? new ArrayBuffer(size))
  let at = 0
  for (let i = 0; i < count; i++) {
    const m = messages[i] as RawMessage
    offsets[i] = BigInt(m.offset)
    timestamps[i] = Number(m.timestamp)
    bounds[2 * i] = at
    if (m.key === null) nulls[i] = KEY_NULL
    else {
      bytes.set(m.key, at)
      at += m.key.length
    }
    bounds[2 * i + 1] = at
    if (m.value === null) nulls[i] = (nulls[i] ?? 0) | VALUE_NULL
    else {
      bytes.set(m.value, at)
      at += m.value.length
    }
  }
  bounds[2 * count] = at
  return { type: "batch", topic, partition, offsets, timestamps, bounds, nulls, bytes: bytes.buffer }
}

/** A record whose key and value are decoded from the batch's bytes only when read. */
class PackedRecord implements KafkaRecord {
  constructor(
    private readonly batch: PackedBatch,
    private readonly index: number
  ) {}

  get topic(): string {
    return this.batch.topic
  }

  get partition(): number {
    return this.batch.partition
  }

  get offset(): string {
    return String(this.offsetValue)
  }

  get offsetValue(): bigint {
    return this.batch.message.offsets[this.index] ?? -1n
  }

  get timestamp(): string {
    return String(this.batch.message.timestamps[this.index])
  }

  get key(): string | null {
    return this.batch.text(this.index, 0, KEY_NULL)
  }

  get value(): string | null {
    return this.batch.text(this.index, 1, VALUE_NULL)
  }

  get valueBytes(): Buffer | null {
    return this.batch.view(this.index, 1, VALUE_NULL)
  }
}

class PackedBatch implements KafkaRecordBatch {
  private readonly bytes: Buffer
  readonly topic: string
  readonly partition: number
  readonly size: number

  constructor(
    readonly message: BatchMessage,
    private readonly giveBack: ((bytes: ArrayBuffer) => void) | undefined
  ) {
    this.bytes = Buffer.from(message.bytes)
    this.topic = message.topic
    this.partition = message.partition
    this.size = message.offsets.length
  }

  record(index: number): KafkaRecord {
    return new PackedRecord(this, index)
  }

  release(): void {
    this.giveBack?.(this.message.bytes)
  }

  *[Symbol.iterator](): Iterator<KafkaRecord> {
    for (let i = 0; i < this.size; i++) yield this.record(i)
  }

  /** Key (part 0) or value (part 1) of record `index` as UTF-8 text. */
  text(index: number, part: 0 | 1, nullFlag: number): string | null {
    if (((this.message.nulls[index] ?? 0) & nullFlag) !== 0) return null
    const bounds = this.message.bounds
    return this.bytes.toString("utf8", bounds[2 * index + part], bounds[2 * index + part + 1])
  }

  view(index: number, part: 0 | 1, nullFlag: number): Buffer | null {
    if (((this.message.nulls[index] ?? 0) & nullFlag) !== 0) return null
    const bounds = this.message.bounds
    return this.bytes.subarray(bounds[2 * index + part], bounds[2 * index + part + 1])
  }
}

/** The batch in a message from the consumer thread; `giveBack` receives its bytes once released. */
export const unpackBatch = (message: BatchMessage, giveBack?: (bytes: ArrayBuffer) => void): KafkaRecordBatch => new PackedBatch(message, giveBack)

/** What `packBatch` transfers rather than copies. */
export const transferablesOf = (message: BatchMessage): ArrayBuffer[] =>
  [message.bytes, message.offsets.buffer, message.timestamps.buffer, message.bounds.buffer, message.nulls.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
