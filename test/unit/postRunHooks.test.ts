import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { selectPostRunHooks } from "../../src/cli/postRunHooks.js"
import { requestedHooks } from "../../src/cli/postRunFlags.js"
import { runPostRunHooks } from "../../src/programs/postRun.js"
import { type PostRunHook, PostRunHooks } from "../../src/services/PostRunHooks.js"
import { RunLog } from "../../src/services/RunLog.js"

const RUN = { runFolder: "/runs/x", artefactPath: "/runs/x/assessment_run.json", batchUuid: "b", batchLabel: "l", outcome: "completed" as const }

const run = (hooks: ReadonlyArray<PostRunHook>, outcome: typeof RUN.outcome | "timed_out" = "completed", timeoutMs = 200) =>
  runPostRunHooks({ ...RUN, outcome }).pipe(
    Effect.provide(Layer.mergeAll(RunLog.discard, PostRunHooks.layer(hooks, { timeoutMs, flags: { "cj-database-url": "postgres://x" }, env: { A: "1" } })))
  )

describe("post-run hooks", () => {
  it.effect("hands each hook the run, the flags and the environment, and records what it returns", () =>
    Effect.gen(function* () {
      const records = yield* run([{ name: "echo", run: (context) => Effect.succeed({ url: context.flags["cj-database-url"], a: context.env["A"], folder: context.runFolder }) }])
      assert.deepInclude(records["echo"], { status: "succeeded", result: { url: "postgres://x", a: "1", folder: "/runs/x" } })
    })
  )

  it.effect("records a failure with its fix, a thrown error and a hang stopped at --post-run-timeout, and still runs the next hook", () =>
    Effect.gen(function* () {
      let lastRan = false
      const fiber = yield* Effect.forkChild(
        run([
          { name: "fails", run: () => Effect.fail({ message: "no database", fix: "start it" }) },
          { name: "throws", run: () => { throw new Error("boom") } },
          { name: "hangs", run: () => Effect.never },
          { name: "not-an-effect", run: () => "nope" as unknown as Effect.Effect<void> },
          { name: "last", run: () => Effect.sync(() => void (lastRan = true)) }
        ])
      )
      yield* TestClock.adjust("199 millis")
      assert.deepStrictEqual([fiber.pollUnsafe(), lastRan], [undefined, false])
      yield* TestClock.adjust("1 millis")
      const records = yield* Fiber.join(fiber)
      assert.deepInclude(records["fails"], { status: "failed", detail: "no database", fix: "start it" })
      assert.deepInclude(records["throws"], { status: "failed", detail: "defect: boom" })
      assert.deepInclude(records["hangs"], { status: "failed", detail: "did not finish within 0.2 s (--post-run-timeout); stopped" })
      assert.deepInclude(records["not-an-effect"], { status: "failed", detail: "defect: hook not-an-effect did not return an Effect" })
      assert.deepInclude(records["last"], { status: "succeeded" })
    })
  )

  it.effect("skips every hook, saying why, when the batch did not complete", () =>
    Effect.gen(function* () {
      let ran = false
      const records = yield* run([{ name: "x", run: () => Effect.sync(() => void (ran = true)) }], "timed_out")
      assert.isFalse(ran)
      assert.deepInclude(records["x"], { status: "skipped", detail: "the batch did not complete (timed_out)" })
    })
  )

  it("selects hooks by name, with --auto-extract-eng5-db as db-extract, and fails on an unknown name listing the known ones", () => {
    expect(requestedHooks({ "post-run": ["a", "db-extract"], "auto-extract-eng5-db": true, "post-run-timeout": 1 })).toEqual(["a", "db-extract"])
    expect(requestedHooks({ "post-run": undefined, "auto-extract-eng5-db": true, "post-run-timeout": 1 })).toEqual(["db-extract"])
    const available: ReadonlyArray<PostRunHook> = [
      { name: "db-extract", description: "read the CJ database", run: () => Effect.void },
      { name: "a", run: () => Effect.void }
    ]
    const chosen = Effect.runSync(selectPostRunHooks(available, ["a", "db-extract"]))
    expect(chosen.map((hook) => hook.name)).toEqual(["a", "db-extract"])
    const failure = Effect.runSync(Effect.flip(selectPostRunHooks(available, ["nope"])))
    expect(failure).toMatchObject({ _tag: "InvalidFlag", exitCode: 2, message: "No post-run hook named nope. Installed hooks: db-extract (read the CJ database); a." })
  })
})
