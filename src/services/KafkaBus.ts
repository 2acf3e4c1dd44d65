import { Context, type Effect, type Stream } from "effect"
import type { TopicOffsets } from "../domain/offsets.js"
import type { KafkaFailure, KafkaUnavailable } from "../errors.js"

/** One record as read from Kafka; the value decoded as UTF-8. */
export interface KafkaRecord {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  readonly key: string | null
  readonly value: string | null
  /** Broker timestamp, milliseconds since the epoch. */
  readonly timestamp: string
}

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
  readonly records: (from: TopicOffsets) => Stream.Stream<KafkaRecord, KafkaFailure>
}

export class KafkaBus extends Context.Service<KafkaBus, KafkaBusService>()("eng5/services/KafkaBus") {}
