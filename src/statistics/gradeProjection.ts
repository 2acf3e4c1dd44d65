import type { GradeScale } from "../domain/gradeScales.js"
import { mean, variance } from "./describe.js"

/**
 * CJ's grade projection (cj_core_logic/grade_projection/): a calibration from the anchors'
 * θ, then each student's grade from their θ and SE. CJ projects only when the batch's anchors
 * carry at least two distinct grades of the scale.
 *
 * Calibration, for every grade of the scale, lowest first:
 * - 3 or more anchors: the mean and (population) variance of their θ;
 * - 1 or 2 anchors: a mean that blends theirs with the grade's "expected position"
 *   (index + 0.5)/G, weighted n/3, and the pooled variance of all anchors × 3/n;
 * - none: the expected position and twice the pooled variance.
 *   (The expected position lies in [0, 1], not on the θ scale: this is CJ's rule.)
 * Variances are at least 0.01; the pooled variance is 0.1 with fewer than two anchors. The
 * means are then made non-decreasing by isotonic regression (unweighted pool-adjacent-
 * violators) and each grade's band runs between the midpoints to its neighbours' means.
 *
 * Projection of a student with θ and SE s: only a grade whose band holds θ gets a probability,
 * ∝ N(θ; mean, variance + s²) × the scale's population prior, normalised; so the distribution
 * is nearly always one grade with probability 1. The projected grade is the most probable,
 * then refined: on swedish_8_anchor a −/+ from the lowest/highest quarter of the band (E, D,
 * C, B, A take −; E and B take +; F, D+ and C+ none), on a scale with a below-lowest grade
 * that grade when θ is more than two SDs below the lowest grade's mean. Confidence combines
 * the distribution's normalised entropy with the SE (√((1 − entropy) × f(SE)), f = 1, 0.8, 0.6,
 * 0.3 from SE 0.5, 1.0 and 1.5 up), labelled HIGH from 0.7 and MID from 0.4, at most MID from
 * SE 1.0 and LOW from SE 1.5.
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

export interface GradeBand {
  readonly grade: string
  readonly mean: number
  readonly variance: number
  readonly anchors: number
  readonly lower: number
  readonly upper: number
}

export interface GradeProjection {
  readonly essayId: string
  /** The projected grade, with CJ's −/+ or below-lowest refinement. */
  readonly grade: string
  /** The grade of the scale before refinement. */
  readonly band: string
  /** Every grade of the scale, in scale order; sums to 1. */
  readonly probabilities: Readonly<Record<string, number>>
  readonly confidence: number
  readonly confidenceLabel: ConfidenceLabel
}

const MIN_ANCHORS_FOR_EMPIRICAL = 3
const MIN_VARIANCE = 0.01
const SINGLE_ANCHOR_POOLED_VARIANCE = 0.1
const SWEDISH_SCALE = "swedish_8_anchor"
const SWEDISH_NO_MODIFIER = new Set(["F", "D+", "C+"])
const SWEDISH_MINUS = new Set(["E", "D", "C", "B", "A"])
const SWEDISH_PLUS = new Set(["E", "B"])

/** Unweighted pool-adjacent-violators: the non-decreasing sequence closest in least squares. */
const isotonic = (values: ReadonlyArray<number>): Array<number> => {
  const blocks: Array<{ sum: number; count: number }> = []
  for (const value of values) {
    blocks.push({ sum: value, count: 1 })
    while (blocks.length > 1) {
      const last = blocks.at(-1) as { sum: number; count: number }
      const before = blocks.at(-2) as { sum: number; count: number }
      if (before.sum / before.count <= last.sum / last.count) break
      blocks.splice(-2, 2, { sum: before.sum + last.sum, count: before.count + last.count })
    }
  }
  return blocks.flatMap((block) => Array.from({ length: block.count }, () => block.sum / block.count))
}

/** True when CJ would project: anchors of at least two distinct grades of the scale. */
const canProject = (anchors: ReadonlyArray<AnchorTheta>, scale: GradeScale): boolean =>
  new Set(anchors.map((anchor) => anchor.grade).filter((grade) => scale.grades.includes(grade))).size >= 2

export const calibrate = (anchors: ReadonlyArray<AnchorTheta>, scale: GradeScale): Array<GradeBand> => {
  const byGrade = new Map<string, Array<number>>()
  for (const anchor of anchors) {
    if (!scale.grades.includes(anchor.grade)) continue
    byGrade.set(anchor.grade, [...(byGrade.get(anchor.grade) ?? []), anchor.theta])
  }
  const all = [...byGrade.values()].flat()
  const pooled = all.length > 1 ? variance(all) : SINGLE_ANCHOR_POOLED_VARIANCE
  const size = scale.grades.length
  const raw = scale.grades.map((grade, index) => {
    const thetas = byGrade.get(grade) ?? []
    const expected = (index + 0.5) / size
    if (thetas.length >= MIN_ANCHORS_FOR_EMPIRICAL) return { grade, mean: mean(thetas), variance: variance(thetas), anchors: thetas.length }
    if (thetas.length > 0) {
      const weight = thetas.length / MIN_ANCHORS_FOR_EMPIRICAL
      return { grade, mean: weight * mean(thetas) + (1 - weight) * expected, variance: pooled * (MIN_ANCHORS_FOR_EMPIRICAL / thetas.length), anchors: thetas.length }
    }
    return { grade, mean: expected, variance: pooled * 2, anchors: 0 }
  })
  const means = isotonic(raw.map((band) => band.mean))
  return raw.map((band, index) => ({
    grade: band.grade,
    mean: means[index] as number,
    variance: Math.max(band.variance, MIN_VARIANCE),
    anchors: band.anchors,
    lower: index === 0 ? Number.NEGATIVE_INFINITY : ((means[index - 1] as number) + (means[index] as number)) / 2,
    upper: index === size - 1 ? Number.POSITIVE_INFINITY : ((means[index] as number) + (means[index + 1] as number)) / 2
  }))
}

const probabilitiesOf = (student: StudentTheta, bands: ReadonlyArray<GradeBand>, scale: GradeScale): Array<number> => {
  const logs = bands.map((band) => {
    if (!(band.lower <= student.theta && student.theta <= band.upper)) return Number.NEGATIVE_INFINITY
    const combinedVariance = band.variance + student.standardError ** 2
    const prior = scale.populationPriors[band.grade] ?? 1 / bands.length
    return -0.5 * (Math.log(2 * Math.PI * combinedVariance) + (student.theta - band.mean) ** 2 / combinedVariance) + (prior > 0 ? Math.log(prior) : Number.NEGATIVE_INFINITY)
  })
  const largest = Math.max(...logs)
  const weights = logs.map((log) => (log === Number.NEGATIVE_INFINITY ? 0 : Math.exp(log - largest)))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  return total > 0 ? weights.map((weight) => weight / total) : weights.map(() => 1 / weights.length)
}

const refine = (theta: number, band: GradeBand, bands: ReadonlyArray<GradeBand>, scale: GradeScale): string => {
  const width = band.upper - band.lower
  const position = Number.isFinite(width) && width > 0 ? (theta - band.lower) / width : 0.5
  if (scale.id === SWEDISH_SCALE) {
    if (SWEDISH_NO_MODIFIER.has(band.grade)) return band.grade
    if (SWEDISH_MINUS.has(band.grade) && position < 0.25) return `${band.grade}-`
    if (SWEDISH_PLUS.has(band.grade) && position > 0.75) return `${band.grade}+`
    return band.grade
  }
  if (scale.belowLowest !== null && band === bands[0] && theta < band.mean - 2 * Math.sqrt(band.variance)) return scale.belowLowest
  return band.grade
}

const confidenceOf = (probabilities: ReadonlyArray<number>, standardError: number): { confidence: number; label: ConfidenceLabel } => {
  const present = probabilities.filter((p) => p > 1e-10)
  const entropy = present.length <= 1 ? 0 : -present.reduce((sum, p) => sum + p * Math.log(p), 0) / Math.log(probabilities.length)
  const [factor, cap]: readonly [number, ConfidenceLabel | undefined] =
    standardError >= 1.5 ? [0.3, "LOW"] : standardError >= 1 ? [0.6, "MID"] : standardError >= 0.5 ? [0.8, undefined] : [1, undefined]
  const confidence = Math.sqrt((1 - entropy) * factor)
  const label: ConfidenceLabel = cap === "LOW" ? "LOW" : confidence >= 0.7 ? (cap === "MID" ? "MID" : "HIGH") : confidence >= 0.4 ? "MID" : "LOW"
  return { confidence, label }
}

/** CJ's projections of the students, or none when CJ would not project (see `canProject`). */
export const projectGrades = (students: ReadonlyArray<StudentTheta>, anchors: ReadonlyArray<AnchorTheta>, scale: GradeScale): Array<GradeProjection> => {
  if (!canProject(anchors, scale)) return []
  const bands = calibrate(anchors, scale)
  return students.map((student) => {
    if (!Number.isFinite(student.theta) || !(student.standardError >= 0)) throw new RangeError(`student ${student.essayId} has no θ and SE to project (${student.theta}, ${student.standardError})`)
    const probabilities = probabilitiesOf(student, bands, scale)
    let best = 0
    probabilities.forEach((p, index) => {
      if (p > (probabilities[best] as number)) best = index
    })
    const band = bands[best] as GradeBand
    const { confidence, label } = confidenceOf(probabilities, student.standardError)
    return {
      essayId: student.essayId,
      grade: refine(student.theta, band, bands, scale),
      band: band.grade,
      probabilities: Object.fromEntries(bands.map((b, index) => [b.grade, probabilities[index] as number])),
      confidence,
      confidenceLabel: label
    }
  })
}
