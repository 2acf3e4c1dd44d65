import { Context, type Effect, type Stream } from "effect"
import type { TopicOffsets } from "../domain/offsets.js"
import type { KafkaFailure, KafkaUnavailable } from "../errors.js"

/** One record as read from Kafka; the value decoded as UTF-8. */
export interface KafkaRecord {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  /** The offset as a number, when the transport has it at hand (saves parsing `offset`). */
  readonly offsetValue?: bigint
  readonly key: string | null
  readonly value: string | null
  /**
   * The value's bytes exactly as received, when the transport has them at hand (stored byte
   * for byte in the run folder; without them the value is encoded again as UTF-8).
   */
  readonly valueBytes?: Uint8Array | null
  /** Broker timestamp, milliseconds since the epoch. */
  readonly timestamp: string
}

/**
 * Consecutive records of one partition, in offset order, as the transport delivered them. A
 * record is built only when asked for, so batches waiting in a queue hold no per-record objects.
 */
export interface KafkaRecordBatch extends Iterable<KafkaRecord> {
  readonly size: number
  /** The record at `index`, 0 ≤ index < size. */
  readonly record: (index: number) => KafkaRecord
  /** Says the batch's records are no longer read (nor any view of their bytes): the transport may reuse their memory. */
  readonly release?: () => void
}

/** A batch of records already at hand (fakes, the sandbox). */
export const batchOfRecords = (records: ReadonlyArray<KafkaRecord>): KafkaRecordBatch => ({
  size: records.length,
  record: (index) => {
    const record = records[index]
    if (record === undefined) throw new RangeError(`no record ${index} in a batch of ${records.length}`)
    return record
  },
  [Symbol.iterator]: () => records[Symbol.iterator]()
})

export interface OutgoingMessage {
  readonly topic: string
  readonly key: string
  readonly value: string
}

export interface PublishedMessage {
  readonly topic: string
  readonly partition: number
  readonly offset: string
}

/** The platform's Kafka: publish the request, read what CJ and the LLM Provider publish back. */
export interface KafkaBusService {
  /** `host:port[,host:port]`, for messages. */
  readonly bootstrap: string
  /** Where each partition of the topics ends now: reading from here replays no history. */
  readonly endOffsets: (topics: ReadonlyArray<string>) => Effect.Effect<TopicOffsets, KafkaUnavailable>
  /** Writes one message, acknowledged by all in-sync replicas, through an idempotent producer. */
  readonly publish: (message: OutgoingMessage) => Effect.Effect<PublishedMessage, KafkaFailure>
  /**
   * Every record of the given topics from the given positions on, each offset once and in
   * order per partition, surviving broker restarts and consumer rebalances. Partitions not
   * named in `from` are read from their beginning. The stream never ends by itself.
   */
  readonly records: (from: TopicOffsets) => Stream.Stream<KafkaRecordBatch, KafkaFailure>
}

export class KafkaBus extends Context.Service<KafkaBus, KafkaBusService>()("eng5/services/KafkaBus") {}
