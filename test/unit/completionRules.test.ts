import { describe, expect, it } from "vitest"
import { decide, isPartial } from "../../src/domain/completionRules.js"
import { completionVerdict } from "../../src/domain/completionStatus.js"

const limits = { startedAt: 1_000, completionTimeoutMs: 60_000, resultGraceMs: 10_000 }
const nothing = { completionSeenAt: null, resultSeen: false, completionFailure: null, failureReason: null }

describe("when following a batch ends", () => {
  it("ends with success once a completion and a result have both arrived, in either order", () => {
    expect(decide({ ...nothing, completionSeenAt: 5_000, resultSeen: true }, limits, 5_000)).toEqual({ _tag: "Done", outcome: { _tag: "Completed" } })
  })

  it("keeps waiting on a result alone, and on a completion alone until the grace ends", () => {
    expect(decide({ ...nothing, resultSeen: true }, limits, 5_000)).toEqual({ _tag: "Continue", decideAgainBy: 61_000 })
    expect(decide({ ...nothing, completionSeenAt: 5_000 }, limits, 14_999)).toEqual({ _tag: "Continue", decideAgainBy: 15_000 })
  })

  it("ends with partial data when the result does not follow the completion within the grace", () => {
    expect(decide({ ...nothing, completionSeenAt: 5_000 }, limits, 15_000)).toEqual({ _tag: "Done", outcome: { _tag: "CompletedWithoutResult", waitedMs: 10_000 } })
    expect(isPartial({ _tag: "CompletedWithoutResult", waitedMs: 10_000 })).toBe(true)
  })

  it("ends at once on CJ's failure event, whatever else arrived", () => {
    expect(decide({ ...nothing, completionSeenAt: 5_000, failureReason: "no comparisons" }, limits, 5_000)).toEqual({
      _tag: "Done",
      outcome: { _tag: "BatchFailed", reason: "no comparisons" }
    })
  })

  it("times out at the deadline with partial data", () => {
    expect(decide(nothing, limits, 60_999)._tag).toBe("Continue")
    expect(decide(nothing, limits, 61_000)).toEqual({ _tag: "Done", outcome: { _tag: "TimedOut", elapsedMs: 60_000 } })
    expect(isPartial({ _tag: "TimedOut", elapsedMs: 60_000 })).toBe(true)
    expect(isPartial({ _tag: "Completed" })).toBe(false)
  })

  it("ends as a failed batch when the completion's status is not a success, with or without the result", () => {
    const failing = { ...nothing, completionSeenAt: 5_000, completionFailure: "CJ status failed_critically" }
    expect(decide({ ...failing, resultSeen: true }, limits, 5_000)).toEqual({ _tag: "Done", outcome: { _tag: "BatchFailed", reason: "CJ status failed_critically" } })
    expect(decide(failing, limits, 14_999)._tag).toBe("Continue")
    expect(decide(failing, limits, 15_000)).toEqual({
      _tag: "Done",
      outcome: { _tag: "BatchFailed", reason: "CJ status failed_critically (no assessment result followed within 10 s)" }
    })
  })
})

const completion = (status: string, summary?: Record<string, unknown>) => ({
  entity_id: "b",
  status,
  cj_assessment_job_id: "42",
  ...(summary === undefined ? {} : { processing_summary: summary })
})

describe("what CJ's completion status means", () => {

  it("is a success only for completed_successfully", () => {
    expect(completionVerdict(completion("completed_successfully"))).toEqual({ _tag: "Succeeded" })
    for (const status of ["failed_critically", "completed_with_failures", "cancelled", "content_ingestion_failed", "processing_pipelines", "something_new"]) {
      expect(completionVerdict(completion(status))._tag).toBe("Failed")
    }
  })

  it("gives CJ's account of the batch as the reason", () => {
    expect(completionVerdict(completion("failed_critically", { total_essays: 0, successful: 0, failed: 0, failed_essay_ids: [] }))).toEqual({
      _tag: "Failed",
      reason: "CJ status failed_critically: CJ scored no student essay of the batch; CJ held no student essay for the batch (an essay id sent again in a later batch is moved there)"
    })
    const withFailures = completionVerdict(completion("completed_with_failures", { total_essays: 3, successful: 1, failed: 2, failed_essay_ids: ["s1", "s2"] }))
    expect(withFailures).toEqual({ _tag: "Failed", reason: "CJ status completed_with_failures: CJ finished the batch but some essays failed; 1 of 3 student essays scored (failed: s1, s2)" })
  })
})
