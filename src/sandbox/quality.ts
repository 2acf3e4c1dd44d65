import { createHash } from "node:crypto"
import { type GradeScale, gradeRank } from "../domain/gradeScales.js"
import type { Random } from "../statistics/random.js"
import { type TextFeatures, textFeatures } from "./textFeatures.js"

/**
 * The simulated judge's model of essay quality (docs/sandbox.md explains it at length).
 *
 * Every essay gets a latent quality q on a logit scale. Grades sit at their position in the
 * grade scale (lowest grade 0, highest G − 1, the below-lowest grade −1), and
 * q = (position − (G − 1)/2) · logitsPerGrade, so the scale is centred on its middle grade.
 * Anchors take the position of their grade. Students take a position computed from their text
 * (see `compositeScore`), so both kinds of essay live on the same scale. Each essay then gets a
 * seeded normal offset (`essayNoise`): the judge's own view of that essay.
 *
 * A comparison draws a logistic variate ε and lets A win when qA − qB + ε > 0, which is exactly
 * P(A wins) = logistic(qA − qB): the Bradley–Terry model, so a fit can recover q.
 */
export interface QualityModel {
  /** Latent distance, in logits, between adjacent grades. */
  readonly logitsPerGrade: number
  /** Standard deviation, in logits, of the seeded per-essay offset. */
  readonly essayNoise: number
  /** Scale of the judge's logistic noise per comparison: 1 is the Bradley–Terry judge, larger is less consistent. */
  readonly judgeNoise?: number
}

/**
 * One logit per grade step: a judge prefers an essay one grade better 73% of the time and one
 * two grades better 88% of the time, about as consistent as LLM judges are on essays.
 */
export const DEFAULT_QUALITY_MODEL: QualityModel = { logitsPerGrade: 1, essayNoise: 0.3, judgeNoise: 1 }

/** Text measures rescaled to [0, 1], higher is better. */
export interface QualityProfile {
  /** Length, on a log scale: 120 words or fewer is 0, 700 or more is 1. */
  readonly development: number
  /** Guiraud's index: 5 or less is 0, 10 or more is 1. */
  readonly vocabulary: number
  /** Mean word length: 3.9 letters or less is 0, 5.1 or more is 1. */
  readonly wordChoice: number
  /** Words per sentence: 16 is 1, falling linearly to 0 at 2 or 30. */
  readonly sentenceControl: number
}

const PROFILE_WEIGHTS: QualityProfile = { development: 0.35, vocabulary: 0.3, wordChoice: 0.2, sentenceControl: 0.15 }
/** How far, in grade steps, an essay's idiosyncrasy can move it. */
const IDIOSYNCRASY_GRADES = 0.5

const clampUnit = (value: number): number => Math.min(1, Math.max(0, value))

export const qualityProfile = (features: TextFeatures): QualityProfile => ({
  development: features.wordCount === 0 ? 0 : clampUnit(Math.log(features.wordCount / 120) / Math.log(700 / 120)),
  vocabulary: clampUnit((features.vocabularyRichness - 5) / 5),
  wordChoice: clampUnit((features.meanWordLength - 3.9) / 1.2),
  sentenceControl: features.wordCount === 0 ? 0 : clampUnit(1 - Math.abs(features.meanSentenceLength - 16) / 14)
})

/** Weighted mean of the profile, in [0, 1]. */
export const compositeScore = (profile: QualityProfile): number =>
  PROFILE_WEIGHTS.development * profile.development +
  PROFILE_WEIGHTS.vocabulary * profile.vocabulary +
  PROFILE_WEIGHTS.wordChoice * profile.wordChoice +
  PROFILE_WEIGHTS.sentenceControl * profile.sentenceControl

/** A student's fractional grade position: the composite spread over the scale, plus up to half a grade of idiosyncrasy. */
export const studentGradePosition = (features: TextFeatures, scale: GradeScale): number =>
  compositeScore(qualityProfile(features)) * (scale.grades.length - 1) + IDIOSYNCRASY_GRADES * features.idiosyncrasy

export const anchorGradePosition = (grade: string, scale: GradeScale): number => {
  const rank = gradeRank(grade, scale)
  if (rank === undefined) throw new RangeError(`anchor grade ${grade} is not in the grade scale ${scale.id}`)
  return rank
}

export const latentFromPosition = (position: number, scale: GradeScale, model: QualityModel = DEFAULT_QUALITY_MODEL): number =>
  (position - (scale.grades.length - 1) / 2) * model.logitsPerGrade

export interface EssayInput {
  readonly essayId: string
  readonly text: string
  readonly isAnchor: boolean
  readonly grade?: string
}

export interface RatedEssay {
  readonly essayId: string
  readonly isAnchor: boolean
  readonly features: TextFeatures
  readonly profile: QualityProfile
  /** Position on the grade scale before the judge's noise. */
  readonly gradePosition: number
  /** Latent quality in logits, noise included: what the judge goes by. */
  readonly quality: number
}

/** What rating reads from a text, whatever the seed: its measures and the name of its noise stream. */
export interface TextReading {
  readonly features: TextFeatures
  readonly noiseStream: string
}

export const readTexts = (essays: ReadonlyArray<EssayInput>): Array<TextReading> =>
  essays.map((essay) => ({
    features: textFeatures(essay.text),
    noiseStream: `essay-noise:${createHash("sha256").update(essay.text, "utf8").digest("hex").slice(0, 16)}`
  }))

/**
 * Rates every essay. Each essay's noise comes from its own stream, keyed by its text (the ids CJ
 * receives change from batch to batch), so adding an essay leaves the others' qualities alone and
 * the same essays get the same qualities in every batch. A forecast passes `readings` once for
 * all its runs.
 */
export const rateEssays = (
  essays: ReadonlyArray<EssayInput>,
  scale: GradeScale,
  random: Random,
  model: QualityModel = DEFAULT_QUALITY_MODEL,
  readings: ReadonlyArray<TextReading> = readTexts(essays)
): Array<RatedEssay> =>
  essays.map((essay, index) => {
    const { features, noiseStream } = readings[index] as TextReading
    let gradePosition: number
    if (essay.isAnchor) {
      if (essay.grade === undefined) throw new RangeError(`anchor ${essay.essayId} has no grade`)
      gradePosition = anchorGradePosition(essay.grade, scale)
    } else {
      gradePosition = studentGradePosition(features, scale)
    }
    const noise = random.fork(noiseStream).normal(0, model.essayNoise)
    return {
      essayId: essay.essayId,
      isAnchor: essay.isAnchor,
      features,
      profile: qualityProfile(features),
      gradePosition,
      quality: latentFromPosition(gradePosition, scale, model) + noise
    }
  })

export interface Judgement {
  readonly winner: "A" | "B"
  /** 1–5, one decimal. */
  readonly confidence: number
  /** At most 500 characters, as the platform allows. */
  readonly justification: string
  /** qA − qB + ε, the judge's perceived margin in logits. */
  readonly margin: number
}

export const MAX_JUSTIFICATION_LENGTH = 500

/**
 * Judges one pair. Confidence grows with the perceived margin m: 1 + 4·|2·logistic(m) − 1|,
 * i.e. the LLM Provider's mapping x·4 + 1 of an internal certainty x = |P(A) − P(B)|.
 */
export const judge = (a: RatedEssay, b: RatedEssay, random: Random, judgeNoise = 1): Judgement => {
  const margin = a.quality - b.quality + judgeNoise * random.logistic()
  const winner = margin > 0 ? "A" : "B"
  const confidence = Math.round(10 * (1 + 4 * Math.tanh(Math.abs(margin) / 2))) / 10
  const [stronger, weaker] = winner === "A" ? [a, b] : [b, a]
  return { winner, confidence, justification: justify(winner, stronger, weaker, confidence), margin }
}

const REASONS: Record<keyof QualityProfile, (stronger: RatedEssay, weaker: RatedEssay) => string> = {
  development: (s, w) => `develops its ideas more fully (${s.features.wordCount} words against ${w.features.wordCount})`,
  vocabulary: () => "draws on a wider range of vocabulary",
  wordChoice: () => "chooses more precise, less everyday words",
  sentenceControl: () => "controls its sentences better"
}

const justify = (winner: "A" | "B", stronger: RatedEssay, weaker: RatedEssay, confidence: number): string => {
  const other = winner === "A" ? "B" : "A"
  const dimensions = (Object.keys(REASONS) as Array<keyof QualityProfile>)
    .map((dimension) => ({ dimension, advantage: stronger.profile[dimension] - weaker.profile[dimension] }))
    .filter(({ advantage }) => advantage > 0.05)
    .sort((x, y) => y.advantage - x.advantage)
    .slice(0, 2)
    .map(({ dimension }) => REASONS[dimension](stronger, weaker))
  const reasons =
    dimensions.length === 0
      ? `Essay ${winner} is the stronger response on balance: its argument holds together better, although Essay ${other} is at least as developed on the surface.`
      : `Essay ${winner} is the stronger response: it ${dimensions.join(" and ")}.`
  const certainty =
    confidence >= 4 ? " The difference is clear." : confidence < 2.5 ? " The two are close; this is a narrow call." : ""
  return (reasons + certainty).slice(0, MAX_JUSTIFICATION_LENGTH)
}
