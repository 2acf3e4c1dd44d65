import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { writeRunState } from "../../src/runFolder/runState.js"
import { tempDir } from "../support/assets.js"

/** A "run folder" that is a file: every write into it fails as a full or read-only disk would. */
const brokenFolder = () => {
  const path = join(tempDir(), "not-a-folder")
  writeFileSync(path, "")
  return path
}

const state = {
  schema_version: 1 as const,
  batch_uuid: "11111111-2222-4333-8444-555555555555",
  batch_label: "b",
  correlation_id: "c",
  assignment_id: null,
  grade_scale: "eng5_np_legacy_9_step",
  created_at: new Date(0).toISOString(),
  upload_cache: null,
  kafka: null,
  published: null
}

describe("run state writes that fail", () => {
  it.live("run.json: the run-folder error naming the file and the fix, not a defect", () =>
    Effect.gen(function* () {
      const folder = brokenFolder()
      const error = yield* Effect.flip(writeRunState(folder, state))
      assert.strictEqual(error._tag, "OutputNotWritable")
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, join(folder, "run.json"))
      assert.include(error.fix, "--output-dir")
    })
  )
})
