import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { renderRegistration } from "../../src/cli/renderAdmin.js"
import { registerAnchorsProgram } from "../../src/programs/registerAnchors.js"
import { Progress } from "../../src/services/Progress.js"
import { RunLog } from "../../src/services/RunLog.js"
import { essayText, makeAssets } from "../support/assets.js"
import { recordingCjAdmin } from "../support/fakeCjAdmin.js"
import { symlinkSync } from "node:fs"
import { join } from "node:path"

const LEGACY = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01"
const NATIONAL = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e02"
const CORRELATION = "11111111-2222-4333-8444-555555555555"

const setup = (failLabels: ReadonlyArray<string> = [], unkeptLabels: ReadonlyArray<string> = []) => {
  const cj = recordingCjAdmin(
    [
      { assignmentId: LEGACY, gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", studentPromptStorageId: null, instructionsText: "Write." },
      { assignmentId: NATIONAL, gradeScale: "eng5_np_national_9_step", contextOrigin: "research_experiment", studentPromptStorageId: null, instructionsText: "Write." }
    ],
    { failLabels, unkeptLabels }
  )
  return { cj, layer: Layer.mergeAll(cj.layer, Progress.silent, RunLog.discard) }
}

const anchorDir = (anchors: Record<string, string>) => join(makeAssets({ anchors }), "anchor_essays")
const register = (assignmentId: string, dir: string, expectedGradeScale?: string) =>
  registerAnchorsProgram({ assignmentId, anchorDir: dir, concurrency: 3, correlationId: CORRELATION, ...(expectedGradeScale === undefined ? {} : { expectedGradeScale }) })

describe("anchors register (R6)", () => {
  it.effect("registers every anchor with its grade and label, then reports replacements on a re-run", () => {
    const { cj, layer } = setup()
    const dir = anchorDir({ "anchor_A1.txt": essayText("A"), "anchor_E-2.txt": essayText("E minus"), "F+.txt": essayText("F plus") })
    return Effect.gen(function* () {
      const first = yield* register(LEGACY, dir)
      assert.deepStrictEqual(first.anchors.map((a) => [a.label, a.grade, a.status]), [["F+", "F+", "registered"], ["anchor_A1", "A", "registered"], ["anchor_E-2", "E-", "registered"]])
      assert.isNull(first.error)
      assert.isTrue(cj.calls.every((c) => c.correlationId === CORRELATION))
      const second = yield* register(LEGACY, dir)
      assert.deepStrictEqual(second.anchors.map((a) => a.status), ["replaced", "replaced", "replaced"])
      assert.strictEqual(cj.registered.length, 6)
    }).pipe(Effect.provide(layer))
  })

  it.effect("registers nothing when any file has a grade outside the scale or too little text", () => {
    const { cj, layer } = setup()
    const dir = anchorDir({ "anchor_A1.txt": essayText("A"), "anchor_Q1.txt": essayText("Q"), "anchor_B1.txt": "Too short." })
    return Effect.gen(function* () {
      const error = yield* Effect.flip(register(LEGACY, dir))
      assert.strictEqual(error._tag, "InvalidAssets")
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, 'names grade "Q", which is not in eng5_np_legacy_9_step')
      assert.include(error.message, "CJ needs at least 100")
      assert.deepStrictEqual(cj.registered, [])
    }).pipe(Effect.provide(layer))
  })

  it.effect("reads anchors the way runs do: a link out of the dataset and a missing folder are refused, nothing registered", () => {
    const { cj, layer } = setup()
    const assets = makeAssets({ anchors: { "anchor_A1.txt": essayText("A") } })
    symlinkSync("/etc/hostname", join(assets, "anchor_essays", "anchor_B1.txt"))
    return Effect.gen(function* () {
      const linked = yield* Effect.flip(registerAnchorsProgram({ assignmentId: LEGACY, anchorDir: join(assets, "anchor_essays"), datasetDir: assets, concurrency: 3, correlationId: CORRELATION }))
      assert.include(linked.message, "anchor_B1.txt is a link to /etc/hostname, outside the dataset folder")
      const missing = yield* Effect.flip(register(LEGACY, join(assets, "no_such_folder")))
      assert.include(missing.message, "no_such_folder is not a folder; pass --anchor-dir DIR")
      assert.deepStrictEqual(cj.registered, [])
    }).pipe(Effect.provide(layer))
  })

  it.effect("reads numeric grades for the national scale", () => {
    const { cj, layer } = setup()
    return Effect.gen(function* () {
      const report = yield* register(NATIONAL, anchorDir({ "anchor_7.txt": essayText("seven"), "role_model_9.txt": essayText("nine") }))
      assert.deepStrictEqual(report.anchors.map((a) => a.grade), ["7", "9"])
      assert.strictEqual(cj.registered.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("checks the expected grade scale before reading a single file", () => {
    const { cj, layer } = setup()
    return Effect.gen(function* () {
      const error = yield* Effect.flip(register(NATIONAL, "/does/not/exist", "eng5_np_legacy_9_step"))
      assert.include(error.message, "CJ has eng5_np_national_9_step")
      assert.deepStrictEqual(cj.registered, [])
    }).pipe(Effect.provide(layer))
  })

  it.effect("reports each failed anchor and an exit-1 failure, keeping the ones that worked", () => {
    const { layer } = setup(["anchor_B1"])
    return Effect.gen(function* () {
      const report = yield* register(LEGACY, anchorDir({ "anchor_A1.txt": essayText("A"), "anchor_B1.txt": essayText("B") }))
      assert.deepStrictEqual(report.anchors.map((a) => a.status), ["registered", "failed"])
      assert.include(report.anchors[1]?.error ?? "", "Failed to store essay content")
      assert.strictEqual(report.error?.exitCode, 1)
      assert.include(report.error?.fix ?? "", `eng5 anchors register ${LEGACY}`)
    }).pipe(Effect.provide(layer))
  })

  it.effect("refuses an assignment id that is not a UUID", () => {
    const { cj, layer } = setup()
    return Effect.gen(function* () {
      const error = yield* Effect.flip(register("eng5-role-models-2025", "/unused"))
      assert.strictEqual(error._tag, "InvalidFlag")
      assert.deepStrictEqual(cj.calls, [])
    }).pipe(Effect.provide(layer))
  })

  it.effect("reads CJ's anchor list back: an anchor CJ answered for but does not hold fails the run (exit 1), named with its file and the fix", () => {
    const { cj, layer } = setup([], ["anchor_B1"])
    return Effect.gen(function* () {
      const report = yield* register(LEGACY, anchorDir({ "anchor_A1.txt": essayText("A"), "anchor_B1.txt": essayText("B") }))
      assert.deepStrictEqual(report.anchors.map((a) => [a.fileName, a.status]), [["anchor_A1.txt", "registered"], ["anchor_B1.txt", "not_held"]])
      assert.strictEqual(report.notHeld, 1)
      assert.include(report.anchors[1]?.error ?? "", "did not persist")
      assert.strictEqual(report.error?.exitCode, 1)
      assert.include(report.error?.message ?? "", "anchor_B1.txt")
      assert.include(report.error?.fix ?? "", "POST /api/v1/anchors/register answers 201")
      assert.include(renderRegistration(report), "1 answered but not held by CJ")
      assert.strictEqual(cj.calls.at(-1)?.call, `getAnchorSummary ${LEGACY}`)
    }).pipe(Effect.provide(layer))
  })
})
