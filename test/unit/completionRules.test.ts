import { describe, expect, it } from "vitest"
import { decide, isPartial } from "../../src/domain/completionRules.js"

const limits = { startedAt: 1_000, completionTimeoutMs: 60_000, resultGraceMs: 10_000 }
const nothing = { completionSeenAt: null, resultSeen: false, failureReason: null }

describe("when following a batch ends", () => {
  it("ends with success once a completion and a result have both arrived, in either order", () => {
    expect(decide({ completionSeenAt: 5_000, resultSeen: true, failureReason: null }, limits, 5_000)).toEqual({ _tag: "Done", outcome: { _tag: "Completed" } })
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
    expect(decide({ completionSeenAt: 5_000, resultSeen: false, failureReason: "no comparisons" }, limits, 5_000)).toEqual({
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
})
