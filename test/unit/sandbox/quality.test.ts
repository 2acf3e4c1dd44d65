import { describe, expect, it } from "vitest"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import {
  anchorGradePosition,
  DEFAULT_QUALITY_MODEL,
  judge,
  latentFromPosition,
  MAX_JUSTIFICATION_LENGTH,
  type RatedEssay,
  rateEssays
} from "../../../src/sandbox/quality.js"
import { createRandom } from "../../../src/statistics/random.js"
import { textFeatures } from "../../../src/sandbox/textFeatures.js"
import { syntheticEssayText } from "./syntheticEssays.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale

const mean = (values: ReadonlyArray<number>) => values.reduce((sum, value) => sum + value, 0) / values.length

const ratedAt = (essayId: string, quality: number): RatedEssay => {
  const features = textFeatures("Some words here.")
  return { essayId, isAnchor: false, features, profile: { development: 0, vocabulary: 0, wordChoice: 0, sentenceControl: 0 }, gradePosition: 0, quality }
}

describe("text features", () => {
  it("counts words, distinct words and sentences", () => {
    const features = textFeatures("The cat sat. The cat ran away! Did it?")
    expect(features).toMatchObject({ wordCount: 9, distinctWords: 7, sentenceCount: 3 })
    expect(features.meanSentenceLength).toBe(3)
    expect(features.vocabularyRichness).toBeCloseTo(7 / 3, 12)
  })

  it("gives the same idiosyncrasy for the same text whatever its spacing, and a different one for other text", () => {
    expect(textFeatures("An essay  about\nschool.").idiosyncrasy).toBe(textFeatures(" An essay about school. ").idiosyncrasy)
    expect(textFeatures("An essay about school.").idiosyncrasy).not.toBe(textFeatures("An essay about home.").idiosyncrasy)
    expect(Math.abs(textFeatures("x").idiosyncrasy)).toBeLessThanOrEqual(1)
  })
})

describe("latent quality", () => {
  it("places anchors at their grade, one logit per grade, centred on the middle grade", () => {
    expect(anchorGradePosition("F+", legacy)).toBe(0)
    expect(anchorGradePosition("A", legacy)).toBe(8)
    expect(anchorGradePosition("F", legacy)).toBe(-1)
    expect(latentFromPosition(anchorGradePosition("D+", legacy), legacy)).toBe(0)
    expect(latentFromPosition(anchorGradePosition("A", legacy), legacy)).toBe(4 * DEFAULT_QUALITY_MODEL.logitsPerGrade)
    expect(() => anchorGradePosition("Z", legacy)).toThrow(/not in the grade scale/)
  })

  it("rates a longer, richer, better-punctuated text above a short plain one", () => {
    const [weak, strong] = rateEssays(
      [
        { essayId: "weak", text: syntheticEssayText(0.1, 1), isAnchor: false },
        { essayId: "strong", text: syntheticEssayText(0.9, 1), isAnchor: false }
      ],
      legacy,
      createRandom(1),
      { logitsPerGrade: 1, essayNoise: 0 }
    )
    expect(strong?.gradePosition).toBeGreaterThan((weak?.gradePosition ?? 0) + 3)
    expect(strong?.quality).toBeGreaterThan(weak?.quality ?? 0)
  })

  it("adds seeded noise per essay that does not depend on which other essays are in the batch", () => {
    const alone = rateEssays([{ essayId: "s1", text: "One essay.", isAnchor: false }], legacy, createRandom(4))
    const withOthers = rateEssays(
      [
        { essayId: "s0", text: "Another essay.", isAnchor: false },
        { essayId: "s1", text: "One essay.", isAnchor: false }
      ],
      legacy,
      createRandom(4)
    )
    expect(withOthers[1]?.quality).toBe(alone[0]?.quality)
    const noiseless = rateEssays([{ essayId: "s1", text: "One essay.", isAnchor: false }], legacy, createRandom(4), { logitsPerGrade: 1, essayNoise: 0 })
    expect(alone[0]?.quality).not.toBe(noiseless[0]?.quality)
  })

  it("refuses an anchor without a grade", () => {
    expect(() => rateEssays([{ essayId: "a", text: "t", isAnchor: true }], legacy, createRandom(1))).toThrow(/has no grade/)
  })
})

describe("judge", () => {
  it("lets A win with probability logistic(qA − qB)", () => {
    const random = createRandom(21)
    const a = ratedAt("a", 0.5)
    const b = ratedAt("b", -0.5)
    const draws = 20_000
    let aWins = 0
    for (let index = 0; index < draws; index++) if (judge(a, b, random).winner === "A") aWins++
    expect(Math.abs(aWins / draws - 1 / (1 + Math.exp(-1)))).toBeLessThan(0.01)
  })

  it("is more confident about wide margins and stays within the platform's limits", () => {
    const random = createRandom(2)
    const close = Array.from({ length: 500 }, () => judge(ratedAt("a", 0), ratedAt("b", 0), random))
    const wide = Array.from({ length: 500 }, () => judge(ratedAt("a", 4), ratedAt("b", -4), random))
    expect(mean(wide.map((j) => j.confidence))).toBeGreaterThan(mean(close.map((j) => j.confidence)) + 1.5)
    for (const judgement of [...close, ...wide]) {
      expect(judgement.confidence).toBeGreaterThanOrEqual(1)
      expect(judgement.confidence).toBeLessThanOrEqual(5)
      expect(judgement.justification.length).toBeLessThanOrEqual(MAX_JUSTIFICATION_LENGTH)
      expect(judgement.justification).toContain(`Essay ${judgement.winner}`)
    }
  })

  it("names what made the winner stronger", () => {
    const [weak, strong] = rateEssays(
      [
        { essayId: "weak", text: syntheticEssayText(0.1, 3), isAnchor: false },
        { essayId: "strong", text: syntheticEssayText(0.95, 3), isAnchor: false }
      ],
      legacy,
      createRandom(3)
    )
    const judgement = judge(strong as RatedEssay, weak as RatedEssay, createRandom(3))
    expect(judgement.winner).toBe("A")
    expect(judgement.justification).toMatch(/^Essay A is the stronger response: it /)
  })
})
