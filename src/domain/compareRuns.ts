import type { AssessmentRunArtefact } from "./artefact.js"
import { findGradeScale, gradeRank } from "./gradeScales.js"
import { gradeAgreement, kendallTauB, quadraticWeightedKappa, spearmanRho } from "../statistics/index.js"

export interface RunSide {
  readonly label: string
  readonly batchUuid: string
  readonly folder: string
  readonly comparisons: number
  readonly failed: number
  readonly costUsd: number
}

export interface PairComparison {
  readonly first: number
  readonly second: number
  /** Essays with a BT score in both runs. */
  readonly sharedEssays: number
  readonly kendallTauB: number | null
  readonly spearmanRho: number | null
  /** Over students projected in both runs on the same scale. */
  readonly gradedEssays: number
  readonly exactAgreement: number | null
  readonly adjacentAgreement: number | null
  readonly quadraticWeightedKappa: number | null
  /** The points behind the scatter: essay, score in the first run, score in the second. */
  readonly scores: ReadonlyArray<{ readonly essayId: string; readonly first: number; readonly second: number; readonly isAnchor: boolean }>
}

export interface RunsComparison {
  readonly runs: ReadonlyArray<RunSide>
  readonly pairs: ReadonlyArray<PairComparison>
}

export interface NamedArtefact {
  readonly folder: string
  readonly artefact: AssessmentRunArtefact
}

const sideOf = ({ folder, artefact }: NamedArtefact): RunSide => {
  const failed = artefact.llm_comparisons.filter((c) => c.status === "failed").length
  return {
    label: artefact.metadata.batch_id,
    batchUuid: artefact.metadata.batch_uuid,
    folder,
    comparisons: artefact.llm_comparisons.length,
    failed,
    costUsd: artefact.costs.total_usd
  }
}

/** Grade → index from 0 (the below-lowest grade, when the scale has one) upward. */
const gradeIndexer = (scaleId: string) => {
  const scale = findGradeScale(scaleId)
  if (scale === undefined) return undefined
  const offset = scale.belowLowest === null ? 0 : 1
  const indexOf = (grade: string): number | undefined => {
    const rank = gradeRank(grade, scale)
    return rank === undefined ? undefined : rank + offset
  }
  return { categories: scale.grades.length + offset, indexOf }
}

const comparePair = (first: NamedArtefact, second: NamedArtefact, firstIndex: number, secondIndex: number): PairComparison => {
  const secondScores = new Map(second.artefact.bt_summary.map((entry) => [entry.essay_id, entry.theta]))
  const scores = first.artefact.bt_summary.flatMap((entry) => {
    const other = secondScores.get(entry.essay_id)
    return other === undefined ? [] : [{ essayId: entry.essay_id, first: entry.theta, second: other, isAnchor: entry.is_anchor }]
  })
  const tau = kendallTauB(scores.map((s) => [s.first, s.second] as const)).value
  const rho = spearmanRho(scores.map((s) => s.first), scores.map((s) => s.second))

  const sameScale = first.artefact.metadata.grade_scale === second.artefact.metadata.grade_scale
  const indexer = sameScale ? gradeIndexer(first.artefact.metadata.grade_scale) : undefined
  const secondGrades = new Map(second.artefact.grade_projections.map((p) => [p.essay_id, p.grade]))
  const anchors = new Set(first.artefact.bt_summary.filter((entry) => entry.is_anchor).map((entry) => entry.essay_id))
  const graded = indexer === undefined
    ? []
    : first.artefact.grade_projections.flatMap((p) => {
        const a = indexer.indexOf(p.grade)
        const otherGrade = secondGrades.get(p.essay_id)
        const b = otherGrade === undefined ? undefined : indexer.indexOf(otherGrade)
        return a === undefined || b === undefined || anchors.has(p.essay_id) ? [] : [[a, b] as const]
      })
  const firstGrades = graded.map(([a]) => a)
  const otherGrades = graded.map(([, b]) => b)
  const agreement = gradeAgreement(firstGrades, otherGrades)
  return {
    first: firstIndex,
    second: secondIndex,
    sharedEssays: scores.length,
    kendallTauB: tau,
    spearmanRho: rho,
    gradedEssays: graded.length,
    exactAgreement: agreement.exact,
    adjacentAgreement: agreement.adjacent,
    quadraticWeightedKappa: indexer === undefined ? null : quadraticWeightedKappa(firstGrades, otherGrades, indexer.categories),
    scores
  }
}

/** Every pair of runs compared over the essays they share. Pure. */
export const compareRuns = (runs: ReadonlyArray<NamedArtefact>): RunsComparison => {
  const pairs: PairComparison[] = []
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) pairs.push(comparePair(runs[i] as NamedArtefact, runs[j] as NamedArtefact, i, j))
  }
  return { runs: runs.map(sideOf), pairs }
}
