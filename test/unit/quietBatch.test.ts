import { describe, expect, it } from "vitest"
import { QUIET_AFTER_MS, quietHint, timeoutCause } from "../../src/domain/quietBatch.js"

describe("hints for a batch that has gone quiet", () => {
  it("says nothing while comparisons are arriving or the batch is young", () => {
    expect(quietHint({ received: 0, sinceStartMs: QUIET_AFTER_MS - 1, sinceLastComparisonMs: QUIET_AFTER_MS - 1 })).toBeNull()
    expect(quietHint({ received: 40, sinceStartMs: 10 * QUIET_AFTER_MS, sinceLastComparisonMs: 1_000 })).toBeNull()
  })

  it("names CJ's silent crash when nothing at all has arrived", () => {
    expect(quietHint({ received: 0, sinceStartMs: QUIET_AFTER_MS, sinceLastComparisonMs: QUIET_AFTER_MS })).toMatch(/cannot read the students' texts/u)
    expect(timeoutCause(0)).toMatch(/cannot read the students' texts/u)
  })

  it("names CJ's batch monitor when comparisons stopped short of completion", () => {
    expect(quietHint({ received: 80, sinceStartMs: 3 * QUIET_AFTER_MS, sinceLastComparisonMs: QUIET_AFTER_MS })).toMatch(/batch monitor/u)
    expect(timeoutCause(80)).toMatch(/--completion-timeout/u)
  })
})
