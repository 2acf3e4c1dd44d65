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

const startThread = (): Worker => {
  const entry = workerEntry()
  return new Worker(entry.url, { execArgv: [...entry.execArgv] })
}

/**
 * Consumer threads, one always started ahead of need: loading kafkajs in a fresh thread takes
 * about 100 ms, which the spare spends while eng5 prepares the run (preflights, uploads,
 * replaying a run folder) rather than after following has started. A spare that died (it has no
 * listener to report to yet) is replaced by a fresh thread, which reports its own failure.
 */
export class ConsumerThreads {
  private spare: { readonly worker: Worker; dead: boolean } | undefined

  constructor() {
    const worker = startThread()
    const spare = { worker, dead: false }
    const died = () => {
      spare.dead = true
    }
    worker.once("error", died).once("exit", died)
    // A waiting spare never keeps the process alive.
    worker.unref()
    this.spare = spare
  }

  /** The spare if it is alive, else a fresh thread; either waits for its "start" message. */
  take(): Worker {
    const spare = this.spare
    this.spare = undefined
    if (spare === undefined || spare.dead) {
      if (spare !== undefined) void spare.worker.terminate()
      return startThread()
    }
    spare.worker.removeAllListeners()
    spare.worker.ref()
    return spare.worker
  }

  /** Ends the spare, if it was never taken. */
  async close(): Promise<void> {
    const spare = this.spare
    this.spare = undefined
    spare?.worker.removeAllListeners()
    await spare?.worker.terminate()
  }
}

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

/**
 * Every record of the topics in `from`, from those positions on, read by kafkajs in a worker
 * thread taken from `threads`.
 */
export const consumeInWorker = (
  config: ConsumerConfig,
  from: TopicOffsets,
  runLog: RunLogService,
  threads: ConsumerThreads
): Stream.Stream<KafkaRecordBatch, KafkaFailure> =>
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
        const worker = yield* Effect.acquireRelease(
          Effect.sync(() => threads.take()),
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
        worker.postMessage({ type: "start", settings } satisfies MainMessage, [])
      }),
    { bufferSize: 2, strategy: "suspend" }
  )
