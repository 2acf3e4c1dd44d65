/** Grade scales registered on the CJ platform (contracts §7). Grades run lowest to highest. */
export interface GradeScale {
  readonly id: string
  readonly grades: ReadonlyArray<string>
  /** A grade below the lowest that CJ also accepts, if any. */
  readonly belowLowest: string | null
  readonly numeric: boolean
  /** CJ's prior share of each grade in the population, used by its grade projection; uniform when the scale names none. */
  readonly populationPriors: Readonly<Record<string, number>>
}

/** A scale whose grades CJ takes as equally likely in the population (no priors of its own). */
const uniformScale = (id: string, grades: ReadonlyArray<string>, belowLowest: string | null, numeric: boolean): GradeScale => ({
  id,
  grades,
  belowLowest,
  numeric,
  populationPriors: Object.fromEntries(grades.map((grade) => [grade, 1 / grades.length]))
})

export const GRADE_SCALES: Readonly<Record<string, GradeScale>> = {
  swedish_8_anchor: {
    id: "swedish_8_anchor",
    grades: ["F", "E", "D", "D+", "C", "C+", "B", "A"],
    belowLowest: null,
    numeric: false,
    populationPriors: { F: 0.02, E: 0.08, D: 0.15, "D+": 0.2, C: 0.25, "C+": 0.15, B: 0.1, A: 0.05 }
  },
  eng5_np_legacy_9_step: uniformScale("eng5_np_legacy_9_step", ["F+", "E-", "E+", "D-", "D+", "C-", "C+", "B", "A"], "F", false),
  eng5_np_national_9_step: uniformScale("eng5_np_national_9_step", ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "0", true)
}

/** The scale used when no assignment tells otherwise. */
export const DEFAULT_GRADE_SCALE = "eng5_np_legacy_9_step"

export const findGradeScale = (id: string): GradeScale | undefined => GRADE_SCALES[id]

export const isGradeInScale = (grade: string, scale: GradeScale): boolean =>
  scale.grades.includes(grade) || scale.belowLowest === grade

/** Position of a grade from lowest (0) upward; the below-lowest grade sits at -1; unknown is undefined. */
export const gradeRank = (grade: string, scale: GradeScale): number | undefined => {
  if (scale.belowLowest === grade) return -1
  const index = scale.grades.indexOf(grade)
  return index === -1 ? undefined : index
}

export const describeScale = (scale: GradeScale): string =>
  scale.grades.join(", ") + (scale.belowLowest === null ? "" : ` (and ${scale.belowLowest} below the lowest)`)
