import { join, resolve } from "node:path"
import { Effect } from "effect"
import { InvalidAssets } from "../errors.js"
import { checkWritableDir } from "../runFolder/runFolder.js"
import { ContentStore } from "../services/ContentStore.js"
import { uploadCachePath } from "../upload/uploadCache.js"
import { uploadEssays } from "../upload/uploadEssays.js"
import { readEssayFolder } from "../inventory/essayFolder.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits } from "../inventory/limits.js"

export interface UploadContentOptions {
  readonly assets: string
  readonly studentDir?: string
  readonly limits?: EssayLimits
  readonly outputDir: string
  readonly concurrency: number
  readonly forceReupload: boolean
  readonly verifyContent: boolean
  readonly correlationId: string
}

export interface UploadContentReport {
  readonly endpoint: string
  readonly cachePath: string
  readonly studentDir: string
  readonly essays: number
  readonly unique: number
  readonly uploaded: number
  readonly reused: number
  readonly missingRemotely: number
  readonly retries: number
  readonly files: ReadonlyArray<{ readonly fileName: string; readonly checksum: string; readonly storageId: string }>
}

/**
 * `eng5 content upload`: the upload half of execute on its own. Fills the output directory's
 * upload cache, so a later dry-run shows real storage ids and execute reuses them.
 */
export const uploadContentProgram = Effect.fnUntraced(function* (options: UploadContentOptions) {
  const store = yield* ContentStore
  const outputDir = yield* checkWritableDir(options.outputDir)
  const folder = yield* readEssayFolder(options.studentDir ?? join(resolve(options.assets), "student_essays"), {
    datasetDir: options.studentDir === undefined ? options.assets : null,
    limits: options.limits ?? DEFAULT_ESSAY_LIMITS
  })
  const problems = [...folder.problems]
  if (!folder.exists) problems.push({ path: folder.dir, problem: "is not a folder; pass --assets DIR holding student_essays/, or --student-dir DIR" })
  else if (folder.files.length === 0 && problems.length === 0) problems.push({ path: folder.dir, problem: "holds no student essays (.txt, .md, .docx, .pdf)" })
  if (problems.length > 0) {
    return yield* new InvalidAssets({
      message: `Nothing was uploaded: ${problems.length} problem${problems.length === 1 ? "" : "s"} with the student essays:\n${problems.map((p) => `  - ${p.path} ${p.problem}`).join("\n")}`,
      fix: "Fix or remove the files listed above, or pass --student-dir DIR.",
      problems
    })
  }
  const cachePath = uploadCachePath(outputDir)
  const summary = yield* uploadEssays(folder.files, {
    cachePath,
    concurrency: options.concurrency,
    forceReupload: options.forceReupload,
    verifyContent: options.verifyContent,
    correlationId: options.correlationId
  })
  const report: UploadContentReport = {
    endpoint: store.endpoint,
    cachePath,
    studentDir: folder.dir,
    essays: folder.files.length,
    unique: summary.unique,
    uploaded: summary.uploaded,
    reused: summary.reused,
    missingRemotely: summary.missingRemotely,
    retries: summary.retries,
    files: folder.files.map((f) => ({ fileName: f.fileName, checksum: f.checksum, storageId: summary.storageIds.get(f.checksum) ?? "" }))
  }
  return report
})
