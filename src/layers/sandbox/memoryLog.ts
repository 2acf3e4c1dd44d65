import { createHash } from "node:crypto"
import { Effect, Queue, Stream } from "effect"
import type { TopicOffsets } from "../../domain/offsets.js"
import type { KafkaRecord, OutgoingMessage } from "../../services/KafkaBus.js"

/** The platform runs every topic with 3 partitions (contracts §2.1). */
const PARTITIONS = 3

/**
 * An in-memory Kafka: partitioned, append-only topics with offsets, read from any position
 * and followed live. Keyed messages keep Kafka's property that one key lands on one
 * partition; unkeyed ones are spread round-robin.
 */
export class MemoryLog {
  private readonly partitions = new Map<string, KafkaRecord[][]>()
  private readonly listeners = new Set<(record: KafkaRecord) => void>()
  private roundRobin = 0

  private topic(name: string): KafkaRecord[][] {
    let found = this.partitions.get(name)
    if (found === undefined) {
      found = Array.from({ length: PARTITIONS }, () => [])
      this.partitions.set(name, found)
    }
    return found
  }

  private partitionFor(key: string | null): number {
    if (key === null) return this.roundRobin++ % PARTITIONS
    return createHash("sha256").update(key).digest().readUInt32BE(0) % PARTITIONS
  }

  append(message: { readonly topic: string; readonly key: string | null; readonly value: string }): KafkaRecord {
    const partition = this.partitionFor(message.key)
    const log = this.topic(message.topic)[partition] ?? []
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

  /** Everything from `from` on (unnamed partitions from their start), then new records as they come. */
  records(from: TopicOffsets): Stream.Stream<KafkaRecord> {
    const wanted = (record: KafkaRecord) => {
      const start = from[record.topic]
      return start !== undefined && BigInt(record.offset) >= BigInt(start[String(record.partition)] ?? "0")
    }
    const listeners = this.listeners
    const existing = () => Object.keys(from).flatMap((topic) => this.topic(topic).flat().filter(wanted))
    return Stream.callback<KafkaRecord>((queue) => {
      const listener = (record: KafkaRecord) => {
        if (wanted(record)) Queue.offerUnsafe(queue, record)
      }
      return Effect.gen(function* () {
        for (const record of existing()) Queue.offerUnsafe(queue, record)
        listeners.add(listener)
        yield* Effect.addFinalizer(() => Effect.sync(() => listeners.delete(listener)))
      })
    })
  }
}

export const toLogMessage = (message: OutgoingMessage) => ({ topic: message.topic, key: message.key, value: message.value })
