import { randomUUID } from "node:crypto"
import { Effect, Exit, Schema } from "effect"
import { buildLlmOverrides, composeRequest } from "../domain/composeRequest.js"
import type { StudentEssay } from "../domain/inventory.js"
import { sentEssayIds } from "../domain/sentIds.js"
import { RequestEnvelope } from "../domain/requestEnvelope.js"
import { SchemaViolation } from "../errors.js"
import type { PreparedRun } from "./prepareRun.js"

const decodeEnvelope = Schema.decodeUnknownExit(RequestEnvelope)

/** The ids this batch sends to CJ for its students, in their order (sentIds.ts). */
export const sentIdsOf = (prepared: PreparedRun): ReadonlyArray<string> =>
  sentEssayIds(
    prepared.inventory.students.map((s) => s.essayId),
    prepared.settings.batchUuid
  )

/**
 * The request exactly as execute publishes it, checked against the envelope schema so a
 * malformed request (which CJ would drop silently) never leaves eng5.
 */
export const composeForRun = (prepared: PreparedRun, storageIdOf: (essay: StudentEssay) => string, runnerMode: string, now: Date) => {
  const { settings } = prepared
  const sent = sentIdsOf(prepared)
  const envelope = composeRequest({
    eventId: randomUUID(),
    batchUuid: settings.batchUuid,
    correlationId: settings.correlationId,
    now,
    assignmentId: settings.assignmentId ?? null,
    essays: prepared.inventory.students.map((s, i) => ({ essay_id: sent[i] ?? s.essayId, text_storage_id: storageIdOf(s), spellcheck_metrics: null })),
    language: settings.language,
    courseCode: settings.courseCode,
    userId: settings.userId,
    orgId: settings.orgId ?? null,
    llmOverrides: buildLlmOverrides(settings.llm),
    runnerMode,
    batchLabel: settings.batchLabel,
    ...(settings.maxComparisons === undefined ? {} : { maxComparisons: settings.maxComparisons }),
    ...(settings.llmBatchingMode === undefined ? {} : { llmBatchingModeHint: settings.llmBatchingMode })
  })
  const exit = decodeEnvelope(envelope)
  return Exit.isSuccess(exit)
    ? Effect.succeed(envelope)
    : Effect.fail(
        new SchemaViolation({
          what: "CJ request envelope",
          message: `The request eng5 built does not match the CJ contract: ${String(exit.cause).slice(0, 500)}`,
          fix: "This is a bug in eng5; report it with the command you ran."
        })
      )
}
