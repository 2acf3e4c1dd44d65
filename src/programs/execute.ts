import { join } from "node:path"
import { Clock, Effect } from "effect"
import type { SandboxRecord } from "../domain/artefact.js"
import type { BuildInfo } from "../domain/buildArtefact.js"
import type { TopicOffsets } from "../domain/offsets.js"
import { NEEDED_TOPICS, TOPICS } from "../domain/platform.js"
import type { RequestEnvelope } from "../domain/requestEnvelope.js"
import { writeJsonAtomic } from "../runFolder/atomicWrite.js"
import { checkWritableDir, createRunFolder, RUN_FILES, writeFailed } from "../runFolder/runFolder.js"
import { withRunFolderLock } from "../runFolder/runLock.js"
import { type RunState, writeRunState } from "../runFolder/runState.js"
import { KafkaBus, type PublishedMessage } from "../services/KafkaBus.js"
import { Progress } from "../services/Progress.js"
import { logInfo, RunLog } from "../services/RunLog.js"
import { uploadEssays } from "../upload/uploadEssays.js"
import { uploadCachePath } from "../upload/uploadCache.js"
import { type FollowSettings, followAndFinish } from "./collect.js"
import { composeForRun } from "./composeForRun.js"
import { estimateForRun } from "./costEstimate.js"
import { checkCostLimit } from "./costLimit.js"
import { type FinishInputs, finishRun } from "./finishRun.js"
import { type PreparedRun, prepareRun } from "./prepareRun.js"
import { newRecording, recordPublished, saveArtefact, saveStub } from "./runRecording.js"
import type { RunReport } from "./runReport.js"
import type { RunOptions } from "./runSettings.js"
import { stubArtefactFor } from "./stubArtefact.js"

export interface ExecuteOptions {
  readonly run: RunOptions
  /** False with --no-kafka: upload and write the request, publish nothing. */
  readonly publish: boolean
  readonly kafkaClientId: string
  readonly awaitCompletion: boolean
  readonly follow: FollowSettings
  /** Set for a sandbox rehearsal: recorded in the artefact and run.json so it is never mistaken for data. */
  readonly sandbox?: SandboxRecord
  /** --max-cost-usd: refuse to upload or publish when the estimate's upper end is above it. */
  readonly maxCostUsd?: number
  readonly upload: {
    readonly concurrency: number
    readonly forceReupload: boolean
    readonly verifyContent: boolean
    /** The sandbox keeps its own cache so its throw-away storage ids never touch the live one. */
    readonly cacheFile?: string
  }
}


/** The upload step, kept in one place so its building block can be swapped without touching execute. */
const cachePathOf = (outputDir: string, options: ExecuteOptions["upload"]) =>
  options.cacheFile === undefined ? uploadCachePath(outputDir) : join(outputDir, options.cacheFile)

const uploadStudents = (prepared: PreparedRun, outputDir: string, options: ExecuteOptions["upload"]) =>
  uploadEssays(prepared.inventory.students.map((s) => ({ checksum: s.checksum, text: s.text, path: s.path })), {
    concurrency: options.concurrency,
    forceReupload: options.forceReupload,
    verifyContent: options.verifyContent,
    cachePath: cachePathOf(outputDir, options),
    correlationId: prepared.settings.correlationId
  })


/**
 * `eng5 run execute`: preflights (flags, CJ, inventory, Kafka) → uploads through the cache →
 * the request composed and written to the run folder → the collector started and the request
 * published → the batch followed until CJ completes or fails it, or the timeout → post-run
 * hooks → the artefact finished. Nothing is published when a preflight fails.
 */
export const executeProgram = Effect.fnUntraced(function* (options: ExecuteOptions, build: BuildInfo) {
  const outputDir = yield* checkWritableDir(options.run.outputDir)
  const prepared = yield* prepareRun(options.run, "execute")
  return yield* executePrepared(prepared, { ...options, run: { ...options.run, outputDir } }, build, "execute")
})

/**
 * Everything execute does after its preflights, for a prepared run: what a plugin mode
 * calls once it has shaped the run (its own essays, no assignment, …). `mode` names the run
 * in the request, the artefact and the report. The students of `prepared.inventory` are
 * what is uploaded and sent.
 */
export const executePrepared = Effect.fnUntraced(function* (prepared: PreparedRun, options: ExecuteOptions, build: BuildInfo, mode: string) {
  const progress = yield* Progress
  const outputDir = options.run.outputDir
  const { settings } = prepared
  yield* checkCostLimit(estimateForRun(prepared), options.maxCostUsd)

  let startOffsets: TopicOffsets | null = null
  if (options.publish) {
    const bus = yield* KafkaBus
    const ends = yield* progress.step(`Check Kafka at ${bus.bootstrap}`, bus.endOffsets(NEEDED_TOPICS))
    startOffsets = Object.fromEntries(Object.entries(ends).filter(([topic]) => topic !== TOPICS.request))
  }

  const upload = yield* uploadStudents(prepared, outputDir, options.upload)
  const storageIdOf = (checksum: string) => upload.storageIds.get(checksum) ?? ""
  const envelope: RequestEnvelope = yield* composeForRun(prepared, (s) => storageIdOf(s.checksum), mode, new Date(yield* Clock.currentTimeMillis))

  const folder = yield* createRunFolder(outputDir, settings.batchLabel, settings.batchUuid)
  // One process at a time writes a run folder: attach refuses this one while execute follows it.
  return yield* withRunFolderLock(folder, Effect.gen(function* () {
    const logPath = yield* RunLog.use((log) => log.attach(folder))
    const requestPath = join(folder, RUN_FILES.request)
    // The artefact schema knows execute's pipeline only: a plugin mode is named beside it.
    const executeStub = yield* stubArtefactFor(prepared, "execute", build, new Date(yield* Clock.currentTimeMillis))
    const stub = {
      ...executeStub,
      metadata: { ...executeStub.metadata, ...(mode === "execute" ? {} : { mode }), ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }) }
    }
    const recording = newRecording(folder, settings.batchUuid, prepared.preflight.gradeScale.id, stub, startOffsets ?? {}, options.publish ? (yield* KafkaBus).bootstrap : null)
    const runState: RunState = {
      schema_version: 1,
      batch_uuid: settings.batchUuid,
      batch_label: settings.batchLabel,
      correlation_id: settings.correlationId,
      assignment_id: settings.assignmentId ?? null,
      grade_scale: prepared.preflight.gradeScale.id,
      created_at: new Date(yield* Clock.currentTimeMillis).toISOString(),
      upload_cache: cachePathOf(outputDir, options.upload),
      kafka: startOffsets === null ? null : { bootstrap: (yield* KafkaBus).bootstrap, client_id: options.kafkaClientId, start_offsets: startOffsets },
      published: null,
      ...(options.sandbox === undefined ? {} : { sandbox: true })
    }
    const notFollowed = { outcome: options.publish ? ("not_followed" as const) : ("not_published" as const), partial: false, timeoutSeconds: 0, failureReason: null }
    yield* progress.step(
      `Write the request and run folder ${folder}`,
      Effect.gen(function* () {
        yield* Effect.tryPromise({ try: () => writeJsonAtomic(requestPath, envelope), catch: writeFailed(requestPath) })
        yield* writeRunState(folder, runState)
        yield* saveStub(recording, notFollowed)
      })
    )
    yield* logInfo("request_written", { run_folder: folder, essays: envelope.data.essays_for_cj.length, uploaded: upload.uploaded, reused: upload.reused })

    const finish = (published: PublishedMessage | null, end: FinishInputs["end"]) =>
      finishRun({
        mode,
        recording,
        run: { batchLabel: settings.batchLabel, correlationId: settings.correlationId, requestPath, logPath, published },
        upload: { essays: prepared.inventory.students.length, uploaded: upload.uploaded, reused: upload.reused, cachePath: cachePathOf(outputDir, options.upload) },
        end,
        notFollowed
      })

    if (!options.publish) return yield* finish(null, null)

    // From here on the batch runs in CJ whatever happens to this process: a failure says so (exit 1, never 2).
    const bus = yield* KafkaBus
    const published = yield* progress.step(`Publish the request to ${TOPICS.request}`, bus.publish({ topic: TOPICS.request, key: settings.batchUuid, value: JSON.stringify(envelope) }))
    const at = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* recordPublished(recording, { ...runState, published: { ...published, at } })
    yield* logInfo("request_published", { ...published, batch_uuid: settings.batchUuid })
    if (!options.awaitCompletion) {
      yield* saveArtefact(recording, notFollowed)
      return yield* finish(published, null)
    }
    const report: RunReport = yield* followAndFinish(`Follow batch ${settings.batchUuid}`, recording, options.follow, (end) => finish(published, end))
    return report
  }))
})
