import { type GradeScale, gradeRank } from "./gradeScales.js"

export interface DocumentBlob {
  readonly path: string | null
  readonly checksum: string
  readonly bytes: number
  readonly content: string
}

/** One essay file as read from disk (src/inventory/essayFolder.ts reads it). */
export interface EssayFile {
  readonly path: string
  readonly fileName: string
  readonly bytes: number
  /** SHA-256 of the raw file bytes, the upload cache key. */
  readonly checksum: string
  /** Extracted text: what is uploaded and judged. */
  readonly text: string
}

export interface StudentEssay extends EssayFile {
  /** The id CJ receives and the artefact records (one id, fixes B8). */
  readonly essayId: string
}

export interface AnchorEssay extends EssayFile {
  readonly anchorId: string
  readonly grade: string
  /** Grade from the anchors CSV when it has a row for this file. */
  readonly csvGrade: string | null
}

export interface Inventory {
  readonly assetsDir: string
  readonly gradeScale: GradeScale
  readonly instructions: DocumentBlob | null
  readonly anchorsCsv: DocumentBlob | null
  readonly anchorDir: string
  readonly studentDir: string
  readonly anchors: ReadonlyArray<AnchorEssay>
  readonly students: ReadonlyArray<StudentEssay>
  /** Non-fatal findings worth an operator's attention. */
  readonly warnings: ReadonlyArray<string>
}

export interface Capacity {
  readonly anchors: number
  readonly students: number
  readonly anchorStudentPairs: number
  readonly studentStudentPairs: number
  readonly allPairs: number
}

export const capacityOf = (anchors: number, students: number): Capacity => {
  const total = anchors + students
  return {
    anchors,
    students,
    anchorStudentPairs: anchors * students,
    studentStudentPairs: (students * (students - 1)) / 2,
    allPairs: (total * (total - 1)) / 2
  }
}

/** Anchors per grade, highest grade first. */
export const countGrades = (anchors: ReadonlyArray<AnchorEssay>, scale: GradeScale): ReadonlyArray<{ grade: string; count: number }> => {
  const counts = new Map<string, number>()
  for (const anchor of anchors) counts.set(anchor.grade, (counts.get(anchor.grade) ?? 0) + 1)
  const rank = (grade: string) => gradeRank(grade, scale) ?? Number.NEGATIVE_INFINITY
  return [...counts].map(([grade, count]) => ({ grade, count })).sort((a, b) => rank(b.grade) - rank(a.grade))
}
