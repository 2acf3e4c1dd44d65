import { Effect, Exit, Schema } from "effect"
import { AssessmentRunArtefact } from "../domain/artefact.js"
import { type BuildInfo, buildStubArtefact } from "../domain/buildArtefact.js"
import { buildLlmOverrides } from "../domain/composeRequest.js"
import { SchemaViolation } from "../errors.js"
import { sentIdsOf } from "./composeForRun.js"
import { estimateForRun } from "./costEstimate.js"
import type { PreparedRun } from "./prepareRun.js"

const decodeArtefact = Schema.decodeUnknownExit(AssessmentRunArtefact)

/** Checks a built artefact against its schema; a failure here is an eng5 bug, reported as such. */
export const validateArtefact = (artefact: unknown) => {
  const exit = decodeArtefact(artefact)
  return Exit.isSuccess(exit)
    ? Effect.succeed(exit.value)
    : Effect.fail(
        new SchemaViolation({
          what: "assessment run artefact",
          message: `The artefact eng5 built does not match its schema: ${String(exit.cause).slice(0, 500)}`,
          fix: "This is a bug in eng5; report it with the command you ran."
        })
      )
}

const withEstimate = (prepared: PreparedRun, artefact: AssessmentRunArtefact): AssessmentRunArtefact => ({
  ...artefact,
  costs: { ...artefact.costs, estimate: estimateForRun(prepared) }
})

export const stubArtefactFor = (prepared: PreparedRun, mode: string, build: BuildInfo, now: Date) =>
  validateArtefact(
    withEstimate(prepared, buildStubArtefact(
      {
        mode,
        batchUuid: prepared.settings.batchUuid,
        batchLabel: prepared.settings.batchLabel,
        correlationId: prepared.settings.correlationId,
        assignmentId: prepared.settings.assignmentId ?? null,
        courseId: prepared.settings.courseId ?? null,
        courseCode: prepared.settings.courseCode,
        language: prepared.settings.language,
        gradeScale: prepared.preflight.gradeScale.id,
        llmOverrides: buildLlmOverrides(prepared.settings.llm)
      },
      prepared.inventory,
      build,
      now,
      {
        sentIds: sentIdsOf(prepared),
        ...(prepared.preflight.anchorSummary === null ? {} : { cjAnchors: prepared.preflight.anchorSummary.anchors })
      }
    ))
  )
