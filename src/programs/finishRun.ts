import { Effect } from "effect"
import { writeFailed } from "../runFolder/runFolder.js"
import type { PublishedMessage } from "../services/KafkaBus.js"
import { logInfo } from "../services/RunLog.js"
import { type FollowResult, statusOf } from "./collect.js"
import { type HookRecord, runPostRunHooks } from "./postRun.js"
import { reportAfterRun } from "./reportHtml.js"
import { buildRunReport, type RunReport } from "./runReport.js"
import { artefactNow, type RunRecording, type StatusOfRun, saveArtefact } from "./runRecording.js"

export interface FinishInputs {
  readonly mode: RunReport["mode"]
  readonly recording: RunRecording
  readonly batchLabel: string
  readonly correlationId: string
  readonly requestPath: string
  readonly logPath: string
  readonly upload: RunReport["upload"]
  readonly published: PublishedMessage | null
  /** How following ended; null when the batch was not followed. */
  readonly followed: FollowResult | null
  /** The status to record when the batch was not followed. */
  readonly notFollowed: StatusOfRun
}

/** After following: the post-run hooks, their outcomes in the artefact, the event files closed, the report. */
export const finishRun = (input: FinishInputs) =>
  Effect.gen(function* () {
    const { recording } = input
    const status = input.followed === null ? input.notFollowed : statusOf(input.followed.outcome, recording.hydrator.comparisonCount)
    let hooks: Readonly<Record<string, HookRecord>> = {}
    if (input.followed !== null) {
      // Hooks read the artefact, which following saved last with everything that arrived.
      hooks = yield* runPostRunHooks({
        runFolder: recording.folder,
        artefactPath: recording.artefactPath,
        batchUuid: recording.batchUuid,
        batchLabel: input.batchLabel,
        outcome: status.outcome
      })
    }
    const finalStatus = Object.keys(hooks).length === 0 ? status : { ...status, postRun: { ...recording.stub.validation.post_run, ...hooks } }
    if (finalStatus !== status) yield* saveArtefact(recording, finalStatus)
    yield* Effect.tryPromise({ try: () => recording.eventLog.close(), catch: writeFailed(recording.folder) })
    // From the records in memory: reading a large artefact back would hold it twice.
    const htmlReport = status.outcome === "completed" ? yield* reportAfterRun(recording.folder, yield* artefactNow(recording, finalStatus)) : null
    const built = buildRunReport({
      mode: input.mode,
      recording,
      batchLabel: input.batchLabel,
      correlationId: input.correlationId,
      requestPath: input.requestPath,
      logPath: input.logPath,
      published: input.published,
      outcome: status.outcome,
      partialData: status.partial,
      failureReason: status.failureReason,
      elapsedMs: input.followed?.elapsedMs ?? 0,
      upload: input.upload,
      hooks
    })
    const report: RunReport = htmlReport === null ? built : { ...built, htmlReport }
    yield* logInfo("run_finished", { outcome: report.outcome, exit_code: report.exitCode, ...recording.hydrator.observedEvents() })
    return report
  })
