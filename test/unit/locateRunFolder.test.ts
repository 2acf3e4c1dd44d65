import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { locateRunFolder } from "../../src/runFolder/runState.js"

const PILOT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01"
const TWIN_A = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e02"
const TWIN_B = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e03"

const outputDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "eng5-locate-"))
  for (const name of [`pilot-${PILOT}`, `twin-${TWIN_A}`, `twin-${TWIN_B}`, "pilot-notes"]) mkdirSync(join(dir, name))
  return dir
}

describe("a run named by its label, as runs list shows it", () => {
  it.effect("a label only one run has finds its folder, like its batch uuid", () =>
    Effect.gen(function* () {
      const dir = outputDir()
      assert.strictEqual(yield* locateRunFolder("pilot", dir), join(dir, `pilot-${PILOT}`))
      assert.strictEqual(yield* locateRunFolder(PILOT.toUpperCase(), dir), join(dir, `pilot-${PILOT}`))
    }))

  it.effect("a label several runs share is refused, naming their folders, exit 2", () =>
    Effect.gen(function* () {
      const dir = outputDir()
      const error = yield* Effect.flip(locateRunFolder("twin", dir))
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, `twin-${TWIN_A}`)
      assert.include(error.message, `twin-${TWIN_B}`)
      assert.include(error.fix, "batch uuid")
    }))

  it.effect("a label no run has points at `eng5 runs list`", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(locateRunFolder("nobody", outputDir()))
      assert.include(error.message, '"nobody"')
      assert.include(error.fix, "eng5 runs list")
    }))
})
