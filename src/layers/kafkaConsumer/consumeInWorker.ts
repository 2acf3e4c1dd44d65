import { randomUUID } from "node:crypto"
import { Worker } from "node:worker_threads"
import { Effect, Queue, Stream } from "effect"
import type { TopicOffsets } from "../../domain/offsets.js"
import { KafkaFailure } from "../../errors.js"
import type { KafkaRecordBatch } from "../../services/KafkaBus.js"
import type { RunLogService } from "../../services/RunLog.js"
import { type MainMessage, unpackBatch, type WorkerMessage, type WorkerSettings } from "./protocol.js"

export interface ConsumerConfig {
  readonly bootstrap: string
  readonly clientId: string
}

/**
 * The compiled worker next to this file; when eng5 runs from its TypeScript sources (tests),
 * the worker is the `.ts` file, loaded through tsx.
 */
const workerEntry = (): { readonly url: URL; readonly execArgv: ReadonlyArray<string> } =>
  import.meta.url.endsWith(".ts")
    ? { url: new URL("./worker.ts", import.meta.url), execArgv: ["--import", "tsx"] }
    : { url: new URL("./worker.js", import.meta.url), execArgv: [] }

/**
 * Ends the consumer thread at once. Leaving the group first would make every run wait for the
 * fetch in flight (up to its max wait); eng5's groups are single-use and commit nothing, so the
 * broker forgets the member after its session timeout and nothing is lost.
 */
const stop = (worker: Worker) =>
  Effect.promise(() => {
    worker.removeAllListeners()
    return worker.terminate()
  })

/** Every record of the topics in `from`, from those positions on, read by kafkajs in a worker thread. */
export const consumeInWorker = (config: ConsumerConfig, from: TopicOffsets, runLog: RunLogService): Stream.Stream<KafkaRecordBatch, KafkaFailure> =>
  Stream.callback<KafkaRecordBatch, KafkaFailure>(
    (queue) =>
      Effect.gen(function* () {
        const fail = (message: string) =>
          Effect.runFork(
            Queue.fail(
              queue,
              new KafkaFailure({
                bootstrap: config.bootstrap,
                message: `${message}.`,
                fix: "Check the broker, then continue with `eng5 run attach <run folder>`: nothing received so far is lost."
              })
            )
          )
        const settings: WorkerSettings = {
          brokers: config.bootstrap.split(",").map((b) => b.trim()).filter((b) => b !== ""),
          clientId: config.clientId,
          groupId: `${config.clientId}-eng5-${randomUUID()}`,
          from
        }
        const entry = workerEntry()
        const worker = yield* Effect.acquireRelease(
          Effect.sync(() => new Worker(entry.url, { workerData: settings, execArgv: [...entry.execArgv] })),
          (w) => stop(w)
        )
        // Batches are queued strictly in arrival order; the worker gets its credit back once a
        // batch is in the queue, so a slow reader holds the worker instead of filling memory.
        let delivered: Promise<void> = Promise.resolve()
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "batch") {
            const batch = unpackBatch(message, (bytes) => worker.postMessage({ type: "recycle", bytes } satisfies MainMessage, [bytes]))
            delivered = delivered
              .then(() => Effect.runPromise(Queue.offer(queue, batch)))
              .then(() => worker.postMessage({ type: "taken" } satisfies MainMessage, []))
          } else if (message.type === "log") {
            Effect.runSync(runLog.log(message.level, "kafka_client", message.fields))
          } else {
            fail(message.message)
          }
        })
        worker.on("error", (error) => fail(`The Kafka consumer thread failed (${error.message})`))
        worker.on("exit", (code) => {
          if (code !== 0) fail(`The Kafka consumer thread ended with code ${code}`)
        })
      }),
    { bufferSize: 2, strategy: "suspend" }
  )
