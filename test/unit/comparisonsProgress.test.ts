import { describe, expect, it } from "vitest"
import { comparisonsProgress } from "../../src/domain/comparisonsProgress.js"

describe("the comparisons part of the progress line", () => {
  it("counts against the budget and, once the pace is known, estimates the rest", () => {
    expect(comparisonsProgress({ received: 84, budget: 120, receivedWhileFollowing: 84, followingMs: 70_000 })).toBe("84 of up to 120 comparisons received, ~30 s left")
    expect(comparisonsProgress({ received: 252, budget: 384, receivedWhileFollowing: 252, followingMs: 600_000 })).toBe("252 of up to 384 comparisons received, ~5 min left")
  })

  it("takes the pace from what arrived while this process followed, not from what an earlier one stored", () => {
    expect(comparisonsProgress({ received: 100, budget: 120, receivedWhileFollowing: 10, followingMs: 10_000 })).toBe("100 of up to 120 comparisons received, ~20 s left")
  })

  it("gives no estimate before the pace is known, at the budget, or without one", () => {
    expect(comparisonsProgress({ received: 3, budget: 120, receivedWhileFollowing: 3, followingMs: 5_000 })).toBe("3 of up to 120 comparisons received")
    expect(comparisonsProgress({ received: 120, budget: 120, receivedWhileFollowing: 120, followingMs: 60_000 })).toBe("120 of up to 120 comparisons received")
    expect(comparisonsProgress({ received: 7, budget: null, receivedWhileFollowing: 7, followingMs: 5_000 })).toBe("7 comparisons received")
  })
})
