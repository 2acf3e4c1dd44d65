import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { buildInfo } from "../../src/buildInfo.js"
import { renderRunReport } from "../../src/cli/renderRunReport.js"
import { executeProgram } from "../../src/programs/execute.js"
import { failureReasonOf } from "../../src/domain/hydrator.js"
import { classifyRecord } from "../../src/domain/classifyRecord.js"
import { TOPICS } from "../../src/domain/platform.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { failureEvent } from "../support/cjEvents.js"
import { ANCHORS, executeOptions, harness, runOptions } from "../support/executeHarness.js"

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
