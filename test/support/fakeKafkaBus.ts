import { Effect, Layer, Queue, Stream } from "effect"
import type { TopicOffsets } from "../../src/domain/offsets.js"
import { KafkaBus, type KafkaRecord, type OutgoingMessage } from "../../src/services/KafkaBus.js"

/**
 * An in-memory Kafka for unit tests that keeps KafkaBus's contract: each partition is an
 * append-only log, `records(from)` replays from the given positions and then follows, and
 * `publish` appends too (so a test can script CJ's answers in `onPublish`).
 */
export interface FakeKafka {
  readonly layer: Layer.Layer<KafkaBus>
  readonly published: OutgoingMessage[]
  /** Appends a record; returns its offset. */
  produce: (topic: string, value: string | null, partition?: number) => string
  onPublish: (message: OutgoingMessage) => void
  /** How many consumers (`records` streams) were started. */
  readonly consumers: () => number
}

/** `lagMs` delays delivery of a topic's records, as a consumer lagging on a busy topic would see them. */
export const fakeKafka = (partitions: Readonly<Record<string, number>>, lagMs: Readonly<Record<string, number>> = {}): FakeKafka => {
  const logs = new Map<string, KafkaRecord[][]>()
  const listeners = new Set<(record: KafkaRecord) => void>()
  const published: OutgoingMessage[] = []
  let consumers = 0
  for (const [topic, count] of Object.entries(partitions)) logs.set(topic, Array.from({ length: count }, () => []))

  const produce = (topic: string, value: string | null, partition = 0): string => {
    const log = logs.get(topic)?.[partition]
    if (log === undefined) throw new Error(`fake kafka: no partition ${partition} of ${topic}`)
    const record: KafkaRecord = { topic, partition, offset: String(log.length), key: null, value, timestamp: String(Date.now()) }
    log.push(record)
    for (const listener of listeners) listener(record)
    return record.offset
  }

  const fake: FakeKafka = {
    published,
    produce,
    onPublish: () => undefined,
    consumers: () => consumers,
    layer: Layer.succeed(KafkaBus, {
      bootstrap: "fake:9092",
      endOffsets: (topics) =>
        Effect.sync(() => Object.fromEntries(topics.map((t) => [t, Object.fromEntries((logs.get(t) ?? [[]]).map((log, p) => [String(p), String(log.length)]))])) as TopicOffsets),
      publish: (message) =>
        Effect.sync(() => {
          published.push(message)
          const offset = logs.has(message.topic) ? produce(message.topic, message.value) : "0"
          queueMicrotask(() => fake.onPublish(message))
          return { topic: message.topic, partition: 0, offset }
        }),
      records: (from) => {
        const wanted = (record: KafkaRecord) => record.topic in from && BigInt(record.offset) >= BigInt(from[record.topic]?.[String(record.partition)] ?? "0")
        return Stream.callback<KafkaRecord>((queue) => {
          const deliver = (record: KafkaRecord) => {
            if (!wanted(record)) return
            const lag = lagMs[record.topic]
            if (lag === undefined) Queue.offerUnsafe(queue, record)
            else setTimeout(() => Queue.offerUnsafe(queue, record), lag)
          }
          return Effect.acquireRelease(
            Effect.sync(() => {
              consumers += 1
              for (const topic of Object.keys(from)) for (const log of logs.get(topic) ?? []) for (const r of log) deliver(r)
              const listener = deliver
              listeners.add(listener)
              return listener
            }),
            (listener) => Effect.sync(() => listeners.delete(listener))
          )
        })
      }
    })
  }
  return fake
}
