import { createHash, randomUUID } from "node:crypto"
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { furthestOf, Positions } from "../../src/domain/offsets.js"
import { EVENT_FILES, EventLog, readEventLines } from "../../src/runFolder/eventLog.js"
import { locateRunFolder } from "../../src/runFolder/runState.js"
import { tempDir } from "../support/assets.js"

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")
const line = (text: string) => `${text}\n`

describe("event log files", () => {
  it.live("a write that fails fails the flush with the disk's error, never the process", () =>
    Effect.gen(function* () {
      const notAFolder = join(tempDir(), "run.json")
      writeFileSync(notAFolder, "{}")
      const log = new EventLog(notAFolder)
      log.append("comparison", line(`{"n":1}`))
      const flushed = yield* Effect.exit(Effect.tryPromise(() => log.flush()))
      assert.isTrue(Exit.isFailure(flushed))
      assert.match(String(Exit.isFailure(flushed) ? flushed.cause : ""), /EEXIST|ENOTDIR/)
    })
  )

  it.live("appends in order across flushes, and its manifest entries match the file", () =>
    Effect.gen(function* () {
      const folder = tempDir()
      const log = new EventLog(folder)
      for (let i = 0; i < 5; i++) {
        log.append("comparison", line(`{"n":${i}}`))
        if (i % 2 === 0) yield* Effect.promise(() => log.flush())
      }
      log.append("invalid", line(`{"bad":true}`))
      yield* Effect.promise(() => log.flush())
      const file = readFileSync(join(folder, EVENT_FILES.comparison))
      assert.strictEqual(file.toString(), [0, 1, 2, 3, 4].map((n) => `{"n":${n}}\n`).join(""))
      assert.deepStrictEqual(
        log.manifestEntries().find((e) => e.path === EVENT_FILES.comparison),
        { path: EVENT_FILES.comparison, sha256: sha256(file), bytes: file.length }
      )
      yield* Effect.promise(() => log.close())
    })
  )

  it.live("reopening repairs a line cut short by a kill and keeps hashing from the file's content", () =>
    Effect.gen(function* () {
      const folder = tempDir()
      mkdirSync(join(folder, "events"))
      const path = join(folder, EVENT_FILES.completion)
      appendFileSync(path, '{"a":1}\n{"b":2}\n{"c":')
      const log = new EventLog(folder)
      yield* Effect.promise(() => log.openExisting())
      log.append("completion", line(`{"d":4}`))
      yield* Effect.promise(() => log.flush())
      const lines = yield* Effect.promise(() => readEventLines(folder, "completion"))
      assert.deepStrictEqual(lines, ['{"a":1}', '{"b":2}', '{"d":4}'])
      assert.strictEqual(log.manifestEntries()[0]?.sha256, sha256(readFileSync(path)))
      yield* Effect.promise(() => log.close())
    })
  )
})

describe("positions", () => {
  it("move forward only, and the furthest of two is taken partition by partition", () => {
    const positions = new Positions({ t: { "0": "5", "1": "2" } })
    positions.pass("t", 0, 9n)
    positions.raise("t", 1, 1n)
    assert.isFalse(positions.isAhead("t", 0, 9n))
    assert.isTrue(positions.isAhead("t", 0, 10n))
    assert.isTrue(positions.isAhead("u", 0, 0n))
    assert.deepStrictEqual(positions.snapshot(), { t: { "0": "10", "1": "2" } })
    assert.deepStrictEqual(furthestOf({ t: { "0": "3", "1": "8" } }, { t: { "0": "4" }, u: { "2": "1" } }), { t: { "0": "4", "1": "8" }, u: { "2": "1" } })
  })
})

describe("finding a run folder", () => {
  it.effect("takes a folder path, or a batch UUID among the run folders of the output directory", () =>
    Effect.gen(function* () {
      const out = tempDir()
      const uuid = randomUUID()
      mkdirSync(join(out, `pilot-${uuid}`))
      assert.strictEqual(yield* locateRunFolder(join(out, `pilot-${uuid}`), "unused"), join(out, `pilot-${uuid}`))
      assert.strictEqual(yield* locateRunFolder(uuid.toUpperCase(), out), join(out, `pilot-${uuid}`))
      const missing = yield* Effect.exit(locateRunFolder(randomUUID(), out))
      assert.isTrue(Exit.isFailure(missing))
      const nonsense = yield* Effect.exit(locateRunFolder("not-a-folder-or-uuid", out))
      assert.isTrue(Exit.isFailure(nonsense))
    })
  )
})
