import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { buildInfo } from "../../src/buildInfo.js"
import { renderPlan } from "../../src/cli/renderPlan.js"
import { dryRunProgram } from "../../src/programs/dryRun.js"
import { planProgram } from "../../src/programs/plan.js"
import { prepareRun } from "../../src/programs/prepareRun.js"
import type { RunOptions } from "../../src/programs/runSettings.js"
import { stubArtefactFor } from "../../src/programs/stubArtefact.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { makeAssets, testRunOptions } from "../support/assets.js"
import { fakeCjAdmin, quietBase } from "../support/fakeLayers.js"

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
const services = Layer.mergeAll(
  quietBase,
  fakeCjAdmin([
    { assignmentId: ASSIGNMENT, gradeScale: "eng5_np_national_9_step", contextOrigin: "research_experiment", studentPromptStorageId: null, instructionsText: "Write." }
  ])
)

const optionsFor = (assets: string, overrides: Partial<RunOptions> = {}): RunOptions => testRunOptions({ assets, batchLabel: "pilot run", ...overrides })

describe("plan", () => {
  it.effect("reports counts, grades and capacity without writing anything", () =>
    Effect.gen(function* () {
      const options = optionsFor(makeAssets())
      const report = yield* planProgram(options, buildInfo())
      assert.strictEqual(report.students.count, 3)
      assert.deepStrictEqual(report.anchors.grades, [{ grade: "A", count: 1 }, { grade: "B", count: 1 }, { grade: "E-", count: 1 }])
      assert.strictEqual(report.capacity.anchorStudentPairs, 9)
      assert.strictEqual(report.gradeScale, "eng5_np_legacy_9_step")
      assert.deepStrictEqual(readdirSync(options.outputDir), [])
      assert.deepStrictEqual(report.llm.systemPrompt, { source: "cj-default" })
      assert.include(renderPlan(report), "system prompt CJ's default system prompt (no override sent)")
    }).pipe(Effect.provide(services)))

  it.effect("names the --system-prompt file CJ would be sent", () =>
    Effect.gen(function* () {
      const assets = makeAssets()
      writeFileSync(join(assets, "judge.txt"), "Judge strictly.")
      const report = yield* planProgram(optionsFor(assets, { systemPromptFile: join(assets, "judge.txt") }), buildInfo())
      assert.deepStrictEqual(report.llm.systemPrompt, { source: "file", path: join(assets, "judge.txt") })
      assert.include(renderPlan(report), `system prompt from ${join(assets, "judge.txt")}`)
    }).pipe(Effect.provide(services)))

  it.effect("takes the grade scale from CJ when --assignment-id is given", () =>
    Effect.gen(function* () {
      const assets = makeAssets({ anchors: { "anchor_9.txt": "Nine ".repeat(30), "anchor_b_4.txt": "Four ".repeat(30) } })
      const report = yield* planProgram(optionsFor(assets, { assignmentId: ASSIGNMENT }), buildInfo())
      assert.strictEqual(report.gradeScale, "eng5_np_national_9_step")
      assert.deepStrictEqual(report.anchors.grades.map((g) => g.grade), ["9", "4"])
    }).pipe(Effect.provide(services)))

  it.effect("fails on a grade-scale mismatch before reading any essay", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(planProgram(optionsFor("/nonexistent", { assignmentId: ASSIGNMENT, expectedGradeScale: "eng5_np_legacy_9_step" }), buildInfo()))
      assert.strictEqual(error._tag, "PreflightFailed")
      assert.include(error.message, "CJ has eng5_np_national_9_step")
    }).pipe(Effect.provide(services)))

  it.effect("fails with zero anchor × student pairs", () =>
    Effect.gen(function* () {
      const assets = makeAssets()
      const error = yield* Effect.flip(planProgram(optionsFor(assets, { anchorDir: join(assets, "student_essays"), studentDir: join(assets, "nothing") }), buildInfo()))
      assert.strictEqual(error.exitCode, 2)
    }).pipe(Effect.provide(services)))
})

describe("dry-run", () => {
  it.effect("writes the request and a schema-valid stub artefact into <label>-<uuid>/", () =>
    Effect.gen(function* () {
      const options = optionsFor(makeAssets(), { batchUuid: "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", llmTemperature: 0 })
      const report = yield* dryRunProgram(options, buildInfo())
      assert.strictEqual(report.runFolder, join(options.outputDir, "pilot-run-3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"))
      const request = JSON.parse(readFileSync(report.requestPath, "utf8"))
      assert.strictEqual(request.data.entity_id, "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
      assert.strictEqual(request.data.llm_config_overrides.temperature_override, 0)
      // Ids sent to CJ are this batch's own: the stable id and 8 hex digits of the batch UUID's SHA-256.
      const sent = ["student_01-1e4f1761", "student_02-1e4f1761", "student_03-1e4f1761"]
      assert.deepStrictEqual(request.data.essays_for_cj.map((e: { essay_id: string }) => e.essay_id), sent)
      assert.isTrue(request.data.essays_for_cj.every((e: { text_storage_id: string }) => e.text_storage_id.startsWith("not-uploaded:")))
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.strictEqual(artefact.metadata.runner_mode, "dry-run")
      assert.deepStrictEqual(
        artefact.inputs.students.map((s: { essay_id: string; cj_essay_id: string }) => [s.essay_id, s.cj_essay_id]),
        [["student_01", sent[0]], ["student_02", sent[1]], ["student_03", sent[2]]]
      )
      assert.deepStrictEqual(artefact.validation.manifest.map((m: { path: string }) => m.path), ["request.json"])
    }).pipe(Effect.provide(services)))

  it.effect("uses storage ids from the upload cache of the same Content Service", () =>
    Effect.gen(function* () {
      const assets = makeAssets()
      const first = optionsFor(assets)
      const plan = yield* planProgram(first, buildInfo())
      const prepared = yield* prepareRun(first, "dry-run")
      const checksum = prepared.inventory.students[0]?.checksum ?? ""
      writeFileSync(
        join(first.outputDir, "content_upload_cache.json"),
        JSON.stringify({ schema_version: 1, content_service_url: first.contentServiceUrl, entries: { [checksum]: "a".repeat(32) } })
      )
      const report = yield* dryRunProgram(first, buildInfo())
      assert.strictEqual(report.cachedStorageIds, 1)
      assert.strictEqual(report.placeholderStorageIds, plan.students.count - 1)
      const request = JSON.parse(readFileSync(report.requestPath, "utf8"))
      assert.strictEqual(request.data.essays_for_cj[0].text_storage_id, "a".repeat(32))
    }).pipe(Effect.provide(services)))

  it.effect("writes nothing when the input is bad", () =>
    Effect.gen(function* () {
      const options = optionsFor(makeAssets({ students: { "empty.txt": "" } }))
      yield* Effect.flip(dryRunProgram(options, buildInfo()))
      assert.deepStrictEqual(readdirSync(options.outputDir), [])
    }).pipe(Effect.provide(services)))
})

describe("artefact schema", () => {
  it.effect.each(["plan", "dry-run", "execute"])("a %s stub validates against assessment_run.schema.json", (mode) =>
    Effect.gen(function* () {
      const prepared = yield* prepareRun(optionsFor(makeAssets(), { courseId: "11111111-2222-4333-8444-555555555555" }), "dry-run")
      const artefact = yield* stubArtefactFor(prepared, mode, buildInfo(), new Date())
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
    }).pipe(Effect.provide(services)))

  it("the JSON schema check really rejects a broken artefact", () => {
    assert.isNotEmpty(artefactSchemaErrors({ schema_version: "2.0", metadata: {} }))
  })
})
