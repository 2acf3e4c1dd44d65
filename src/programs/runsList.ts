import { readdir, readFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Effect, Exit, Schema } from "effect"
import { RUN_OUTCOMES } from "../domain/artefact.js"
import { shownCost } from "../domain/costEstimate.js"
import { readArtefactFile } from "../runFolder/artefactFile.js"
import { RUN_FILES } from "../runFolder/runFolder.js"
import { RunFolderUnusable } from "../errors.js"

/** One run folder as `eng5 runs list` shows it. */
export interface RunListing {
  readonly folder: string
  readonly label: string
  readonly batchUuid: string
  /** plan, dry-run, execute, or a plugin mode. */
  readonly mode: string
  /** How following ended; null for plan and dry-run, which publish nothing. */
  readonly outcome: string | null
  readonly comparisons: number
  /** At the user's prices when the run had them (the platform reports $0 for a model it does not price). */
  readonly costUsd: number
  readonly startedAt: string
  /** A sandbox rehearsal: simulated, never data. */
  readonly sandbox: boolean
}

// Only the fields listed; the full artefact schema is checked where a report needs the data.
const ListedArtefact = Schema.Struct({
  metadata: Schema.Struct({ batch_id: Schema.String, batch_uuid: Schema.String, runner_mode: Schema.String, mode: Schema.optionalKey(Schema.String), generated_at: Schema.String, sandbox: Schema.optionalKey(Schema.Unknown) }),
  costs: Schema.Struct({ total_usd: Schema.Number, total_usd_at_user_prices: Schema.optionalKey(Schema.Number) }),
  validation: Schema.Struct({
    runner_status: Schema.Struct({ outcome: Schema.optionalKey(Schema.Literals(RUN_OUTCOMES)), observed_events: Schema.Struct({ llm_comparisons: Schema.Number }) })
  })
})
const decodeListed = Schema.decodeUnknownExit(ListedArtefact)
const StartedAt = Schema.Struct({ created_at: Schema.String })
const decodeStartedAt = Schema.decodeUnknownExit(StartedAt)

const readJson = (path: string): Promise<unknown> => readFile(path, "utf8").then((text) => JSON.parse(text) as unknown)

const listingOf = async (folder: string): Promise<RunListing | null> => {
  const artefact = decodeListed(await readArtefactFile(join(folder, RUN_FILES.artefact)).catch(() => null))
  if (Exit.isFailure(artefact)) return null
  const { metadata, costs, validation } = artefact.value
  // run.json's creation time is when execute started; plan and dry-run have only the artefact's.
  const state = decodeStartedAt(await readJson(join(folder, RUN_FILES.state)).catch(() => null))
  return {
    folder,
    label: metadata.batch_id,
    batchUuid: metadata.batch_uuid,
    mode: metadata.mode ?? metadata.runner_mode,
    outcome: validation.runner_status.outcome ?? null,
    comparisons: validation.runner_status.observed_events.llm_comparisons,
    costUsd: shownCost(costs).usd,
    startedAt: Exit.isSuccess(state) ? state.value.created_at : metadata.generated_at,
    sandbox: metadata.sandbox !== undefined
  }
}

/** Every run folder under `outputDir` with a readable artefact, newest first; other folders are skipped. */
export const listRuns = (outputDir: string) => {
  const root = resolve(outputDir)
  return Effect.tryPromise({
    try: async () => {
      // No output directory yet: no runs. Any other refusal is the operator's to fix.
      const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? [] : Promise.reject(error)))
      const listings = await Promise.all(entries.filter((entry) => entry.isDirectory()).map((entry) => listingOf(join(root, entry.name))))
      return listings
        .filter((listing): listing is RunListing => listing !== null)
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || a.folder.localeCompare(b.folder))
    },
    catch: (error) =>
      new RunFolderUnusable({
        path: root,
        message: `The output directory ${root} cannot be listed (${error instanceof Error ? error.message : String(error)}).`,
        fix: "Pass --output-dir (or set ENG5_OUTPUT_DIR) naming the directory eng5 wrote its runs to."
      })
  })
}
