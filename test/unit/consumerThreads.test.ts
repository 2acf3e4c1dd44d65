import { once } from "node:events"
import { setTimeout as sleep } from "node:timers/promises"
import type { Worker } from "node:worker_threads"
import { describe, expect, it } from "vitest"
import { ConsumerThreads } from "../../src/layers/kafkaConsumer/consumeInWorker.js"

/** Whether `worker` comes online within `ms` (a thread already running never does again). */
const comesOnline = (worker: Worker, ms: number) =>
  Promise.race([once(worker, "online").then(() => true), sleep(ms).then(() => false)])

describe("consumer threads started ahead of need", () => {
  it("hands over the thread it started at construction, already running, then fresh ones", { timeout: 15_000 }, async () => {
    const threads = new ConsumerThreads()
    // Long enough for the spare to load (through tsx here) on a loaded machine.
    await sleep(3_000)
    const spare = threads.take()
    const fresh = threads.take()
    expect(fresh).not.toBe(spare)
    const [spareCameOnline, freshCameOnline] = await Promise.all([comesOnline(spare, 3_000), comesOnline(fresh, 3_000)])
    expect(spareCameOnline).toBe(false)
    expect(freshCameOnline).toBe(true)
    await Promise.all([spare.terminate(), fresh.terminate()])
  })

  it("leaves taken threads running when closed", async () => {
    const threads = new ConsumerThreads()
    const taken = threads.take()
    const exited = once(taken, "exit").then(() => true)
    await threads.close()
    expect(await Promise.race([exited, sleep(300).then(() => false)])).toBe(false)
    await taken.terminate()
    expect(await exited).toBe(true)
  })
})
