import { randomUUID } from "node:crypto"
import { Cause, Effect, Layer, Queue, Stream } from "effect"
import { type Admin, type Consumer, Kafka, logLevel, Partitioners } from "kafkajs"
import { Positions, type TopicOffsets } from "../domain/offsets.js"
import { KafkaFailure, KafkaUnavailable } from "../errors.js"
import { KafkaBus, type KafkaRecord } from "../services/KafkaBus.js"
import { type LogLevel, RunLog } from "../services/RunLog.js"

/** kafkajs's default fetch sizes (they keep memory low), with a short wait so a run ends promptly. */
export const CONSUMER_FETCH_SETTINGS = {
  maxBytesPerPartition: 1024 * 1024,
  maxBytes: 10 * 1024 * 1024,
  maxWaitTimeInMs: 250
} as const

/** Records read ahead of the follow loop; beyond this kafkajs waits, which bounds memory. */
const RECORDS_READ_AHEAD = 4_096

export interface KafkaBusConfig {
  /** `host:port[,host:port]`. */
  readonly bootstrap: string
  readonly clientId: string
  /** How long a publish may take, retries included (default 60 s). */
  readonly publishTimeoutMs?: number
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

const kafkajsLevel: Readonly<Record<number, LogLevel>> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug"
}

/**
 * Reads the topics of `from` from those positions on, handing each batch's new records to
 * `deliver`; kafkajs fetches no more of a partition until `deliver` resolves.
 */
const follow = async (consumer: Consumer, from: TopicOffsets, deliver: (records: ReadonlyArray<KafkaRecord>) => Promise<unknown>) => {
  // Every (re)join of the group seeks each partition to eng5's own position, so a broker
  // restart or a rebalance neither skips nor repeats a record; nothing is committed to Kafka.
  const positions = new Positions(from)
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
      for (const partition of partitions) {
        const position = positions.get(topic, partition)
        if (position !== undefined) consumer.seek({ topic, partition, offset: position.toString() })
      }
    }
  })
  await consumer.connect()
  await consumer.subscribe({ topics: Object.keys(from), fromBeginning: true })
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const { topic, partition } = batch
      const fresh: KafkaRecord[] = []
      for (const message of batch.messages) {
        const offset = BigInt(message.offset)
        if (!positions.isAhead(topic, partition, offset)) continue
        positions.pass(topic, partition, offset)
        fresh.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString("utf8") ?? null,
          value: message.value?.toString("utf8") ?? null,
          timestamp: message.timestamp
        })
      }
      if (fresh.length > 0) await deliver(fresh)
    }
  })
}

/**
 * Node ≥ 23 warns about the negative timer kafkajs 2.2.4 schedules when its request queue is
 * idle (harmless). Only that warning is dropped, and only while the layer is alive.
 */
const hideKafkajsTimerWarning = Effect.acquireRelease(
  Effect.sync(() => {
    const previous = process.listeners("warning")
    const filtered = (warning: Error) => {
      if (warning.name !== "TimeoutNegativeWarning") for (const listener of previous) listener(warning)
    }
    process.removeAllListeners("warning")
    process.on("warning", filtered)
    return { previous, filtered }
  }),
  ({ previous, filtered }) =>
    Effect.sync(() => {
      process.off("warning", filtered)
      for (const listener of previous) process.on("warning", listener)
    })
)

/** KafkaBus over kafkajs. kafkajs's own log lines go to the run log, never to the terminal. */
export const kafkaBusKafkajs = (config: KafkaBusConfig) =>
  Layer.effect(
    KafkaBus,
    Effect.gen(function* () {
      const runLog = yield* RunLog
      yield* hideKafkajsTimerWarning
      const kafka = new Kafka({
        clientId: config.clientId,
        brokers: config.bootstrap.split(",").map((b) => b.trim()).filter((b) => b !== ""),
        connectionTimeout: 5_000,
        retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 8 },
        logLevel: logLevel.INFO,
        logCreator: () => (entry) => {
          const { message, ...extra } = entry.log
          Effect.runSync(runLog.log(kafkajsLevel[entry.level] ?? "info", "kafka_client", { namespace: entry.namespace, message, ...extra }))
        }
      })
      const unavailable = (what: string) => (error: unknown) =>
        new KafkaUnavailable({
          bootstrap: config.bootstrap,
          message: `${what} on Kafka at ${config.bootstrap} failed (${describe(error)}). Nothing was published.`,
          fix: "Check that the broker runs and that --kafka-bootstrap (or KAFKA_BOOTSTRAP_SERVERS) names it."
        })

      // One admin connection for the layer's lifetime, opened on first use: the end offsets are
      // read before publishing and again when CJ ends the batch, and a fresh connection each
      // time would add its set-up to the end of every run. A failed lookup drops it.
      let admin: Promise<Admin> | undefined
      const connectedAdmin = (): Promise<Admin> => {
        if (admin === undefined) {
          const created = kafka.admin({ retry: { retries: 3, initialRetryTime: 300 } })
          admin = created.connect().then(() => created)
        }
        return admin
      }
      const dropAdmin = async () => {
        const dropped = admin
        admin = undefined
        await dropped?.then((a) => a.disconnect()).catch(() => undefined)
      }
      yield* Effect.addFinalizer(() => Effect.promise(dropAdmin))

      const endOffsets = (topics: ReadonlyArray<string>) =>
        Effect.tryPromise({
          try: async () => {
            try {
              const client = await connectedAdmin()
              const existing = new Set(await client.listTopics())
              const missing = topics.filter((t) => !existing.has(t))
              if (missing.length > 0) throw new Error(`topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not found`)
              const perTopic = await Promise.all(topics.map((topic) => client.fetchTopicOffsets(topic)))
              const result: Record<string, Record<string, string>> = {}
              topics.forEach((topic, i) => {
                const partitions = perTopic[i] ?? []
                result[topic] = Object.fromEntries(partitions.sort((a, b) => a.partition - b.partition).map((p) => [String(p.partition), p.high]))
              })
              return result as TopicOffsets
            } catch (error) {
              await dropAdmin()
              throw error
            }
          },
          catch: unavailable("Reading the end offsets of the result topics")
        })

      const publish = (message: { readonly topic: string; readonly key: string; readonly value: string }) =>
        Effect.tryPromise({
          try: async () => {
            const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner })
            await producer.connect()
            try {
              const [sent] = await producer.send({ topic: message.topic, acks: -1, messages: [{ key: message.key, value: message.value }] })
              return { topic: message.topic, partition: sent?.partition ?? -1, offset: sent?.baseOffset ?? sent?.offset ?? "-1" }
            } finally {
              await producer.disconnect()
            }
          },
          catch: (error) =>
            new KafkaFailure({
              bootstrap: config.bootstrap,
              message: `Publishing to ${message.topic} on ${config.bootstrap} failed (${describe(error)}); the request may or may not have reached CJ.`,
              fix: "Check the broker, then follow the batch with `eng5 run attach` or run execute again with a new batch."
            })
        }).pipe(
          Effect.timeoutOrElse({
            duration: config.publishTimeoutMs ?? 60_000,
            orElse: () =>
              Effect.fail(
                new KafkaFailure({
                  bootstrap: config.bootstrap,
                  message: `Publishing to ${message.topic} on ${config.bootstrap} did not finish in time; the request may or may not have reached CJ.`,
                  fix: "Check the broker, then follow the batch with `eng5 run attach` or run execute again with a new batch."
                })
              )
          })
        )

      const records = (from: TopicOffsets) =>
        Stream.callback<KafkaRecord, KafkaFailure>(
          (queue) =>
            Effect.gen(function* () {
              // Following ends with an end-offset lookup (the drain); connecting now keeps that off the end of the run.
              connectedAdmin().catch(() => dropAdmin())
              const fail = (message: string) =>
                Queue.failCauseUnsafe(
                  queue,
                  Cause.fail(
                    new KafkaFailure({
                      bootstrap: config.bootstrap,
                      message: `${message}.`,
                      fix: "Check the broker, then continue with `eng5 run attach <run folder>`: nothing received so far is lost."
                    })
                  )
                )
              const consumer = kafka.consumer({ groupId: `${config.clientId}-eng5-${randomUUID()}`, allowAutoTopicCreation: false, ...CONSUMER_FETCH_SETTINGS })
              consumer.on(consumer.events.CRASH, (event) => {
                if (!event.payload.restart) fail(`The Kafka consumer stopped (${describe(event.payload.error)})`)
              })
              yield* Effect.acquireRelease(
                Effect.sync(() => {
                  follow(consumer, from, (batch) => Effect.runPromise(Queue.offerAll(queue, batch))).catch((error: unknown) =>
                    fail(`Following the result topics on ${config.bootstrap} failed (${describe(error)})`)
                  )
                }),
                // Shut the queue first: a batch waiting to be queued would otherwise hold up the disconnect.
                () => Effect.andThen(Queue.shutdown(queue), Effect.promise(() => consumer.disconnect().catch(() => undefined)))
              )
            }),
          { bufferSize: RECORDS_READ_AHEAD, strategy: "suspend" }
        )

      return KafkaBus.of({ bootstrap: config.bootstrap, endOffsets, publish, records })
    })
  )
