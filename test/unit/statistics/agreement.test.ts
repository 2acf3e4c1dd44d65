import { describe, expect, it } from "vitest"
import { gradeAgreement, kendallTauB, quadraticWeightedKappa, spearmanRho } from "../../../src/statistics/index.js"

describe("statistics (hand-computed cases)", () => {
  it("Spearman's ρ: 1 − 6Σd²/(n(n²−1)) without ties, midranks with ties", () => {
    // Ranks 1..5 against 2,1,4,3,5: d² = 1+1+1+1+0 = 4, ρ = 1 − 24/120 = 0.8.
    expect(spearmanRho([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12)
    // x = 1,2,3; y = 1,1,2 → midranks 1.5,1.5,3; Pearson of (1,2,3) with (1.5,1.5,3) = 1.5/√(2·1.5) = 0.866025.
    expect(spearmanRho([1, 2, 3], [1, 1, 2])).toBeCloseTo(Math.sqrt(3) / 2, 12)
    expect(spearmanRho([1], [1])).toBeNull()
    expect(spearmanRho([1, 2, 3], [4, 4, 4])).toBeNull()
  })

  it("Kendall's τ-b counts ties in each variable", () => {
    // Pairs of (1,1),(2,1),(3,2): C = 2, D = 0, one pair tied in the second only → 2/√(3·2) = 0.8165.
    expect(kendallTauB([[1, 1], [2, 1], [3, 2]]).value).toBeCloseTo(2 / Math.sqrt(6), 12)
  })

  it("exact and adjacent agreement", () => {
    expect(gradeAgreement([0, 1, 2, 3], [0, 2, 4, 3])).toEqual({ exact: 0.5, adjacent: 0.75 })
    expect(gradeAgreement([], [])).toEqual({ exact: null, adjacent: null })
  })

  it("quadratic weighted κ", () => {
    expect(quadraticWeightedKappa([0, 1, 2], [0, 1, 2], 3)).toBe(1)
    // Pairs (0,0),(1,1),(2,1),(2,2): observed Σ(i−j)² = 1. Marginals a = (1,1,2), b = (1,2,1):
    // Σ(i−j)²·a_i·b_j = (2+4) + (1+1) + (8+4) = 20. κ = 1 − n·O/E = 1 − 4·1/20 = 0.8.
    expect(quadraticWeightedKappa([0, 1, 2, 2], [0, 1, 1, 2], 3)).toBeCloseTo(0.8, 12)
    // Complete disagreement on a 2-point scale: O = 2, a = b = (1,1), E = 2 → 1 − 2·2/2 = −1.
    expect(quadraticWeightedKappa([0, 1], [1, 0], 2)).toBeCloseTo(-1, 12)
    expect(quadraticWeightedKappa([1, 1], [1, 1], 3)).toBeNull()
  })
})
