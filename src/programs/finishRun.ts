import { Effect } from "effect"
import { logInfo } from "../services/RunLog.js"
import type { FollowResult } from "./collect.js"
import { type FollowStop, stopStatusOf } from "./followStatus.js"
import { type HookRecord, runPostRunHooks } from "./postRun.js"
import { reportAfterRun } from "./reportHtml.js"
import { buildRunReport, type ReportInputs, type RunReport } from "./runReport.js"
import { closeEvents, type StatusOfRun, saveArtefact } from "./runRecording.js"

export interface FinishInputs extends Omit<ReportInputs, "status" | "elapsedMs" | "hooks" | "stopped"> {
  /** How following ended: with an outcome, stopped early, or null when the batch was not followed. */
  readonly end: { readonly followed: FollowResult } | { readonly stopped: FollowStop } | null
  /** The status to record when the batch was not followed. */
  readonly notFollowed: StatusOfRun
}

/**
 * After following: the post-run hooks, their outcomes in the artefact, the event files closed, the
 * report. A run whose following stopped early has its artefact saved already (followBatch) and
 * runs no hooks; its report carries why it stopped.
 */
export const finishRun = (input: FinishInputs) =>
  Effect.gen(function* () {
    const { recording, end } = input
    if (end !== null && "stopped" in end) {
      // The stop is what the report says; a folder that refused writes may refuse this close too.
      yield* Effect.ignore(closeEvents(recording))
      return yield* reported(recording, buildRunReport({ ...input, status: stopStatusOf(recording, end.stopped), elapsedMs: 0, hooks: {}, stopped: end.stopped }))
    }
    const followed = end?.followed ?? null
    const status = followed?.status ?? input.notFollowed
    // Hooks read the artefact, which following saved last with everything that arrived.
    const hooks: Readonly<Record<string, HookRecord>> =
      followed === null
        ? {}
        : yield* runPostRunHooks({ runFolder: recording.folder, artefactPath: recording.artefactPath, batchUuid: recording.batchUuid, batchLabel: input.run.batchLabel, outcome: status.outcome })
    const finalStatus = Object.keys(hooks).length === 0 ? status : { ...status, postRun: { ...recording.stub.validation.post_run, ...hooks } }
    const saved = finalStatus === status ? followed?.artefact : yield* saveArtefact(recording, finalStatus)
    yield* closeEvents(recording)
    // The artefact last saved, from memory: reading it back would hold it twice.
    const htmlReport = status.outcome === "completed" && saved !== undefined ? yield* reportAfterRun(recording.folder, saved) : null
    const built = buildRunReport({ ...input, status, elapsedMs: followed?.elapsedMs ?? 0, hooks })
    return yield* reported(recording, htmlReport === null ? built : { ...built, htmlReport })
  })

const reported = (recording: FinishInputs["recording"], report: RunReport) =>
  Effect.as(logInfo("run_finished", { outcome: report.outcome, exit_code: report.exitCode, ...recording.hydrator.observedEvents() }), report)
