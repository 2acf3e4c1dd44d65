import { randomUUID } from "node:crypto"
import { buildLlmOverrides, type LlmSettings, composeRequest } from "../../../src/domain/composeRequest.js"
import type { RequestEnvelope } from "../../../src/domain/requestEnvelope.js"
import type { SandboxEssay } from "../../../src/sandbox/simulateBatch.js"

/** A request for the given students, as eng5 would publish it, with fresh uuids each call. */
export const requestFor = (
  essays: ReadonlyArray<SandboxEssay>,
  settings: { readonly llm?: LlmSettings; readonly maxComparisons?: number; readonly assignmentId?: string | null } = {}
): RequestEnvelope =>
  composeRequest({
    eventId: randomUUID(),
    batchUuid: randomUUID(),
    correlationId: randomUUID(),
    now: new Date(),
    assignmentId: settings.assignmentId === undefined ? randomUUID() : settings.assignmentId,
    essays: essays
      .filter((essay) => !essay.isAnchor)
      .map((essay) => ({ essay_id: essay.essayId, text_storage_id: randomUUID().replaceAll("-", ""), spellcheck_metrics: null })),
    language: "en",
    courseCode: "ENG5",
    userId: "eng5_np_research_runner",
    orgId: null,
    llmOverrides: buildLlmOverrides(settings.llm ?? {}),
    runnerMode: "execute",
    batchLabel: "sandbox-test",
    ...(settings.maxComparisons === undefined ? {} : { maxComparisons: settings.maxComparisons })
  })
