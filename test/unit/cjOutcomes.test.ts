import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { buildInfo } from "../../src/buildInfo.js"
import { renderRunReport } from "../../src/cli/renderRunReport.js"
import { attachProgram } from "../../src/programs/attach.js"
import { executeProgram } from "../../src/programs/execute.js"
import { failureReasonOf } from "../../src/domain/hydrator.js"
import { classifyRecord } from "../../src/domain/classifyRecord.js"
import { TOPICS } from "../../src/domain/platform.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { failureEvent } from "../support/cjEvents.js"
import { ANCHORS, executeOptions, harness, requestOf, runOptions } from "../support/executeHarness.js"

const reasonOf = (errorInfo: Record<string, unknown>) => {
  const batch = "5a5a5a5a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
  const classified = classifyRecord(TOPICS.failed, failureEvent(batch, "6b6b6b6b-0b0b-4c0c-8d0d-0e0e0e0e0e0e", "", errorInfo), batch)
  assert.strictEqual(classified._tag, "Ours")
  return classified._tag === "Ours" && classified.event.kind === "failure" ? failureReasonOf(classified.event) : null
}

describe("how CJ ended the batch (fake CJ)", () => {
  it.live("a completion with status failed_critically is a failed batch: exit 1, CJ's reason, everything received kept", () =>
    Effect.gen(function* () {
      const { layer } = harness({ anchors: ANCHORS, ending: "complete-failed" })
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions()), buildInfo()), layer)
      assert.strictEqual(report.outcome, "batch_failed")
      assert.strictEqual(report.exitCode, 1)
      assert.include(report.message, "failed_critically")
      assert.include(report.message, "CJ scored no student essay")
      assert.include(report.message, "0 of 3 student essays scored (failed: student_01, student_02, student_03)")
      assert.notInclude(renderRunReport(report), "completed the batch")
      assert.strictEqual(report.comparisons.received, 9)
      assert.strictEqual(report.events.completions, 1)
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.strictEqual(artefact.validation.runner_status.outcome, "batch_failed")
      assert.strictEqual(artefact.validation.runner_status.cj_status, "failed_critically")
      assert.strictEqual(artefact.llm_comparisons.length, 9)
      assert.strictEqual(artefact.bt_summary.length, 6)
    })
  )


  it("prints CJ's failure reason without an empty details object, and with details that say something", () => {
    // batch_finalizer.py: error_info = { reason, details: failure_details or {} }
    assert.strictEqual(reasonOf({ reason: "success rate below threshold", details: {} }), "success rate below threshold")
    assert.strictEqual(reasonOf({ reason: "success rate below threshold", details: { success_rate: 0.2 } }), 'success rate below threshold: {"success_rate":0.2}')
  })
})

const STABLE = ["student_01", "student_02", "student_03"]
const sentIds = (request: { data: { essays_for_cj: ReadonlyArray<{ essay_id: string }> } }) => request.data.essays_for_cj.map((e) => e.essay_id)
const essayIdsOf = (artefact: {
  llm_comparisons: ReadonlyArray<{ essay_a_id: string; essay_b_id: string; winner_id: string; loser_id: string }>
  bt_summary: ReadonlyArray<{ essay_id: string; is_anchor: boolean }>
  grade_projections: ReadonlyArray<{ essay_id: string }>
}) => ({
  compared: [...new Set(artefact.llm_comparisons.flatMap((c) => [c.essay_a_id, c.essay_b_id, c.winner_id, c.loser_id]).filter((id) => !id.startsWith("ANCHOR_")))].sort(),
  scored: artefact.bt_summary.filter((e) => !e.is_anchor).map((e) => e.essay_id).sort(),
  projected: artefact.grade_projections.map((p) => p.essay_id).filter((id) => !id.startsWith("ANCHOR_")).sort()
})

describe("ids sent to CJ (fake CJ echoing them)", () => {
  it.live("a second run of the same folder sends other ids, and each artefact keeps the stable ids with the id sent beside them", () =>
    Effect.gen(function* () {
      const run = runOptions()
      const first = harness({ anchors: ANCHORS, ending: "complete" })
      const firstReport = yield* Effect.provide(executeProgram(executeOptions(run), buildInfo()), first.layer)
      const second = harness({ anchors: ANCHORS, ending: "complete" })
      const secondReport = yield* Effect.provide(executeProgram(executeOptions(run), buildInfo()), second.layer)
      const [firstSent, secondSent] = [sentIds(requestOf(first.kafka)), sentIds(requestOf(second.kafka))]
      assert.deepStrictEqual(firstSent.filter((id) => secondSent.includes(id)), [])
      assert.isTrue([...firstSent, ...secondSent].every((id) => id.length <= 36))
      for (const [report, sent] of [[firstReport, firstSent], [secondReport, secondSent]] as const) {
        const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
        assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
        assert.deepStrictEqual(artefact.inputs.students.map((s: { essay_id: string; cj_essay_id: string }) => [s.essay_id, s.cj_essay_id]), STABLE.map((id, i) => [id, sent[i]]))
        assert.deepStrictEqual(essayIdsOf(artefact), { compared: STABLE, scored: STABLE, projected: STABLE })
        assert.deepStrictEqual(report.gradeProjections.map((p) => p.essayId).sort(), STABLE)
      }
    })
  )

  it.live("run attach maps the ids back from the run folder alone", () =>
    Effect.gen(function* () {
      const run = runOptions()
      const { layer } = harness({ anchors: ANCHORS, ending: "complete" })
      const published = yield* Effect.provide(executeProgram(executeOptions(run, { awaitCompletion: false }), buildInfo()), layer)
      const report = yield* Effect.provide(attachProgram({ target: published.runFolder, outputDir: run.outputDir, follow: executeOptions(run).follow }), layer)
      assert.strictEqual(report.outcome, "completed")
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(essayIdsOf(artefact), { compared: STABLE, scored: STABLE, projected: STABLE })
    })
  )
})

describe("anchor grades (fake CJ publishing \"U\" for every anchor)", () => {
  it.live("records each anchor's known grade from CJ's anchor list, and CJ's published grade beside it", () =>
    Effect.gen(function* () {
      const { layer } = harness({ anchors: ANCHORS, ending: "complete" })
      const report = yield* Effect.provide(executeProgram(executeOptions(runOptions()), buildInfo()), layer)
      const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
      assert.deepStrictEqual(artefactSchemaErrors(artefact), [])
      assert.deepStrictEqual(
        artefact.inputs.cj_anchors.map((a: { id: number; grade: string }) => [a.id, a.grade]),
        [[1, "A"], [2, "B"], [3, "C"]]
      )
      const anchors = artefact.bt_summary.filter((e: { is_anchor: boolean }) => e.is_anchor)
      assert.deepStrictEqual(
        anchors.map((e: { essay_id: string; anchor_grade: string; cj_letter_grade: string }) => [e.essay_id, e.anchor_grade, e.cj_letter_grade]),
        [["ANCHOR_1_aaaaaaaa", "A", "U"], ["ANCHOR_2_bbbbbbbb", "B", "U"], ["ANCHOR_3_cccccccc", "C", "U"]]
      )
      const projected = artefact.grade_projections.filter((p: { essay_id: string }) => p.essay_id.startsWith("ANCHOR_"))
      assert.deepStrictEqual(projected[0], {
        essay_id: "ANCHOR_1_aaaaaaaa",
        grade_scale: "eng5_np_legacy_9_step",
        grade: "A",
        probabilities: { A: 1 },
        probabilities_source: "anchor_grade",
        cj_letter_grade: "U"
      })
    })
  )
})

