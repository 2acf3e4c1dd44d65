import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { findGradeScale, type GradeScale } from "../../../src/domain/gradeScales.js"
import { calibrate, projectGrades } from "../../../src/statistics/gradeProjection.js"
import { scoreLikeCj } from "../../../src/statistics/cjScoring.js"

/** CJ's own functions run on seeded batches: test/fixtures/cj-statistics/generate.py. */
interface FixtureCase {
  readonly name: string
  readonly grade_scale: string
  readonly essays: ReadonlyArray<{ readonly id: string; readonly is_anchor: boolean; readonly grade?: string }>
  readonly comparisons: ReadonlyArray<{ readonly essay_a: string; readonly essay_b: string; readonly winner: string }>
  readonly scores: Readonly<Record<string, number>>
  readonly standard_errors: Readonly<Record<string, number>>
  readonly comparison_counts: Readonly<Record<string, number>>
  readonly projection?: {
    readonly grade_centres: Readonly<Record<string, number>>
    readonly grade_variances: Readonly<Record<string, number>>
    readonly grades: Readonly<Record<string, string>>
    readonly confidence_scores: Readonly<Record<string, number>>
    readonly confidence_labels: Readonly<Record<string, string>>
    readonly probabilities: Readonly<Record<string, Readonly<Record<string, number>>>>
  }
}

const { cases } = JSON.parse(readFileSync(new URL("../../fixtures/cj-statistics/cases.json", import.meta.url), "utf8")) as { cases: ReadonlyArray<FixtureCase> }

const outcomesOf = (fixture: FixtureCase) =>
  fixture.comparisons.flatMap((c) =>
    c.winner === "essay_a" ? [{ winner: c.essay_a, loser: c.essay_b }] : c.winner === "essay_b" ? [{ winner: c.essay_b, loser: c.essay_a }] : []
  )

describe.each(cases.map((fixture) => [fixture.name, fixture] as const))("CJ's statistics: %s", (_name, fixture) => {
  const scoring = scoreLikeCj(
    fixture.essays.map((e) => ({ essayId: e.id, isAnchor: e.is_anchor })),
    outcomesOf(fixture)
  )
  const byId = new Map(scoring.essays.map((e) => [e.essayId, e]))

  it("scores every essay with CJ's θ, SE and comparison count", () => {
    expect(scoring.essays).toHaveLength(fixture.essays.length)
    for (const essay of fixture.essays) {
      const ours = byId.get(essay.id)
      expect(ours?.theta).toBeCloseTo(fixture.scores[essay.id] as number, 7)
      expect(ours?.standardError).toBeCloseTo(fixture.standard_errors[essay.id] as number, 7)
      expect(ours?.comparisons).toBe(fixture.comparison_counts[essay.id])
    }
  })

  const scale = findGradeScale(fixture.grade_scale) as GradeScale
  const anchors = fixture.essays.flatMap((e) => (e.is_anchor && e.grade !== undefined ? [{ essayId: e.id, grade: e.grade, theta: byId.get(e.id)?.theta as number }] : []))
  const students = fixture.essays.filter((e) => !e.is_anchor).map((e) => byId.get(e.id) as NonNullable<ReturnType<typeof byId.get>>)

  it("projects CJ's grades, confidences and distributions, or nothing where CJ projects nothing", () => {
    const expected = fixture.projection ?? { grade_centres: {}, grade_variances: {}, grades: {}, confidence_scores: {}, confidence_labels: {}, probabilities: {} }
    const projections = projectGrades(students, anchors, scale)
    // Every student, or none where CJ stores no projection (no anchors of two grades).
    expect(projections.length).toBe(Object.keys(expected.grades).length)
    const bands = fixture.projection === undefined ? [] : calibrate(anchors, scale)
    for (const band of bands) {
      expect(band.mean).toBeCloseTo(expected.grade_centres[band.grade] as number, 7)
      expect(band.variance / (expected.grade_variances[band.grade] as number)).toBeCloseTo(1, 7)
    }
    for (const projection of projections) {
      expect(projection.grade).toBe(expected.grades[projection.essayId])
      expect(projection.confidenceLabel).toBe(expected.confidence_labels[projection.essayId])
      expect(projection.confidence).toBeCloseTo(expected.confidence_scores[projection.essayId] as number, 6)
      const distribution = expected.probabilities[projection.essayId] as Readonly<Record<string, number>>
      for (const [grade, p] of Object.entries(distribution)) expect(projection.probabilities[grade]).toBeCloseTo(p, 6)
    }
  })
})
