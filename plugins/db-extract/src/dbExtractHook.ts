import { Clock, Effect } from "effect"
import { DB_EXTRACT_HOOK, type PostRunContext, type PostRunHook } from "eng5/sdk"
import { Extractor } from "./Extractor.js"
import { extractorPgFromEnv } from "./ExtractorPg.js"
import { extractCounts } from "./extractSummary.js"
import { writeExtract } from "./writeExtract.js"

const databaseUrlOf = (context: PostRunContext): string | undefined => {
  const url = context.flags["cj-database-url"]
  return typeof url === "string" && url.trim() !== "" ? url : undefined
}

/**
 * Reads the batch (`bos_batch_id` = the run's batch uuid) from the CJ database and writes
 * `db_extract/cj_results_<batch uuid>.txt` and `.json` into the run folder. What it returns is
 * recorded in the artefact; a failure (database unreachable, batch missing, …) is recorded
 * there instead and the run exits 3 with its batch result intact.
 */
export const dbExtractRun = (context: PostRunContext) =>
  Effect.gen(function* () {
    const extractor = yield* Extractor
    const extract = yield* extractor.extractBatch(context.batchUuid)
    const extractedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
    const files = yield* writeExtract(context.runFolder, extract, { database: extractor.database, extractedAt })
    const counts = extractCounts(extract)
    return {
      database: extractor.database,
      batch_uuid: context.batchUuid,
      cj_batch_id: extract.batch.id,
      text_path: files.textPath,
      json_path: files.jsonPath,
      essays: counts.essays,
      comparisons: counts.comparisons,
      grade_projections: counts.gradeProjections
    }
  }).pipe(Effect.provide(extractorPgFromEnv(context.env, { url: databaseUrlOf(context) })))

export const dbExtractHook: PostRunHook = {
  name: DB_EXTRACT_HOOK,
  description: "read the batch from the CJ database into db_extract/ (text and JSON)",
  run: dbExtractRun
}
