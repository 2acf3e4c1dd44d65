import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { runLogFile } from "../../src/layers/RunLogFile.js"
import { RunLog } from "../../src/services/RunLog.js"
import { tempDir } from "../support/assets.js"

/** Logs `lines` lines into a run folder through the real run log layer; returns what it said on stderr. */
const logInto = (folder: string, lines: number) => {
  const stderr: string[] = []
  const program = Effect.gen(function* () {
    const log = yield* RunLog
    yield* log.log("info", "before_attach")
    yield* log.attach(folder)
    for (let i = 0; i < lines; i++) yield* log.log("info", "follow_progress", { i, padding: "x".repeat(1_000) })
    // Give the stream time to hit the disk and report its failure while the run goes on.
    yield* Effect.sleep("100 millis")
    yield* log.log("info", "still_running")
  })
  return Effect.as(Effect.scoped(Effect.provide(program, runLogFile({ verbose: false, secrets: [], stderr: (line) => void stderr.push(line) }))), stderr)
}

describe("the run log file", () => {
  it.live("writes the lines logged before and after the run folder is attached", () =>
    Effect.gen(function* () {
      const folder = tempDir()
      const stderr = yield* logInto(folder, 3)
      const events = readFileSync(join(folder, "logs", "eng5.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line).event)
      assert.deepStrictEqual(events, ["before_attach", "follow_progress", "follow_progress", "follow_progress", "still_running"])
      assert.deepStrictEqual(stderr, [])
    })
  )

  it.live("on a full disk says so once on stderr and lets the run go on", () =>
    Effect.gen(function* () {
      const folder = tempDir()
      mkdirSync(join(folder, "logs"))
      // /dev/full answers every write with ENOSPC, as a full disk does.
      symlinkSync("/dev/full", join(folder, "logs", "eng5.jsonl"))
      const stderr = yield* logInto(folder, 200)
      assert.strictEqual(stderr.length, 1)
      assert.include(stderr[0], join(folder, "logs", "eng5.jsonl"))
      assert.include(stderr[0], "ENOSPC")
    })
  )

  it.live("when the logs folder cannot be created, says so and lets the run go on", () =>
    Effect.gen(function* () {
      const notAFolder = join(tempDir(), "run.json")
      writeFileSync(notAFolder, "{}")
      const stderr = yield* logInto(notAFolder, 1)
      assert.strictEqual(stderr.length, 1)
      assert.include(stderr[0], "cannot be written")
    })
  )
})
