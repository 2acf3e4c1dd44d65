import { Effect, Layer } from "effect"
import { MemoryLog } from "../../src/layers/sandbox/memoryLog.js"
import { KafkaBus, type OutgoingMessage } from "../../src/services/KafkaBus.js"

/**
 * The sandbox's in-memory Kafka (the one implementation, src/layers/sandbox/memoryLog.ts) with
 * handles for unit tests: every published message is kept, a test appends CJ's answers with
 * `produce` (in `onPublish` to script them), and `lagMs` holds back a topic's records.
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

export const fakeKafka = (partitions: Readonly<Record<string, number>>, lagMs: Readonly<Record<string, number>> = {}): FakeKafka => {
  const log = new MemoryLog(partitions)
  const published: OutgoingMessage[] = []
  let consumers = 0
  const produce = (topic: string, value: string | null, partition = 0): string => log.append({ topic, key: null, value }, partition).offset
  const fake: FakeKafka = {
    published,
    produce,
    onPublish: () => undefined,
    consumers: () => consumers,
    layer: Layer.succeed(KafkaBus, {
      bootstrap: "fake:9092",
      endOffsets: (topics) => Effect.sync(() => log.endOffsets(topics)),
      publish: (message) =>
        Effect.sync(() => {
          published.push(message)
          const record = log.append(message, 0)
          queueMicrotask(() => fake.onPublish(message))
          return { topic: record.topic, partition: record.partition, offset: record.offset }
        }),
      records: (from) => {
        consumers += 1
        return log.records(from, (topic) => lagMs[topic])
      }
    })
  }
  return fake
}
