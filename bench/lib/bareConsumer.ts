/**
 * The benchmark's baseline, in a process of its own: a bare kafkajs consumer with eng5's fetch
 * settings reading the given records, doing nothing with them. With `storeTo`, it also parses
 * each value as JSON and appends it to that file, one line each (the least any collector that
 * checks and keeps what it reads must do). Prints one JSON line.
 *
 *   node --import tsx bench/lib/bareConsumer.ts '<json task>'
 */
import { randomUUID } from "node:crypto"
import { closeSync, openSync, writeSync } from "node:fs"
import { Kafka, logLevel } from "kafkajs"
import type { TopicOffsets } from "../../src/domain/offsets.js"
import { CONSUMER_FETCH_SETTINGS } from "../../src/layers/KafkaBusKafkajs.js"

export interface BareTask {
  readonly bootstrap: string
  readonly start: TopicOffsets
  /** Stop after this many records (every record in the measured range). */
  readonly records: number
  /** Parse every value and append it to this file. */
  readonly storeTo?: string
}

export interface BareResult {
  readonly seconds: number
  readonly records: number
  readonly peakRssMb: number
  /** CPU time of the whole process (every thread, user and system), start-up included. */
  readonly cpuSeconds: number
}

const task = JSON.parse(process.argv[2] ?? "{}") as BareTask
const kafka = new Kafka({ clientId: "bench-bare", brokers: [task.bootstrap], logLevel: logLevel.NOTHING })
const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}`, ...CONSUMER_FETCH_SETTINGS })
let seen = 0
const store = task.storeTo === undefined ? undefined : openSync(task.storeTo, "a")
const NEWLINE = Buffer.from("\n")
const done = Promise.withResolvers<void>()
consumer.on(consumer.events.GROUP_JOIN, (event) => {
  for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
    for (const partition of partitions) consumer.seek({ topic, partition, offset: task.start[topic]?.[String(partition)] ?? "0" })
  }
})
const started = performance.now()
await consumer.connect()
await consumer.subscribe({ topics: Object.keys(task.start), fromBeginning: true })
await consumer.run({
  autoCommit: false,
  eachBatch: async ({ batch }) => {
    if (store !== undefined) {
      const lines: Buffer[] = []
      for (const message of batch.messages) {
        if (message.value === null) continue
        JSON.parse(message.value.toString("utf8"))
        lines.push(message.value, NEWLINE)
      }
      writeSync(store, Buffer.concat(lines))
    }
    seen += batch.messages.length
    if (seen >= task.records) done.resolve()
  }
})
await done.promise
const usage = process.resourceUsage()
const result: BareResult = {
  seconds: (performance.now() - started) / 1000,
  records: seen,
  peakRssMb: Math.round(usage.maxRSS / 1024),
  cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6
}
process.stdout.write(`${JSON.stringify(result)}\n`)
if (store !== undefined) closeSync(store)
await consumer.disconnect()
process.exit(0)
