import type { Random } from "./random.js"

/**
 * Which pairs the simulated CJ sends to its judge.
 *
 * Anchor × student pairs come first, then student × student pairs; anchors are never compared
 * with each other (their grades are known). Both kinds are handed out in rounds so the budget
 * is spread evenly whenever it runs out:
 *
 * - anchor × student: students and anchors are shuffled once; in round r student i meets
 *   anchor (i + r) mod A. One round gives every student one more anchor, and within a round
 *   each anchor meets ⌊S/A⌋ or ⌈S/A⌉ students. After A rounds every anchor × student pair is used once.
 * - student × student: students are shuffled into a ring; round k pairs each student with the
 *   one k places further on. Round 1 is a single cycle through every student, so the student
 *   graph is connected as soon as one round fits, and each round adds two opponents per student.
 *   Rounds k = 1 … ⌊S/2⌋ use every student pair exactly once.
 *
 * Which essay goes in slot A is a seeded coin toss, as a position-bias guard would do.
 */
export interface PairingEssay {
  readonly essayId: string
  readonly isAnchor: boolean
}

export type PairKind = "anchor_student" | "student_student"

export interface PlannedPair {
  readonly essayA: string
  readonly essayB: string
  readonly kind: PairKind
}

/** Student opponents per student when no `max_comparisons` is given. */
export const DEFAULT_STUDENT_OPPONENTS = 8

export interface PairingOptions {
  /** The request's `max_comparisons` hint; ignored unless an integer ≥ 1 (as CJ does). */
  readonly maxComparisons?: number | undefined
  readonly random: Random
}

/** Every distinct anchor × student and student × student pair. */
export const availablePairCount = (anchors: number, students: number): number => anchors * students + (students * (students - 1)) / 2

/**
 * Without a hint: every anchor × student pair plus enough student × student rounds to give each
 * student `DEFAULT_STUDENT_OPPONENTS` student opponents (or all of them in a small batch).
 */
export const defaultComparisonBudget = (anchors: number, students: number): number =>
  anchors * students + Math.ceil((students * Math.min(DEFAULT_STUDENT_OPPONENTS, Math.max(0, students - 1))) / 2)

export const comparisonBudget = (anchors: number, students: number, maxComparisons: number | undefined): number => {
  const hinted = maxComparisons !== undefined && Number.isInteger(maxComparisons) && maxComparisons >= 1 ? maxComparisons : undefined
  return Math.min(hinted ?? defaultComparisonBudget(anchors, students), availablePairCount(anchors, students))
}

function* anchorStudentRounds(anchors: ReadonlyArray<string>, students: ReadonlyArray<string>): Generator<[string, string]> {
  for (let round = 0; round < anchors.length; round++) {
    for (let index = 0; index < students.length; index++) {
      yield [anchors[(index + round) % anchors.length] as string, students[index] as string]
    }
  }
}

function* studentRingRounds(students: ReadonlyArray<string>): Generator<[string, string]> {
  const size = students.length
  for (let distance = 1; distance <= Math.floor(size / 2); distance++) {
    // With an even ring, distance size/2 reaches each pair from both ends; take it once.
    const starts = 2 * distance === size ? size / 2 : size
    for (let index = 0; index < starts; index++) {
      yield [students[index] as string, students[(index + distance) % size] as string]
    }
  }
}

export const planPairs = (essays: ReadonlyArray<PairingEssay>, options: PairingOptions): Array<PlannedPair> => {
  const anchors = options.random.shuffled(essays.filter((essay) => essay.isAnchor).map((essay) => essay.essayId))
  const students = options.random.shuffled(essays.filter((essay) => !essay.isAnchor).map((essay) => essay.essayId))
  const budget = comparisonBudget(anchors.length, students.length, options.maxComparisons)
  const pairs: Array<PlannedPair> = []
  const take = (source: Iterable<[string, string]>, kind: PairKind): void => {
    for (const [first, second] of source) {
      if (pairs.length >= budget) return
      const swap = options.random.chance(0.5)
      pairs.push({ essayA: swap ? second : first, essayB: swap ? first : second, kind })
    }
  }
  take(anchorStudentRounds(anchors, students), "anchor_student")
  take(studentRingRounds(students), "student_student")
  return pairs
}
