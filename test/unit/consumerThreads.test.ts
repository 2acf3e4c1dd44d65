import { once } from "node:events"
import { describe, expect, it } from "vitest"
import { ConsumerThreads } from "../../src/layers/kafkaConsumer/consumeInWorker.js"

describe("consumer threads started ahead of need", () => {
  it("hands the spare over once, then fresh threads, and close leaves taken threads alone", async () => {
    const threads = new ConsumerThreads()
    const first = threads.take()
    const second = threads.take()
    expect(second).not.toBe(first)
    await threads.close()
    const exits = [once(first, "exit"), once(second, "exit")]
    const stillRunning = await Promise.race([Promise.all(exits).then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 300))])
    expect(stillRunning).toBe(true)
    await Promise.all([first.terminate(), second.terminate()])
    await Promise.all(exits)
  })
})
