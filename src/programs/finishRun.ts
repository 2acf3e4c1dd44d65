import { Effect } from "effect"
import { type FollowResult, statusOf } from "./collect.js"
import { type HookRecord, runPostRunHooks } from "./postRun.js"
import { reportAfterRun } from "./reportHtml.js"
import { buildRunReport, type ReportInputs, type RunReport } from "./runReport.js"
import { artefactNow, closeEvents, type StatusOfRun, saveArtefact } from "./runRecording.js"
import { logInfo } from "../services/RunLog.js"

export interface FinishInputs extends Omit<ReportInputs, "status" | "elapsedMs" | "hooks"> {
  /** How following ended; null when the batch was not followed. */
  readonly followed: FollowResult | null
  /** The status to record when the batch was not followed. */
  readonly notFollowed: StatusOfRun
}

/** After following: the post-run hooks, their outcomes in the artefact, the event files closed, the report. */
export const finishRun = (input: FinishInputs) =>
  Effect.gen(function* () {
    const { recording, followed } = input
    const status = followed === null ? input.notFollowed : statusOf(followed.outcome, recording.hydrator.comparisonCount)
    // Hooks read the artefact, which following saved last with everything that arrived.
    const hooks: Readonly<Record<string, HookRecord>> =
      followed === null
        ? {}
        : yield* runPostRunHooks({ runFolder: recording.folder, artefactPath: recording.artefactPath, batchUuid: recording.batchUuid, batchLabel: input.run.batchLabel, outcome: status.outcome })
    const finalStatus = Object.keys(hooks).length === 0 ? status : { ...status, postRun: { ...recording.stub.validation.post_run, ...hooks } }
    if (finalStatus !== status) yield* saveArtefact(recording, finalStatus)
    yield* closeEvents(recording)
    // From the records in memory: reading the artefact back would hold it twice.
    const htmlReport = status.outcome === "completed" ? yield* reportAfterRun(recording.folder, yield* artefactNow(recording, finalStatus)) : null
    const built = buildRunReport({ mode: input.mode, recording, run: input.run, upload: input.upload, status, elapsedMs: followed?.elapsedMs ?? 0, hooks })
    const report: RunReport = htmlReport === null ? built : { ...built, htmlReport }
    yield* logInfo("run_finished", { outcome: report.outcome, exit_code: report.exitCode, ...recording.hydrator.observedEvents() })
    return report
  })
