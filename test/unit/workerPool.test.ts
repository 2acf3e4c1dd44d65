import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { forEachPooled } from "../../src/upload/workerPool.js"

describe("forEachPooled", () => {
  it.live("visits every item once with at most `concurrency` in flight", () =>
    Effect.gen(function* () {
      const seen: number[] = []
      let inFlight = 0
      let peak = 0
      yield* forEachPooled(Array.from({ length: 50 }, (_, i) => i), 4, (i) =>
        Effect.gen(function* () {
          inFlight += 1
          peak = Math.max(peak, inFlight)
          yield* Effect.sleep(1)
          seen.push(i)
          inFlight -= 1
        })
      )
      assert.deepStrictEqual(seen.toSorted((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i))
      assert.strictEqual(peak, 4)
    }))

  it.live("stops taking items after the first failure", () =>
    Effect.gen(function* () {
      const started: number[] = []
      const error = yield* Effect.flip(
        forEachPooled(Array.from({ length: 100 }, (_, i) => i), 3, (i) =>
          Effect.andThen(
            Effect.sync(() => void started.push(i)),
            i === 5 ? Effect.fail("boom") : Effect.sleep(1)
          )
        )
      )
      assert.strictEqual(error, "boom")
      assert.isBelow(started.length, 12)
    }))
})
