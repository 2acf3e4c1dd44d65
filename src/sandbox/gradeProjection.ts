import type { GradeScale } from "../domain/gradeScales.js"
import { gradeRank } from "../domain/gradeScales.js"

/**
 * Grade projection from anchors.
 *
 * 1. Each grade that has anchors gets a centre: the mean fitted θ of its anchors. Noise can
 *    put a higher grade's centre below a lower grade's; the centres are then made monotone by
 *    isotonic regression (pool adjacent violators, weighted by anchor count), so the two grades
 *    share one centre and a student near it is split between them instead of being sent the
 *    wrong way.
 * 2. A grade band has a width w: half the median gap between the centres of adjacent anchored
 *    grades (1 logit when only one grade is anchored).
 * 3. A student with θ and standard error s gets, for each anchored grade g,
 *    P(g) ∝ exp(−(θ − c_g)² / (2·(s² + w²))), a softmax over squared distances: a Gaussian
 *    kernel whose width is the student's uncertainty plus the band's own width.
 * 4. The projected grade is the most probable one, which is the nearest centre; confidence is
 *    its probability, labelled HIGH from 0.75, MID from 0.5, otherwise LOW.
 *
 * Probabilities are listed for anchored grades only, in scale order; grades with no anchor have
 * no centre and get no probability. Without anchors nothing is projected.
 */
export interface AnchorTheta {
  readonly essayId: string
  readonly grade: string
  readonly theta: number
}

export interface StudentTheta {
  readonly essayId: string
  readonly theta: number
  readonly standardError: number
}

export type ConfidenceLabel = "HIGH" | "MID" | "LOW"

export interface GradeProjection {
  readonly essayId: string
  readonly grade: string
  /** Anchored grade → probability, in scale order; sums to 1. */
  readonly probabilities: Readonly<Record<string, number>>
  readonly confidence: number
  readonly confidenceLabel: ConfidenceLabel
}

export interface GradeCentre {
  readonly grade: string
  readonly theta: number
  readonly anchors: number
}

export const HIGH_CONFIDENCE = 0.75
export const MID_CONFIDENCE = 0.5
const SINGLE_GRADE_BAND_WIDTH = 1

export const confidenceLabel = (confidence: number): ConfidenceLabel =>
  confidence >= HIGH_CONFIDENCE ? "HIGH" : confidence >= MID_CONFIDENCE ? "MID" : "LOW"

/** Mean anchor θ per anchored grade, lowest grade first. Anchors whose grade is not in the scale are left out. */
export const gradeCentres = (anchors: ReadonlyArray<AnchorTheta>, scale: GradeScale): Array<GradeCentre> => {
  const byGrade = new Map<string, Array<number>>()
  for (const anchor of anchors) {
    if (gradeRank(anchor.grade, scale) === undefined) continue
    byGrade.set(anchor.grade, [...(byGrade.get(anchor.grade) ?? []), anchor.theta])
  }
  const means = [...byGrade.entries()]
    .map(([grade, thetas]) => ({ grade, theta: thetas.reduce((sum, value) => sum + value, 0) / thetas.length, anchors: thetas.length }))
    .sort((a, b) => (gradeRank(a.grade, scale) as number) - (gradeRank(b.grade, scale) as number))
  return monotoneCentres(means)
}

interface PooledBlock {
  readonly theta: number
  readonly weight: number
  readonly grades: number
}

/** Pool adjacent violators: the closest non-decreasing sequence in weighted least squares. */
const monotoneCentres = (centres: ReadonlyArray<GradeCentre>): Array<GradeCentre> => {
  const blocks: Array<PooledBlock> = []
  for (const centre of centres) {
    let block: PooledBlock = { theta: centre.theta, weight: centre.anchors, grades: 1 }
    let previous = blocks.at(-1)
    while (previous !== undefined && previous.theta > block.theta) {
      blocks.pop()
      const weight = previous.weight + block.weight
      block = { theta: (previous.theta * previous.weight + block.theta * block.weight) / weight, weight, grades: previous.grades + block.grades }
      previous = blocks.at(-1)
    }
    blocks.push(block)
  }
  const pooled = blocks.flatMap((block) => Array.from({ length: block.grades }, () => block.theta))
  return centres.map((centre, index) => ({ ...centre, theta: pooled[index] as number }))
}

export const gradeBandWidth = (centres: ReadonlyArray<GradeCentre>): number => {
  if (centres.length < 2) return SINGLE_GRADE_BAND_WIDTH
  const gaps = centres
    .slice(1)
    .map((centre, index) => Math.abs(centre.theta - (centres[index] as GradeCentre).theta))
    .sort((a, b) => a - b)
  const middle = Math.floor(gaps.length / 2)
  const median = gaps.length % 2 === 1 ? (gaps[middle] as number) : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2
  // Pooled grades share a centre, so the median gap can be 0; keep a floor.
  return Math.max(median / 2, 0.05)
}

export const projectGrades = (
  students: ReadonlyArray<StudentTheta>,
  anchors: ReadonlyArray<AnchorTheta>,
  scale: GradeScale
): Array<GradeProjection> => {
  const centres = gradeCentres(anchors, scale)
  if (centres.length === 0) return []
  const bandWidth = gradeBandWidth(centres)
  return students.map((student) => {
    const variance = student.standardError ** 2 + bandWidth ** 2
    const logits = centres.map((centre) => -((student.theta - centre.theta) ** 2) / (2 * variance))
    const largest = Math.max(...logits)
    const weights = logits.map((logit) => Math.exp(logit - largest))
    const total = weights.reduce((sum, weight) => sum + weight, 0)
    const probabilities: Record<string, number> = {}
    let best = 0
    centres.forEach((centre, index) => {
      probabilities[centre.grade] = (weights[index] as number) / total
      if ((weights[index] as number) > (weights[best] as number)) best = index
    })
    const confidence = (weights[best] as number) / total
    return {
      essayId: student.essayId,
      grade: (centres[best] as GradeCentre).grade,
      probabilities,
      confidence,
      confidenceLabel: confidenceLabel(confidence)
    }
  })
}
