import { describe, expect, it } from "vitest"
import { availablePairCount, comparisonBudget, defaultComparisonBudget, type PairingEssay, planPairs, type PlannedPair } from "../../../src/sandbox/pairing.js"
import { createRandom } from "../../../src/sandbox/random.js"

const batch = (anchors: number, students: number): Array<PairingEssay> => [
  ...Array.from({ length: anchors }, (_, index) => ({ essayId: `ANCHOR_${index}`, isAnchor: true })),
  ...Array.from({ length: students }, (_, index) => ({ essayId: `s${index}`, isAnchor: false }))
]

const pairKey = (pair: PlannedPair) => [pair.essayA, pair.essayB].sort().join("|")

const appearances = (pairs: ReadonlyArray<PlannedPair>, ids: ReadonlyArray<string>) => {
  const counts = new Map(ids.map((id) => [id, 0]))
  for (const pair of pairs) {
    for (const id of [pair.essayA, pair.essayB]) {
      const count = counts.get(id)
      if (count !== undefined) counts.set(id, count + 1)
    }
  }
  return [...counts.values()]
}

describe("pairing", () => {
  it("stays within max_comparisons, anchor × student pairs first, no pair twice and no anchor × anchor", () => {
    const essays = batch(4, 20)
    const pairs = planPairs(essays, { maxComparisons: 100, random: createRandom(1) })
    expect(pairs).toHaveLength(100)
    expect(new Set(pairs.map(pairKey)).size).toBe(100)
    const firstStudentPair = pairs.findIndex((pair) => pair.kind === "student_student")
    expect(firstStudentPair).toBe(80)
    expect(pairs.slice(firstStudentPair).every((pair) => pair.kind === "student_student")).toBe(true)
    for (const pair of pairs) {
      const anchors = [pair.essayA, pair.essayB].filter((id) => id.startsWith("ANCHOR_")).length
      expect(anchors).toBe(pair.kind === "anchor_student" ? 1 : 0)
    }
  })

  it("spreads a budget that runs out mid-round evenly over students and anchors", () => {
    const essays = batch(5, 23)
    const students = essays.filter((essay) => !essay.isAnchor).map((essay) => essay.essayId)
    const anchors = essays.filter((essay) => essay.isAnchor).map((essay) => essay.essayId)
    const anchorOnly = planPairs(essays, { maxComparisons: 50, random: createRandom(2) })
    const perStudent = appearances(anchorOnly, students)
    expect(Math.max(...perStudent) - Math.min(...perStudent)).toBeLessThanOrEqual(1)
    const perAnchor = appearances(anchorOnly, anchors)
    expect(Math.max(...perAnchor) - Math.min(...perAnchor)).toBeLessThanOrEqual(2)

    const studentsOnly = planPairs(batch(0, 23), { maxComparisons: 60, random: createRandom(2) })
    const degrees = appearances(studentsOnly, students)
    expect(Math.max(...degrees) - Math.min(...degrees)).toBeLessThanOrEqual(2)
  })

  it("uses every anchor × student pair plus eight student opponents per student without a hint", () => {
    expect(defaultComparisonBudget(12, 50)).toBe(600 + 200)
    const pairs = planPairs(batch(12, 50), { random: createRandom(3) })
    expect(pairs).toHaveLength(800)
    expect(pairs.filter((pair) => pair.kind === "anchor_student")).toHaveLength(600)
    // Small batches compare every student with every other.
    expect(defaultComparisonBudget(0, 5)).toBe(10)
  })

  it("ignores hints CJ would ignore and never plans more pairs than exist", () => {
    expect(comparisonBudget(2, 4, 0)).toBe(defaultComparisonBudget(2, 4))
    expect(comparisonBudget(2, 4, 2.5)).toBe(defaultComparisonBudget(2, 4))
    expect(comparisonBudget(2, 4, 1000)).toBe(availablePairCount(2, 4))
    const all = planPairs(batch(2, 4), { maxComparisons: 1000, random: createRandom(4) })
    expect(all).toHaveLength(8 + 6)
    expect(new Set(all.map(pairKey)).size).toBe(14)
  })

  it("connects all students as soon as one ring round fits", () => {
    const students = batch(0, 9)
    const pairs = planPairs(students, { maxComparisons: 9, random: createRandom(5) })
    const reached = new Set<string>([pairs[0]?.essayA ?? ""])
    let grew = true
    while (grew) {
      grew = false
      for (const pair of pairs) {
        if (reached.has(pair.essayA) !== reached.has(pair.essayB)) {
          reached.add(pair.essayA)
          reached.add(pair.essayB)
          grew = true
        }
      }
    }
    expect(reached.size).toBe(9)
  })

  it("is reproducible for a seed and puts each essay in slot A about half the time", () => {
    const essays = batch(6, 40)
    expect(planPairs(essays, { random: createRandom(6) })).toEqual(planPairs(essays, { random: createRandom(6) }))
    expect(planPairs(essays, { random: createRandom(6) })).not.toEqual(planPairs(essays, { random: createRandom(7) }))
    const pairs = planPairs(essays, { random: createRandom(6) })
    const anchorInSlotA = pairs.filter((pair) => pair.kind === "anchor_student" && pair.essayA.startsWith("ANCHOR_")).length
    expect(anchorInSlotA / 240).toBeGreaterThan(0.4)
    expect(anchorInSlotA / 240).toBeLessThan(0.6)
  })
})
