import { join } from "node:path"
import { Effect } from "effect"
import { rerunSandbox } from "../domain/continueRun.js"
import { RunAlreadyFinished, RunFolderUnusable } from "../errors.js"
import { RUN_FILES } from "../runFolder/runFolder.js"
import { withRunFolderLock } from "../runFolder/runLock.js"
import { locateRunFolder, readRunState, type RunState } from "../runFolder/runState.js"
import { isFinished, isSandboxRun, readStoredArtefact, storedResultOf } from "../runFolder/runStatus.js"
import { KafkaBus } from "../services/KafkaBus.js"
import { Progress } from "../services/Progress.js"
import { logInfo, RunLog } from "../services/RunLog.js"
import { type FollowSettings, followAndFinish } from "./collect.js"
import { finishRun } from "./finishRun.js"
import { replayRecording } from "./runRecording.js"

export interface AttachOptions {
  /** A run folder, or a batch UUID looked up in `outputDir`. */
  readonly target: string
  readonly outputDir: string
  readonly follow: FollowSettings
}

/**
 * `eng5 run attach`: continues following a batch after Ctrl-C, a crash or a timeout. The
 * events already in the run folder are applied again, reading resumes where the folder says
 * it stopped (so nothing is read twice or missed), and the artefact is finished as execute
 * would have finished it.
 */
export const attachProgram = Effect.fnUntraced(function* (options: AttachOptions) {
  const folder = yield* locateRunFolder(options.target, options.outputDir)
  const state = yield* readRunState(folder)
  const kafka = state.kafka
  if (kafka === null) {
    return yield* new RunFolderUnusable({
      path: folder,
      message: `Batch ${state.batch_uuid} was never published (execute ran with --no-kafka), so there is nothing to follow.`,
      fix: "Run `eng5 run execute` again without --no-kafka to publish a batch."
    })
  }
  return yield* withRunFolderLock(folder, continueRun(folder, state, kafka, options))
})

const continueRun = (folder: string, state: RunState, kafka: NonNullable<RunState["kafka"]>, options: AttachOptions) =>
  Effect.gen(function* () {
    const progress = yield* Progress
    // Read once: for how the run ended, and as the stub the replay starts from.
    const artefact = yield* readStoredArtefact(folder)
    const { outcome } = storedResultOf(artefact)
    if (isFinished(outcome)) {
      return yield* new RunAlreadyFinished({
        path: folder,
        outcome,
        message: `Batch ${state.batch_uuid} has already ended (${outcome}); there is nothing to follow and ${folder} was left as it is.`,
        fix: `Read its result in ${join(folder, RUN_FILES.artefact)}, or write its report with \`eng5 report html ${folder}\`.`
      })
    }
    if (isSandboxRun(state)) {
      return yield* new RunFolderUnusable({ path: folder, message: `Batch ${state.batch_uuid} was a sandbox rehearsal (--sandbox), and it had not finished.`, fix: rerunSandbox(kafka.bootstrap) })
    }
    const logPath = yield* RunLog.use((log) => log.attach(folder))
    const bus = yield* KafkaBus
    if (bus.bootstrap !== kafka.bootstrap) yield* progress.note(`note: execute used Kafka at ${kafka.bootstrap}; following on ${bus.bootstrap}`)
    const recording = yield* progress.step(
      `Read what ${folder} already holds`,
      replayRecording(folder, state.batch_uuid, state.grade_scale, kafka.start_offsets, artefact)
    )
    const observed = recording.hydrator.observedEvents()
    yield* logInfo("attach_started", { run_folder: folder, batch_uuid: state.batch_uuid, resume_from: recording.positions.snapshot(), ...observed })
    yield* progress.note(`${observed.llm_comparisons} comparisons, ${observed.completions} completions and ${observed.assessment_results} results already stored`)
    return yield* followAndFinish(`Follow batch ${state.batch_uuid}`, recording, options.follow, (end) => finishRun({
      mode: "attach",
      recording,
      run: {
        batchLabel: state.batch_label,
        correlationId: state.correlation_id,
        requestPath: join(folder, RUN_FILES.request),
        logPath,
        published: state.published === null ? null : { topic: state.published.topic, partition: state.published.partition, offset: state.published.offset }
      },
      upload: null,
      end,
      notFollowed: { outcome: "not_followed", partial: false, timeoutSeconds: 0, failureReason: null }
    }))
  })
