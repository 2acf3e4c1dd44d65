import { createHash } from "node:crypto"
import { Effect, Queue, Stream } from "effect"
import type { TopicOffsets } from "../../domain/offsets.js"
import type { KafkaRecord } from "../../services/KafkaBus.js"

/** The platform runs every topic with 3 partitions (contracts §2.1). */
const DEFAULT_PARTITIONS = 3

/**
 * An in-memory Kafka: partitioned, append-only topics with offsets, read from any position
 * and followed live. Keyed messages keep Kafka's property that one key lands on one
 * partition; unkeyed ones are spread round-robin.
 */
export class MemoryLog {
  private readonly partitions = new Map<string, KafkaRecord[][]>()
  private readonly listeners = new Set<(record: KafkaRecord) => void>()
  private roundRobin = 0

  /** `partitionCounts` sets a topic's partitions; other topics get the platform's 3. */
  constructor(private readonly partitionCounts: Readonly<Record<string, number>> = {}) {}

  private topic(name: string): KafkaRecord[][] {
    let found = this.partitions.get(name)
    if (found === undefined) {
      found = Array.from({ length: this.partitionCounts[name] ?? DEFAULT_PARTITIONS }, () => [])
      this.partitions.set(name, found)
    }
    return found
  }

  private partitionFor(topic: string, key: string | null): number {
    const count = this.topic(topic).length
    if (key === null) return this.roundRobin++ % count
    return createHash("sha256").update(key).digest().readUInt32BE(0) % count
  }

  /** Appends to the key's partition, or to `partition` when a caller (a test) picks one. */
  append(message: { readonly topic: string; readonly key: string | null; readonly value: string | null }, partition = this.partitionFor(message.topic, message.key)): KafkaRecord {
    const log = this.topic(message.topic)[partition]
    if (log === undefined) throw new RangeError(`topic ${message.topic} has no partition ${partition}`)
    const record: KafkaRecord = {
      topic: message.topic,
      partition,
      offset: String(log.length),
      key: message.key,
      value: message.value,
      timestamp: String(Date.now())
    }
    log.push(record)
    for (const listener of this.listeners) listener(record)
    return record
  }

  endOffsets(topics: ReadonlyArray<string>): TopicOffsets {
    return Object.fromEntries(
      topics.map((topic) => [topic, Object.fromEntries(this.topic(topic).map((records, partition) => [String(partition), String(records.length)]))])
    )
  }

  /**
   * Everything from `from` on (unnamed partitions from their start), then new records as they
   * come. `delayOf` holds back a topic's records, as a consumer lagging on a busy topic sees them.
   */
  records(from: TopicOffsets, delayOf: (topic: string) => number | undefined = () => undefined): Stream.Stream<KafkaRecord> {
    const wanted = (record: KafkaRecord) => {
      const start = from[record.topic]
      return start !== undefined && BigInt(record.offset) >= BigInt(start[String(record.partition)] ?? "0")
    }
    const listeners = this.listeners
    const existing = () => Object.keys(from).flatMap((topic) => this.topic(topic).flat().filter(wanted))
    return Stream.callback<KafkaRecord>((queue) => {
      const listener = (record: KafkaRecord) => {
        if (!wanted(record)) return
        const delay = delayOf(record.topic)
        if (delay === undefined) Queue.offerUnsafe(queue, record)
        else setTimeout(() => Queue.offerUnsafe(queue, record), delay)
      }
      return Effect.gen(function* () {
        for (const record of existing()) listener(record)
        listeners.add(listener)
        yield* Effect.addFinalizer(() => Effect.sync(() => listeners.delete(listener)))
      })
    })
  }
}
