import { join } from "node:path"
import { Effect } from "effect"
import type { BuildInfo } from "../domain/buildArtefact.js"
import { sealedArtefactText } from "../domain/buildArtefact.js"
import type { CostEstimate } from "../domain/costEstimate.js"
import type { Capacity } from "../domain/inventory.js"
import { writeFileAtomic, writeJsonAtomic } from "../runFolder/atomicWrite.js"
import { runFolderManifest } from "../runFolder/artefactFile.js"
import { checkWritableDir, createRunFolder, RUN_FILES, writeFailed } from "../runFolder/runFolder.js"
import { Progress } from "../services/Progress.js"
import { logInfo, RunLog } from "../services/RunLog.js"
import { readUploadCache, uploadCachePath } from "../upload/uploadCache.js"
import { composeForRun } from "./composeForRun.js"
import { estimateForRun } from "./costEstimate.js"
import { type ForecastReport, type ForecastRequest, runForecast } from "./forecastForRun.js"
import { prepareRun } from "./prepareRun.js"
import type { RunFolderReport } from "./runReport.js"
import type { RunOptions } from "./runSettings.js"
import { stubArtefactFor } from "./stubArtefact.js"

export interface DryRunReport extends RunFolderReport {
  readonly mode: "dry-run"
  readonly essays: number
  readonly cachedStorageIds: number
  readonly placeholderStorageIds: number
  readonly capacity: Capacity
  readonly costEstimate: CostEstimate
  readonly warnings: ReadonlyArray<string>
  /** Only with --forecast. */
  readonly forecast?: ForecastReport
}

/** Marks a storage id execute would get from an upload; never a valid Content Service id. */
export const placeholderStorageId = (checksum: string): string => `not-uploaded:sha256:${checksum.slice(0, 16)}`


/** `eng5 run dry-run`: everything execute does except uploads and publishing. */
export const dryRunProgram = Effect.fnUntraced(function* (options: RunOptions, build: BuildInfo, forecastRequest?: ForecastRequest) {
  const progress = yield* Progress
  const outputDir = yield* checkWritableDir(options.outputDir)
  const prepared = yield* prepareRun(options, "dry-run")
  const { settings, inventory } = prepared
  const forecast = forecastRequest === undefined ? undefined : yield* runForecast(prepared, forecastRequest)

  const cache = yield* Effect.promise(() => readUploadCache(uploadCachePath(outputDir), settings.contentServiceUrl))
  if (cache.ignoredReason !== null) yield* progress.note(`upload cache ignored (${cache.ignoredReason})`)
  const cached = inventory.students.filter((s) => cache.entries.has(s.checksum)).length
  const envelope = yield* composeForRun(prepared, (s) => cache.entries.get(s.checksum) ?? placeholderStorageId(s.checksum), "execute", new Date())
  const stub = yield* stubArtefactFor(prepared, "dry-run", build, new Date())

  const folder = yield* createRunFolder(outputDir, settings.batchLabel, settings.batchUuid)
  const logPath = yield* RunLog.use((log) => log.attach(folder))
  const requestPath = join(folder, RUN_FILES.request)
  const artefactPath = join(folder, RUN_FILES.artefact)
  yield* progress.step(
    `Write run folder ${folder}`,
    Effect.gen(function* () {
      yield* Effect.tryPromise({ try: () => writeJsonAtomic(requestPath, envelope), catch: writeFailed(requestPath) })
      const manifest = yield* Effect.tryPromise({ try: () => runFolderManifest(folder, []), catch: writeFailed(folder) })
      yield* Effect.tryPromise({ try: () => writeFileAtomic(artefactPath, sealedArtefactText(stub, manifest)), catch: writeFailed(artefactPath) })
    })
  )
  yield* logInfo("dry_run_written", { run_folder: folder, essays: inventory.students.length, cached_storage_ids: cached })
  const report: DryRunReport = {
    mode: "dry-run",
    batchUuid: settings.batchUuid,
    batchLabel: settings.batchLabel,
    correlationId: settings.correlationId,
    runFolder: folder,
    requestPath,
    artefactPath,
    logPath,
    essays: inventory.students.length,
    cachedStorageIds: cached,
    placeholderStorageIds: inventory.students.length - cached,
    capacity: prepared.capacity,
    costEstimate: estimateForRun(prepared),
    warnings: inventory.warnings,
    ...(forecast === undefined ? {} : { forecast })
  }
  return report
})
