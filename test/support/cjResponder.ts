/**
 * CJ and the LLM Provider over a real Kafka broker, for integration and e2e tests: consumes
 * eng5's request, checks it field by field against the contract, and answers with whatever the
 * test scripts (callbacks, duplicates, poison, noise, completion, result, failure, or nothing).
 */
import { randomUUID } from "node:crypto"
import { Kafka, logLevel, Partitioners, type Producer } from "kafkajs"
import { TOPICS } from "../../src/domain/platform.js"
import { contractProblems, type Produced } from "./cjScript.js"

export const PLATFORM_TOPICS = [TOPICS.request, TOPICS.comparisonResult, TOPICS.completed, TOPICS.resultPublished, TOPICS.failed]

const kafkaOf = (bootstrap: string, clientId: string) =>
  new Kafka({ clientId, brokers: bootstrap.split(","), logLevel: logLevel.NOTHING, retry: { initialRetryTime: 200, retries: 15 } })

/** Creates the platform's topics with 3 partitions each (as HuleEdu's topic bootstrap does), once. */
export const ensurePlatformTopics = async (bootstrap: string): Promise<void> => {
  const admin = kafkaOf(bootstrap, "eng5-test-admin").admin()
  await admin.connect()
  try {
    const existing = new Set(await admin.listTopics())
    const missing = PLATFORM_TOPICS.filter((t) => !existing.has(t))
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })), waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
}

/** A producer for scripted platform events; `send` writes them in order, each to its partition. */
export const platformProducer = async (bootstrap: string) => {
  const producer: Producer = kafkaOf(bootstrap, "eng5-test-platform").producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  return {
    send: async (events: ReadonlyArray<Produced>) => {
      for (const topic of new Set(events.map((e) => e.topic))) {
        const messages = events.filter((e) => e.topic === topic).map((e) => ({ value: e.value, ...(e.partition === undefined ? {} : { partition: e.partition }) }))
        for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) })
      }
    },
    disconnect: () => producer.disconnect()
  }
}

export interface ReceivedRequest {
  readonly key: string | null
  readonly value: string
  /** Contract violations; CJ would have dropped the request. */
  readonly problems: ReadonlyArray<string>
}

export type Emit = (events: ReadonlyArray<Produced>) => Promise<void>
export type Script = (request: ReceivedRequest, emit: Emit) => Promise<void>

export interface CjResponder {
  readonly requests: ReceivedRequest[]
  /** Errors of scripts that threw. */
  readonly errors: unknown[]
  /** Replaces what the next requests are answered with. */
  answerWith: (script: Script) => void
  stop: () => Promise<void>
}

/** Starts consuming the request topic from its end; resolves once the consumer is in its group. */
export const startCjResponder = async (bootstrap: string, initial: Script): Promise<CjResponder> => {
  const kafka = kafkaOf(bootstrap, "eng5-test-cj")
  const consumer = kafka.consumer({ groupId: `cj-assessment-test-${randomUUID()}`, maxWaitTimeInMs: 100 })
  const producer = await platformProducer(bootstrap)
  const requests: ReceivedRequest[] = []
  const errors: unknown[] = []
  let script = initial
  const running: Promise<void>[] = []
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()))
  await consumer.connect()
  await consumer.subscribe({ topics: [TOPICS.request], fromBeginning: false })
  await consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString("utf8") ?? null
      const value = message.value?.toString("utf8") ?? ""
      const request: ReceivedRequest = { key, value, problems: contractProblems(key, value) }
      requests.push(request)
      if (request.problems.length > 0) return
      running.push(script(request, producer.send).catch((error: unknown) => void errors.push(error)))
    }
  })
  await joined
  return {
    requests,
    errors,
    answerWith: (next) => {
      script = next
    },
    stop: async () => {
      await Promise.allSettled(running)
      await Promise.allSettled([consumer.disconnect(), producer.disconnect()])
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `probe` returns true, polling; fails after `timeoutMs` naming what it waited for. */
export const waitUntil = async (probe: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(50)
  }
}
