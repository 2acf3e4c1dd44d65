import { Effect } from "effect"
import type { GradeScale } from "../../domain/gradeScales.js"
import type { AnchorEssay } from "../../domain/inventory.js"
import { CjAdmin, type AnchorRegistrationResult, type AnchorSummary } from "../../services/CjAdmin.js"

export interface SandboxCjOptions {
  readonly gradeScale: GradeScale
  readonly instructionsText: string
  readonly anchors: Effect.Effect<ReadonlyArray<AnchorEssay>>
}

export const SANDBOX_PROMPT_STORAGE_ID = "sandbox0student0prompt000000000"

/**
 * CJ's admin API answered from the dataset: every assignment id exists, with the sandbox's
 * grade scale and the local anchors (file-name grades) as CJ's anchors.
 */
export const sandboxCjAdmin = (options: SandboxCjOptions) => {
  const registered = new Map<string, AnchorRegistrationResult>()
  const summary = (assignmentId: string) =>
    Effect.map(options.anchors, (anchors): AnchorSummary => ({
      assignmentId,
      gradeScale: options.gradeScale.id,
      anchorCount: anchors.length,
      anchorCountTotal: anchors.length,
      anchorCountByScale: { [options.gradeScale.id]: anchors.length },
      anchors: anchors.map((a, index) => ({
        id: index + 1,
        anchorLabel: a.anchorId,
        grade: a.grade,
        gradeScale: options.gradeScale.id,
        textStorageId: a.checksum.slice(0, 32)
      }))
    }))
  return CjAdmin.of({
    getAssignment: (assignmentId) =>
      Effect.succeed({
        assignmentId,
        gradeScale: options.gradeScale.id,
        contextOrigin: "research_experiment",
        studentPromptStorageId: SANDBOX_PROMPT_STORAGE_ID,
        instructionsText: options.instructionsText
      }),
    getAnchorSummary: summary,
    registerAnchor: (registration) =>
      Effect.sync(() => {
        const key = `${registration.assignmentId}/${registration.anchorLabel}`
        const result: AnchorRegistrationResult = {
          anchorId: registered.get(key)?.anchorId ?? registered.size + 1,
          storageId: key.length.toString(16).padStart(32, "0"),
          gradeScale: options.gradeScale.id,
          status: registered.has(key) ? "replaced" : "registered"
        }
        registered.set(key, result)
        return result
      }),
    listInstructions: (page) =>
      Effect.succeed({ items: [], total: 0, page: page.page, pageSize: page.pageSize })
  })
}
