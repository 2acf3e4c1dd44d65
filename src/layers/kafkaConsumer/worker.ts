/**
 * The consumer thread: kafkajs reading the followed topics from eng5's positions. The thread is
 * started ahead of need and waits for its settings (a "start" message), so loading kafkajs
 * happens while eng5 prepares the run. Every (re)join of the consumer group seeks each partition
 * to eng5's own position, so a broker restart or a rebalance neither skips nor repeats a record;
 * nothing is committed to Kafka. At most BATCHES_IN_FLIGHT batches wait for the main thread,
 * which bounds memory.
 */
import { parentPort } from "node:worker_threads"
import { Kafka, logLevel } from "kafkajs"
import { Positions } from "../../domain/offsets.js"
import type { LogLevel } from "../../services/RunLog.js"
import { BATCHES_IN_FLIGHT, CONSUMER_FETCH_SETTINGS, type MainMessage, packBatch, transferablesOf, type WorkerMessage, type WorkerSettings } from "./protocol.js"

const port = parentPort
if (port === null) throw new Error("the Kafka consumer worker must run in a worker thread")
const post = (message: WorkerMessage, transfer: ReadonlyArray<ArrayBuffer> = []) => port.postMessage(message, [...transfer])

// Node ≥ 23 warns about the negative timer kafkajs 2.2.4 schedules when idle (harmless).
const printWarnings = process.listeners("warning")
process.removeAllListeners("warning")
process.on("warning", (warning) => {
  if (warning.name !== "TimeoutNegativeWarning") for (const listener of printWarnings) listener(warning)
})

const levels: Readonly<Record<number, LogLevel>> = { [logLevel.ERROR]: "error", [logLevel.WARN]: "warn", [logLevel.INFO]: "info", [logLevel.DEBUG]: "debug" }
const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

let credits = BATCHES_IN_FLIGHT
const waiting: Array<() => void> = []
const creditFor = (): Promise<void> => {
  if (credits > 0) {
    credits -= 1
    return Promise.resolve()
  }
  return new Promise((resolve) => waiting.push(() => resolve()))
}

/** Batch buffers the main thread gave back, filled again instead of fresh memory. */
const spares: ArrayBuffer[] = []
const MAX_SPARES = BATCHES_IN_FLIGHT + 2
const spareOf = (size: number): ArrayBuffer | undefined => {
  const index = spares.findIndex((spare) => spare.byteLength >= size)
  return index === -1 ? undefined : spares.splice(index, 1)[0]
}

const follow = async (settings: WorkerSettings): Promise<void> => {
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 8 },
    logLevel: logLevel.INFO,
    logCreator: () => (entry) => {
      const { message, ...extra } = entry.log
      post({ type: "log", level: levels[entry.level] ?? "info", fields: { namespace: entry.namespace, message, ...extra } })
    }
  })
  const consumer = kafka.consumer({ groupId: settings.groupId, allowAutoTopicCreation: false, ...CONSUMER_FETCH_SETTINGS })
  const positions = new Positions(settings.from)
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
      for (const partition of partitions) {
        const position = positions.get(topic, partition)
        if (position !== undefined) consumer.seek({ topic, partition, offset: position.toString() })
      }
    }
  })
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) post({ type: "failed", message: `The Kafka consumer stopped (${describe(event.payload.error)})` })
  })
  try {
    await consumer.connect()
    await consumer.subscribe({ topics: Object.keys(settings.from), fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        // Offsets rise within a partition's batch: what is behind eng5's position is a prefix.
        const { topic, partition, messages } = batch
        let first = 0
        while (first < messages.length && !positions.isAhead(topic, partition, BigInt(messages[first]?.offset ?? "0"))) first += 1
        const fresh = first === 0 ? messages : messages.slice(first)
        const last = fresh.at(-1)
        if (last === undefined) return
        positions.pass(topic, partition, BigInt(last.offset))
        await creditFor()
        const packed = packBatch(batch.topic, batch.partition, fresh, spareOf)
        post(packed, transferablesOf(packed))
      }
    })
  } catch (error) {
    post({ type: "failed", message: `Following the result topics on ${settings.brokers.join(",")} failed (${describe(error)})` })
  }
}

port.on("message", (message: MainMessage) => {
  if (message.type === "start") {
    void follow(message.settings)
  } else if (message.type === "recycle") {
    if (spares.length < MAX_SPARES) spares.push(message.bytes)
  } else {
    const next = waiting.shift()
    if (next === undefined) credits += 1
    else next()
  }
})
