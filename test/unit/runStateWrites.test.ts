import { randomUUID } from "node:crypto"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { checkpoint, newRecording, recordPublished } from "../../src/programs/runRecording.js"
import { OFFSETS_FILE, writeRunState } from "../../src/runFolder/runState.js"
import { stubArtefact } from "../support/artefacts.js"
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

const recordingIn = (folder: string) => {
  const batch = randomUUID()
  return newRecording(folder, batch, "eng5_np_legacy_9_step", stubArtefact(batch), {}, "localhost:9092")
}

const occurrences = (text: string, part: string) => text.split(part).length - 1

describe("run state writes that fail", () => {
  it.live("run.json before publishing: the usage error naming the file and the fix, not a defect", () =>
    Effect.gen(function* () {
      const folder = brokenFolder()
      const error = yield* Effect.flip(writeRunState(folder, state))
      assert.strictEqual(error._tag, "OutputNotWritable")
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, join(folder, "run.json"))
      assert.include(error.fix, "--output-dir")
    })
  )

  it.live("run.json after publishing: says the batch runs on in CJ and how to attach, naming the file once", () =>
    Effect.gen(function* () {
      const folder = brokenFolder()
      const error = yield* Effect.flip(recordPublished(recordingIn(folder), state))
      assert.strictEqual(error._tag, "RunFolderWriteFailed")
      assert.strictEqual(error.exitCode, 1)
      assert.strictEqual(error.message.indexOf(`Could not write ${join(folder, "run.json")} (`), 0)
      assert.strictEqual(occurrences(error.message, "Could not write"), 1)
      assert.include(error.message, "The request was published")
      assert.include(error.fix, `eng5 run attach ${folder}`)
    })
  )

  it.live("offsets.json at a checkpoint after publishing: RunFolderWriteFailed naming the file, not a usage error", () =>
    Effect.gen(function* () {
      const folder = tempDir()
      // A folder where offsets.json goes: the event files can be written, the positions cannot.
      mkdirSync(join(folder, OFFSETS_FILE, "taken"), { recursive: true })
      const error = yield* Effect.flip(checkpoint(recordingIn(folder)))
      assert.strictEqual(error._tag, "RunFolderWriteFailed")
      assert.strictEqual(error.exitCode, 1)
      assert.strictEqual(error.message.indexOf(`Could not write ${join(folder, OFFSETS_FILE)} (`), 0)
      assert.strictEqual(occurrences(error.message, "Could not write"), 1)
      assert.include(error.message, "the batch is running in CJ")
      assert.include(error.fix, `eng5 run attach ${folder}`)
    })
  )
})
