import { Effect, Layer } from "effect"
import { PreflightFailed } from "../../src/errors.js"
import { type AnchorSummary, type AssignmentContext, CjAdmin } from "../../src/services/CjAdmin.js"
import { Progress } from "../../src/services/Progress.js"
import { RunLog } from "../../src/services/RunLog.js"

/** A CJ that knows the given assignments; any other id is not found. */
export const fakeCjAdmin = (assignments: ReadonlyArray<AssignmentContext>, anchors: ReadonlyArray<AnchorSummary> = []) =>
  Layer.succeed(CjAdmin, {
    getAssignment: (id) => {
      const found = assignments.find((a) => a.assignmentId === id)
      return found === undefined
        ? Effect.fail(new PreflightFailed({ message: `No assessment instructions in CJ for ${id}.`, fix: "Check --assignment-id." }))
        : Effect.succeed(found)
    },
    getAnchorSummary: (id) => {
      const found = anchors.find((a) => a.assignmentId === id)
      return found === undefined
        ? Effect.fail(new PreflightFailed({ message: `No anchors in CJ for ${id}.`, fix: "Register anchors." }))
        : Effect.succeed(found)
    },
    registerAnchor: () => Effect.fail(new PreflightFailed({ message: "not used in this test", fix: "" })),
    listInstructions: () => Effect.fail(new PreflightFailed({ message: "not used in this test", fix: "" }))
  })

export const quietBase = Layer.mergeAll(Progress.silent, RunLog.discard)
