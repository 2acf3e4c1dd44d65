import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { Data, Effect } from "effect"
import { ExitCode, writeFileAtomic, writeJsonAtomic } from "./core.js"
import type { CjBatchExtract } from "./Extractor.js"
import { type ExtractProvenance, extractJson } from "./extractJson.js"
import { extractText } from "./extractText.js"

/** The extract was read but could not be written into the run folder. */
export class ExtractNotWritten extends Data.TaggedError("ExtractNotWritten")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.PostRunFailed
}

export const EXTRACT_FOLDER = "db_extract"

export interface ExtractFiles {
  readonly textPath: string
  readonly jsonPath: string
}

/** `cj_results_<batch>` with anything that cannot be part of a file name replaced. */
export const extractFileStem = (batchIdentifier: string): string => `cj_results_${batchIdentifier.replace(/[^A-Za-z0-9._-]+/g, "-")}`

const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error)

/**
 * Writes `db_extract/cj_results_<batch>.txt` (readable) and `.json` (complete) into the run
 * folder, each atomically.
 */
export const writeExtract = (runFolder: string, extract: CjBatchExtract, provenance: ExtractProvenance = {}) => {
  const folder = join(runFolder, EXTRACT_FOLDER)
  const stem = extractFileStem(extract.batchIdentifier)
  const files: ExtractFiles = { textPath: join(folder, `${stem}.txt`), jsonPath: join(folder, `${stem}.json`) }
  return Effect.tryPromise({
    try: async () => {
      await mkdir(folder, { recursive: true })
      await writeFileAtomic(files.textPath, extractText(extract))
      await writeJsonAtomic(files.jsonPath, extractJson(extract, provenance))
      return files
    },
    catch: (error) =>
      new ExtractNotWritten({
        path: files.textPath,
        message: `The CJ database extract could not be written to ${folder} (${errorCode(error)}).`,
        fix: "Check that the run folder is writable and its disk has space; the extraction only reads, so it can be run again."
      })
  })
}
