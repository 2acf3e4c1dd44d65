import { Effect, Layer } from "effect"
import { type Admin, Kafka, logLevel, Partitioners } from "kafkajs"
import type { TopicOffsets } from "../domain/offsets.js"
import { KafkaFailure, KafkaUnavailable } from "../errors.js"
import { KafkaBus } from "../services/KafkaBus.js"
import { type LogLevel, RunLog } from "../services/RunLog.js"
import { ConsumerThreads, consumeInWorker } from "./kafkaConsumer/consumeInWorker.js"

export { CONSUMER_FETCH_SETTINGS } from "./kafkaConsumer/protocol.js"

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

/**
 * KafkaBus over kafkajs: admin and producer here, the consumer in a worker thread (see
 * kafkaConsumer/). kafkajs's own log lines go to the run log, never to the terminal.
 */
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

      const threads = yield* Effect.acquireRelease(
        Effect.sync(() => new ConsumerThreads()),
        (spare) => Effect.promise(() => spare.close())
      )
      const records = (from: TopicOffsets) => {
        // Following ends with an end-offset lookup (the drain); connecting now keeps that off the end of the run.
        connectedAdmin().catch(() => dropAdmin())
        return consumeInWorker({ bootstrap: config.bootstrap, clientId: config.clientId }, from, runLog, threads)
      }

      return KafkaBus.of({ bootstrap: config.bootstrap, endOffsets, publish, records })
    })
  )
