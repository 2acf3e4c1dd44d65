import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { collectInventory } from "../../../src/inventory/collectInventory.js"
import type { SandboxEssay } from "../../../src/sandbox/simulateBatch.js"
import { requestFor } from "./sandboxRequest.js"

export const legacyScale = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale

/** examples/eng5 as the sandbox sees it: 24 students and 12 graded anchors, with a request for the students. */
export const exampleBatch = async (settings: { readonly maxComparisons?: number } = {}) => {
  const inventory = await Effect.runPromise(collectInventory({ assetsDir: "examples/eng5", gradeScale: legacyScale }))
  const essays: Array<SandboxEssay> = [
    ...inventory.students.map((s) => ({ essayId: s.essayId, text: s.text, isAnchor: false })),
    ...inventory.anchors.map((a) => ({ essayId: a.anchorId, text: a.text, isAnchor: true, grade: a.grade }))
  ]
  return { essays, request: requestFor(essays, settings), options: { gradeScale: legacyScale, now: () => new Date("2026-02-07T10:00:00Z"), newUuid: randomUUID } }
}
