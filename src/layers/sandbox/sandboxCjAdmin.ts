import { Effect } from "effect"
import type { GradeScale } from "../../domain/gradeScales.js"
import type { AnchorEssay } from "../../domain/inventory.js"
import { AssignmentNotFound } from "../../errors.js"
import {
  type AnchorRegistration,
  type AnchorRegistrationResult,
  type AnchorSummary,
  type AssignmentContext,
  CjAdmin,
  type InstructionsListItem
} from "../../services/CjAdmin.js"

/**
 * Which assignments CJ knows: either every id, with one grade scale and instructions text
 * (the sandbox run), or exactly the given ones, any other id failing with AssignmentNotFound.
 */
export type SandboxCjAssignments =
  | { readonly gradeScale: GradeScale; readonly instructionsText: string }
  | { readonly assignments: ReadonlyArray<AssignmentContext> }

export type SandboxCjOptions = SandboxCjAssignments & {
  /** Anchors CJ holds for every known assignment before any registration (default: none). */
  readonly anchors?: Effect.Effect<ReadonlyArray<AnchorEssay>>
  /**
   * Whether CJ keeps a registration it answered (default: every one). False simulates the
   * platform's register endpoint, which answers 201 and rolls its row back.
   */
  readonly keepsRegistration?: (registration: AnchorRegistration) => boolean
}

export const SANDBOX_PROMPT_STORAGE_ID = "sandbox0student0prompt000000000"

/**
 * CJ's admin API in memory: the sandbox run's CJ (every assignment id, the local anchors with
 * file-name grades) and the unit tests' CJ (given assignments). Registered anchors are added to
 * the assignment's anchor summary, replacing a seeded or earlier anchor with the same label.
 */
export const sandboxCjAdmin = (options: SandboxCjOptions) => {
  const registered = new Map<string, { readonly registration: AnchorRegistration; readonly result: AnchorRegistrationResult }>()
  const seeded = options.anchors ?? Effect.succeed([])

  const find = (assignmentId: string): Effect.Effect<AssignmentContext, AssignmentNotFound> => {
    if (!("assignments" in options)) {
      return Effect.succeed({
        assignmentId,
        gradeScale: options.gradeScale.id,
        contextOrigin: "research_experiment",
        studentPromptStorageId: SANDBOX_PROMPT_STORAGE_ID,
        instructionsText: options.instructionsText
      })
    }
    const found = options.assignments.find((a) => a.assignmentId === assignmentId)
    return found === undefined
      ? Effect.fail(
          new AssignmentNotFound({
            assignmentId,
            message: `CJ has no assessment instructions for assignment ${assignmentId}.`,
            fix: "Check the assignment id with `eng5 assignment list`."
          })
        )
      : Effect.succeed(found)
  }

  const summary = (assignmentId: string) =>
    Effect.gen(function* () {
      const { gradeScale } = yield* find(assignmentId)
      const mine = [...registered.values()].filter((r) => r.registration.assignmentId === assignmentId)
      const labels = new Set(mine.map((r) => r.registration.anchorLabel))
      const own = (yield* seeded).filter((a) => !labels.has(a.anchorId))
      const anchors = [
        ...own.map((a) => ({ anchorLabel: a.anchorId, grade: a.grade, textStorageId: a.checksum.slice(0, 32) })),
        ...mine.map((r) => ({ anchorLabel: r.registration.anchorLabel, grade: r.registration.grade, textStorageId: r.result.storageId }))
      ]
      return {
        assignmentId,
        gradeScale,
        anchorCount: anchors.length,
        anchorCountTotal: anchors.length,
        anchorCountByScale: { [gradeScale]: anchors.length },
        anchors: anchors.map((a, index) => ({ id: index + 1, gradeScale, ...a }))
      } satisfies AnchorSummary
    })

  return CjAdmin.of({
    getAssignment: find,
    getAnchorSummary: summary,
    registerAnchor: (registration) =>
      Effect.map(find(registration.assignmentId), ({ gradeScale }) => {
        const key = `${registration.assignmentId}/${registration.anchorLabel}`
        const previous = registered.get(key)
        const result: AnchorRegistrationResult = {
          anchorId: previous?.result.anchorId ?? registered.size + 1,
          storageId: key.length.toString(16).padStart(32, "0"),
          gradeScale,
          status: previous === undefined ? "registered" : "replaced"
        }
        if (options.keepsRegistration?.(registration) ?? true) registered.set(key, { registration, result })
        return result
      }),
    listInstructions: (page) =>
      Effect.sync(() => {
        const known = "assignments" in options ? options.assignments : []
        const items = known.map(
          (a): InstructionsListItem => ({
            assignmentId: a.assignmentId,
            courseId: null,
            gradeScale: a.gradeScale,
            contextOrigin: a.contextOrigin,
            studentPrompt: a.studentPromptStorageId !== null,
            ...(a.createdAt === undefined ? {} : { createdAt: a.createdAt })
          })
        )
        return { items: items.slice((page.page - 1) * page.pageSize, page.page * page.pageSize), total: items.length, page: page.page, pageSize: page.pageSize }
      })
  })
}
