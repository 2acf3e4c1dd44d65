import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { runPreflight } from "../../src/programs/preflight.js"
import { resolveRunSettings, type RunOptions } from "../../src/programs/runSettings.js"
import type { AssignmentContext } from "../../src/services/CjAdmin.js"
import { RunLog } from "../../src/services/RunLog.js"
import { tempDir, testRunOptions } from "../support/assets.js"
import { recordingCjAdmin } from "../support/fakeCjAdmin.js"
import { recordingProgress } from "../support/recordingProgress.js"
import { UNKNOWN_ASSIGNMENT } from "../support/fakeCjService.js"

const RESEARCH = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01"
const CANONICAL = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e02"
const NO_PROMPT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e03"
const ODD_SCALE = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e04"

const assignment = (assignmentId: string, overrides: Partial<AssignmentContext> = {}): AssignmentContext => ({
  assignmentId,
  gradeScale: "eng5_np_national_9_step",
  contextOrigin: "research_experiment",
  studentPromptStorageId: "p".repeat(32),
  instructionsText: "Write.",
  ...overrides
})

const options = (overrides: Partial<RunOptions>): RunOptions => testRunOptions({ assets: "/unused", outputDir: "/unused", ...overrides })

const setup = () => {
  const cj = recordingCjAdmin([
    assignment(RESEARCH),
    assignment(CANONICAL, { contextOrigin: "canonical_national" }),
    assignment(NO_PROMPT, { studentPromptStorageId: null }),
    assignment(ODD_SCALE, { gradeScale: "us_letter_grades" })
  ])
  const progress = recordingProgress()
  return { cj, progress, layer: Layer.mergeAll(cj.layer, progress.layer, RunLog.discard) }
}

const preflight = (overrides: Partial<RunOptions>, mode: "plan" | "dry-run" | "execute") =>
  Effect.flatMap(resolveRunSettings(options(overrides)), (settings) => Effect.map(runPreflight(settings, mode), (result) => ({ settings, result })))

describe("preflight (R3/R4)", () => {
  it.effect("takes the scale from CJ and sends the run's correlation id", () => {
    const { cj, progress, layer } = setup()
    return Effect.gen(function* () {
      const { settings, result } = yield* preflight({ assignmentId: RESEARCH, expectedGradeScale: "eng5_np_national_9_step" }, "plan")
      assert.strictEqual(result.gradeScale.id, "eng5_np_national_9_step")
      assert.deepStrictEqual(cj.calls, [{ call: `getAssignment ${RESEARCH}`, correlationId: settings.correlationId }])
      assert.include(progress.notes[0] ?? "", "student prompt present")
    }).pipe(Effect.provide(layer))
  })

  it.effect.each(["plan", "dry-run", "execute"] as const)("refuses a rubric override on a canonical assignment in %s", (mode) => {
    const { layer } = setup()
    const rubric = join(tempDir(), "rubric.md")
    writeFileSync(rubric, "Judge the argument.")
    return Effect.gen(function* () {
      const error = yield* Effect.flip(preflight({ assignmentId: CANONICAL, rubricFile: rubric }, mode))
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.message, "canonical national")
      assert.include(error.fix, "Drop --rubric")
    }).pipe(Effect.provide(layer))
  })

  it.effect("execute needs a student prompt; plan only warns", () => {
    const { progress, layer } = setup()
    return Effect.gen(function* () {
      const error = yield* Effect.flip(preflight({ assignmentId: NO_PROMPT }, "execute"))
      assert.strictEqual(error._tag, "PreflightFailed")
      assert.include(error.fix, "eng5 assignment show")
      yield* preflight({ assignmentId: NO_PROMPT }, "plan")
      assert.isTrue(progress.notes.some((n) => n.startsWith("warning: CJ has no student prompt")))
    }).pipe(Effect.provide(layer))
  })

  it.effect("execute needs anchors in the assignment's scale and names the command that registers them", () => {
    const { cj, layer } = setup()
    return Effect.gen(function* () {
      const error = yield* Effect.flip(preflight({ assignmentId: RESEARCH }, "execute"))
      assert.include(error.message, "no anchors")
      assert.include(error.fix, `eng5 anchors register ${RESEARCH}`)
      assert.deepStrictEqual(cj.calls.map((c) => c.call), [`getAssignment ${RESEARCH}`, `getAnchorSummary ${RESEARCH}`])
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails on a scale eng5 does not know, and on an expected-scale mismatch", () => {
    const { layer } = setup()
    return Effect.gen(function* () {
      const unknown = yield* Effect.flip(preflight({ assignmentId: ODD_SCALE }, "plan"))
      assert.include(unknown.message, "us_letter_grades")
      const mismatch = yield* Effect.flip(preflight({ assignmentId: RESEARCH, expectedGradeScale: "swedish_8_anchor" }, "dry-run"))
      assert.include(mismatch.message, "CJ has eng5_np_national_9_step")
    }).pipe(Effect.provide(layer))
  })

  it.effect("passes CJ's own errors through with their exit codes", () => {
    const { layer } = setup()
    return Effect.gen(function* () {
      const error = yield* Effect.flip(preflight({ assignmentId: UNKNOWN_ASSIGNMENT }, "plan"))
      assert.strictEqual(error._tag, "AssignmentNotFound")
      assert.strictEqual(error.exitCode, 2)
    }).pipe(Effect.provide(layer))
  })
})
