import { describe, expect, it } from "vitest"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { type AlignmentInput, alignmentMetrics, anchorIdsFromSentIds, type ComparisonOutcome } from "../../../src/statistics/anchorAlignment.js"
import { kendallTauB } from "../../../src/statistics/kendallTauB.js"

const LEGACY = GRADE_SCALES["eng5_np_legacy_9_step"] as GradeScale
const NATIONAL = GRADE_SCALES["eng5_np_national_9_step"] as GradeScale

/** Anchors judged as students under ids `student_<anchor>`; CJ's ranks given in order. */
const aligned = (
  grades: Readonly<Record<string, string>>,
  rankOrder: ReadonlyArray<string>,
  comparisons: ReadonlyArray<ComparisonOutcome> = [],
  scale: GradeScale = LEGACY
) => {
  const input: AlignmentInput = {
    expectedGrades: grades,
    scale,
    essays: rankOrder.map((anchorId, index) => ({ essayId: `student_${anchorId}`, btScore: rankOrder.length - index, rank: index + 1 })),
    comparisons,
    anchorIdOf: (essayId) => (essayId.startsWith("student_") ? essayId.slice("student_".length) : undefined)
  }
  return alignmentMetrics(input)
}

const won = (winner: string, loser: string, extra: Partial<ComparisonOutcome> = {}): ComparisonOutcome => ({
  winnerId: `student_${winner}`,
  loserId: `student_${loser}`,
  status: "succeeded",
  ...extra
})

describe("Kendall's tau-b between CJ rank and expected grade", () => {
  it("is 1 when CJ ranks the anchors in grade order", () => {
    const metrics = aligned({ a: "A", b: "B", c: "C+", d: "D+" }, ["a", "b", "c", "d"])
    expect(metrics.kendallTauB).toMatchObject({ value: 1, items: 4, pairs: 6, concordant: 6, discordant: 0 })
  })

  it("is -1 when CJ ranks them in reverse", () => {
    const metrics = aligned({ a: "A", b: "B", c: "C+", d: "D+" }, ["d", "c", "b", "a"])
    expect(metrics.kendallTauB).toMatchObject({ value: -1, concordant: 0, discordant: 6 })
  })

  it("is 0.8 for one adjacent swap among five anchors: (9 - 1) / 10", () => {
    const metrics = aligned({ a: "A", b: "B", c: "C+", d: "C-", e: "D+" }, ["a", "c", "b", "d", "e"])
    expect(metrics.kendallTauB.concordant).toBe(9)
    expect(metrics.kendallTauB.discordant).toBe(1)
    expect(metrics.kendallTauB.value).toBeCloseTo(0.8, 12)
  })

  it("treats two anchors of one grade as a tie, not as agreement (B19)", () => {
    // a1 (A) rank 1, b1 (B) rank 2, b2 (B) rank 3, c1 (C+) rank 4.
    // n0 = 4·3/2 = 6 pairs; (b1, b2) is tied in grade, so n2 = 1; no rank ties, n1 = 0.
    // The other five pairs are concordant: C = 5, D = 0.
    // tau-b = (5 - 0) / sqrt((6 - 0)(6 - 1)) = 5 / sqrt(30) = 0.912870929…
    // (The old runner broke the tie by CJ's rank and reported 6/6 = 1.)
    const metrics = aligned({ a1: "A", b1: "B", b2: "B", c1: "C+" }, ["a1", "b1", "b2", "c1"])
    expect(metrics.kendallTauB).toMatchObject({ concordant: 5, discordant: 0, tiedInSecondOnly: 1, tiedInFirstOnly: 0 })
    expect(metrics.kendallTauB.value).toBeCloseTo(5 / Math.sqrt(30), 12)
    expect(metrics.kendallTauB.value).toBeCloseTo(0.912871, 6)
  })

  it("counts discordant pairs next to a grade tie", () => {
    // CJ order b1, a1, c1, b2 (ranks b1 1, a1 2, c1 3, b2 4).
    // (a1,b1) A over B but ranked below: discordant.   (a1,b2) A over B, 2 < 4: concordant.
    // (a1,c1) A over C+, 2 < 3: concordant.            (b1,b2) same grade: tie.
    // (b1,c1) B over C+, 1 < 3: concordant.            (b2,c1) B over C+, 4 > 3: discordant.
    // C = 3, D = 2, n0 = 6, n2 = 1: tau-b = (3 - 2) / sqrt(6 · 5) = 1 / sqrt(30) = 0.182574…
    const metrics = aligned({ a1: "A", b1: "B", b2: "B", c1: "C+" }, ["b1", "a1", "c1", "b2"])
    expect(metrics.kendallTauB).toMatchObject({ concordant: 3, discordant: 2, tiedInSecondOnly: 1 })
    expect(metrics.kendallTauB.value).toBeCloseTo(1 / Math.sqrt(30), 12)
  })

  it("handles ties in both variables and is undefined when one variable is constant", () => {
    // Points (x, y): (1,1) (1,1) (2,2): one pair tied in both, two concordant.
    // n0 = 3, n1 = 1, n2 = 1: tau-b = 2 / sqrt(2 · 2) = 1.
    expect(kendallTauB([[1, 1], [1, 1], [2, 2]])).toMatchObject({ value: 1, tiedInBoth: 1, concordant: 2 })
    expect(kendallTauB([[1, 5], [2, 5], [3, 5]]).value).toBeNull()
    expect(kendallTauB([[1, 5]]).value).toBeNull()
    expect(kendallTauB([]).value).toBeNull()
  })

  it("leaves anchors whose grade is missing or not in the scale out of tau and counts them", () => {
    // x has A+ (not a grade of the legacy scale), y has no grade, z was never ranked by CJ.
    // tau-b over a, b, c only, in order: 1. The old runner ranked unknown grades last (99).
    const metrics = aligned({ a: "A", x: "A+", b: "B", c: "C+", z: "B" }, ["a", "x", "b", "y", "c"])
    expect(metrics.kendallTauB).toMatchObject({ value: 1, items: 3 })
    expect(metrics.unknownGradeAnchors).toEqual(["x", "y"])
    expect(metrics.anchorsWithoutResult).toEqual(["z"])
    const x = metrics.anchors.find((anchor) => anchor.anchorId === "x")
    expect(x).toMatchObject({ expectedGrade: "A+", gradeInScale: false, expectedRankFrom: null })
    expect(metrics.anchors.find((anchor) => anchor.anchorId === "y")).toMatchObject({ expectedGrade: null, gradeInScale: false })
  })

  it("orders the numeric national scale by value, with 0 below the lowest grade", () => {
    // n9 rank 1, n0 rank 2, n5 rank 3. Pairs: (n9,n0) and (n9,n5) concordant; (n0,n5): 0 is
    // below 5 yet ranked above it, discordant. tau-b = (2 - 1) / 3 = 1/3.
    const metrics = aligned({ n9: "9", n0: "0", n5: "5" }, ["n9", "n0", "n5"], [won("n0", "n5")], NATIONAL)
    expect(metrics.kendallTauB.value).toBeCloseTo(1 / 3, 12)
    expect(metrics.anchors.map((anchor) => [anchor.anchorId, anchor.expectedRankFrom])).toEqual([["n9", 1], ["n5", 2], ["n0", 3]])
    expect(metrics.inversions).toMatchObject([{ higherGradedAnchor: "n5", higherGrade: "5", lowerGradedAnchor: "n0", lowerGrade: "0" }])
    expect(metrics.unknownGradeAnchors).toEqual([])
  })

  it("places the legacy scale's below-lowest grade F under F+", () => {
    const metrics = aligned({ f: "F", fplus: "F+" }, ["f", "fplus"], [won("f", "fplus")])
    expect(metrics.kendallTauB.value).toBe(-1)
    expect(metrics.inversions).toMatchObject([{ higherGradedAnchor: "fplus", lowerGradedAnchor: "f", lowerGrade: "F" }])
  })

  it("compares letter grades ignoring case and surrounding spaces", () => {
    const metrics = aligned({ a: " a ", b: "b" }, ["a", "b"])
    expect(metrics.anchors.map((anchor) => anchor.expectedGrade)).toEqual(["A", "B"])
    expect(metrics.kendallTauB.value).toBe(1)
  })
})

describe("direct inversions", () => {
  it("records a lower-graded anchor beating a higher-graded one, with its confidence and justification", () => {
    const metrics = aligned({ a: "A", b: "B" }, ["a", "b"], [won("a", "b"), won("b", "a", { sequence: 7, confidence: 3.5, justification: "B reads better." })])
    expect(metrics.inversions).toEqual([
      { higherGradedAnchor: "a", higherGrade: "A", lowerGradedAnchor: "b", lowerGrade: "B", occurrences: 1, firstComparison: 7, confidence: 3.5, justification: "B reads better." }
    ])
  })

  it("counts a repeated pair once, keeping the first comparison's confidence and justification", () => {
    const metrics = aligned({ a: "A", b: "B" }, ["a", "b"], [
      won("b", "a", { confidence: 4, justification: "first" }),
      won("a", "b"),
      won("b", "a", { confidence: 5, justification: "second" })
    ])
    expect(metrics.inversions).toHaveLength(1)
    expect(metrics.inversions[0]).toMatchObject({ occurrences: 2, firstComparison: 1, confidence: 4, justification: "first" })
  })

  it("never inverts equal grades, a higher grade winning, or an anchor of unknown grade", () => {
    const metrics = aligned({ a: "A", b1: "B", b2: "B", x: "A+" }, ["a", "b1", "b2", "x"], [won("b2", "b1"), won("a", "b1"), won("x", "a"), won("b1", "x")])
    expect(metrics.inversions).toEqual([])
    expect(metrics.comparisons.withUnknownGrade).toBe(2)
  })

  it("reports a missing confidence and justification as null, not as 0 and empty text", () => {
    const metrics = aligned({ a: "A", b: "B" }, ["a", "b"], [won("b", "a")])
    expect(metrics.inversions[0]).toMatchObject({ confidence: null, justification: null })
  })

  it("ignores failed comparisons for inversions, wins and losses", () => {
    const metrics = aligned({ a: "A", c: "C+" }, ["a", "c"], [won("c", "a", { status: "failed" }), won("a", "c"), won("c", "a", { status: "submitted" })])
    expect(metrics.inversions).toEqual([])
    expect(metrics.comparisons).toEqual({ used: 1, notSucceeded: 2, notBetweenAnchors: 0, withUnknownGrade: 0 })
    expect(metrics.anchors.map((anchor) => [anchor.anchorId, anchor.wins, anchor.losses])).toEqual([["a", 1, 0], ["c", 0, 1]])
  })
})

describe("per-anchor results", () => {
  it("counts wins, losses, win rate and zero-win anchors, sorted by expected rank", () => {
    const metrics = aligned({ a: "A", b: "B", c: "C+", d: "D+" }, ["b", "a", "c", "d"], [won("a", "b"), won("b", "a"), won("a", "c"), won("b", "c")])
    expect(metrics.anchors.map((anchor) => [anchor.anchorId, anchor.cjRank, anchor.expectedRankFrom, anchor.wins, anchor.losses, anchor.winRate])).toEqual([
      ["a", 2, 1, 2, 1, 2 / 3],
      ["b", 1, 2, 2, 1, 2 / 3],
      ["c", 3, 3, 0, 2, 0],
      ["d", 4, 4, 0, 0, null]
    ])
    expect(metrics.zeroWinAnchors).toBe(2)
    expect(metrics.comparisons.used).toBe(4)
  })

  it("gives anchors sharing a grade a span of expected ranks", () => {
    const metrics = aligned({ a: "A", b1: "B", b2: "B", c: "C+" }, ["a", "b2", "b1", "c"])
    expect(metrics.anchors.map((anchor) => [anchor.anchorId, anchor.expectedRankFrom, anchor.expectedRankTo])).toEqual([
      ["a", 1, 1],
      ["b2", 2, 3],
      ["b1", 2, 3],
      ["c", 4, 4]
    ])
  })

  it("keeps essays and comparisons the caller does not map to an anchor out of every metric", () => {
    const input: AlignmentInput = {
      expectedGrades: { a: "A", b: "B" },
      scale: LEGACY,
      essays: [
        { essayId: "A_SENT", btScore: 1.2, rank: 1 },
        { essayId: "stranger", btScore: 0.4, rank: 2 },
        { essayId: "b_sent", btScore: -0.3, rank: 3 }
      ],
      comparisons: [
        { winnerId: "stranger", loserId: "a_sent", status: "succeeded" },
        { winnerId: "B_SENT", loserId: "a_sent", status: "succeeded" }
      ],
      anchorIdOf: anchorIdsFromSentIds(new Map([["a_sent", "a"], ["b_sent", "b"]]))
    }
    const metrics = alignmentMetrics(input)
    expect(metrics.anchors.map((anchor) => [anchor.anchorId, anchor.cjEssayId, anchor.cjRank, anchor.btScore])).toEqual([
      ["a", "A_SENT", 1, 1.2],
      ["b", "b_sent", 3, -0.3]
    ])
    expect(metrics.comparisons).toMatchObject({ used: 1, notBetweenAnchors: 1 })
    expect(metrics.inversions).toHaveLength(1)
  })
})
