import { Effect } from "effect"
import { InvalidFlag } from "../errors.js"
import { type AnchorSummary, type AssignmentContext, CjAdmin, type InstructionsPage } from "../services/CjAdmin.js"
import { withCorrelationId } from "../services/HttpContext.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const assignmentUuid = (raw: string) => {
  const id = raw.trim().toLowerCase()
  return UUID.test(id)
    ? Effect.succeed(id)
    : Effect.fail(new InvalidFlag({ flag: "ASSIGNMENT_ID", message: `"${raw}" is not an assignment UUID.`, fix: "Pass the assignment's UUID; `eng5 assignment list` shows them." }))
}

export interface AssignmentView {
  readonly assignment: AssignmentContext
  readonly anchors: AnchorSummary
}

/** `eng5 assignment show`: CJ's instructions for the assignment and the anchors it holds. */
export const showAssignmentProgram = Effect.fnUntraced(function* (rawId: string, correlationId: string) {
  const id = yield* assignmentUuid(rawId)
  const cj = yield* CjAdmin
  const [assignment, anchors] = yield* withCorrelationId(correlationId)(Effect.all([cj.getAssignment(id), cj.getAnchorSummary(id)], { concurrency: 2 }))
  const view: AssignmentView = { assignment, anchors }
  return view
})

/** `eng5 anchors list`: the anchors CJ holds for the assignment, in its grade scale. */
export const listAnchorsProgram = Effect.fnUntraced(function* (rawId: string, correlationId: string) {
  const id = yield* assignmentUuid(rawId)
  const cj = yield* CjAdmin
  return yield* withCorrelationId(correlationId)(cj.getAnchorSummary(id))
})

/** `eng5 assignment list`: one page of CJ's instructions, newest first. */
export const listAssignmentsProgram = Effect.fnUntraced(function* (page: number, pageSize: number, correlationId: string) {
  if (!Number.isInteger(page) || page < 1) return yield* new InvalidFlag({ flag: "--page", message: `--page ${page} is not a page number.`, fix: "Pass --page 1 or higher." })
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) {
    return yield* new InvalidFlag({ flag: "--page-size", message: `--page-size ${pageSize} is outside 1–200.`, fix: "Pass --page-size from 1 to 200 (CJ's limit)." })
  }
  const cj = yield* CjAdmin
  const result: InstructionsPage = yield* withCorrelationId(correlationId)(cj.listInstructions({ page, pageSize }))
  return result
})
