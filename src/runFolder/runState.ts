import { readdir, readFile, stat } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Effect, Exit, Schema } from "effect"
import type { TopicOffsets } from "../domain/offsets.js"
import { RunFolderUnusable } from "../errors.js"
import { writeJsonAtomic } from "./atomicWrite.js"
import { folderLabel, RUN_FILES, writeFailed } from "./runFolder.js"

const TopicOffsetsSchema = Schema.Record(
  Schema.String,
  Schema.Record(Schema.String, Schema.String.check(Schema.isPattern(/^\d+$/)))
)

/** Where eng5 has read to, rewritten after the events up to there are on disk. */
export const OFFSETS_FILE = "offsets.json"

/** What `eng5 run attach` needs to follow a batch again (`run.json`). */
export const RunState = Schema.Struct({
  schema_version: Schema.Literal(1),
  batch_uuid: Schema.String,
  batch_label: Schema.String,
  correlation_id: Schema.String,
  assignment_id: Schema.NullOr(Schema.String),
  grade_scale: Schema.String,
  created_at: Schema.String,
  /** The output directory's upload cache this run used (shared by runs). */
  upload_cache: Schema.NullOr(Schema.String),
  kafka: Schema.NullOr(
    Schema.Struct({
      bootstrap: Schema.String,
      client_id: Schema.String,
      start_offsets: TopicOffsetsSchema
    })
  ),
  published: Schema.NullOr(Schema.Struct({ topic: Schema.String, partition: Schema.Int, offset: Schema.String, at: Schema.String })),
  /** True for a sandbox rehearsal (absent in run folders of older eng5). */
  sandbox: Schema.optionalKey(Schema.Boolean)
})
export type RunState = typeof RunState.Type

const OffsetsFile = Schema.Struct({ updated_at: Schema.String, positions: TopicOffsetsSchema })

const unusable = (path: string, message: string, fix: string) => new RunFolderUnusable({ path, message, fix })

const writeJson = (path: string, value: unknown) => Effect.tryPromise({ try: () => writeJsonAtomic(path, value), catch: writeFailed(path) })

export const writeRunState = (folder: string, state: RunState) => writeJson(join(folder, RUN_FILES.state), state)

/** Saves the read positions (after publishing: the recording makes a failure RunFolderWriteFailed). */
export const writeOffsets = (folder: string, positions: TopicOffsets, now: Date) =>
  writeJson(join(folder, OFFSETS_FILE), { updated_at: now.toISOString(), positions })

const readJson = (path: string) =>
  Effect.tryPromise({ try: async () => JSON.parse(await readFile(path, "utf8")) as unknown, catch: (error) => error })

export const readRunState = (folder: string) =>
  readJson(join(folder, RUN_FILES.state)).pipe(
    Effect.mapError(() =>
      unusable(folder, `${folder} has no readable ${RUN_FILES.state}: it is not a run folder written by \`eng5 run execute\`.`, "Pass the run folder execute printed, or its batch UUID with --output-dir.")
    ),
    Effect.flatMap((json) => {
      const exit = Schema.decodeUnknownExit(RunState)(json)
      return Exit.isSuccess(exit)
        ? Effect.succeed(exit.value)
        : Effect.fail(unusable(folder, `${join(folder, RUN_FILES.state)} is not in a format this eng5 understands.`, "Attach with the eng5 version that ran the batch."))
    })
  )

/** The last saved positions; none when the run was stopped before the first save. */
export const readOffsets = (folder: string) =>
  readJson(join(folder, OFFSETS_FILE)).pipe(
    Effect.map((json) => {
      const exit = Schema.decodeUnknownExit(OffsetsFile)(json)
      return Exit.isSuccess(exit) ? exit.value.positions : undefined
    }),
    Effect.orElseSucceed(() => undefined)
  )

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** `<label>-<batch uuid>`, as createRunFolder names a run folder. */
const RUN_FOLDER_NAME = /^(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

const isDir = (path: string) => Effect.promise(() => stat(path).then((s) => s.isDirectory(), () => false))

const RUNS_LIST_FIX = "`eng5 runs list` (with the same --output-dir) shows every run's label and batch uuid."

/**
 * A run folder path, a batch UUID, or a batch label (`--batch-id`) that names one run only,
 * looked up among the run folders in the output directory.
 */
export const locateRunFolder = (target: string, outputDir: string) =>
  Effect.gen(function* () {
    if (yield* isDir(resolve(target))) return resolve(target)
    const root = resolve(outputDir)
    const wanted = target.trim().toLowerCase()
    const byUuid = UUID.test(wanted)
    const entries = yield* Effect.promise(() => readdir(root).catch(() => [] as string[]))
    const matches = entries.filter((name) => {
      const parts = RUN_FOLDER_NAME.exec(name)
      return parts !== null && (byUuid ? parts[2] === wanted : parts[1] === folderLabel(target.trim()))
    })
    const [match] = matches
    if (match !== undefined && matches.length === 1) return join(root, match)
    const what = byUuid ? `batch ${wanted}` : `label ${JSON.stringify(target.trim())}`
    if (match === undefined) {
      return yield* unusable(
        root,
        byUuid || target.trim() === "" ? `No run folder for ${what} in ${root}.` : `${resolve(target)} is not a folder, and no run in ${root} has the ${what}.`,
        `Pass the run folder, its batch uuid or its label. ${RUNS_LIST_FIX}`
      )
    }
    return yield* unusable(
      root,
      `${matches.length} runs in ${root} have the ${what}: ${matches.join(", ")}.`,
      `Pass the batch uuid or the run folder of the one you mean. ${RUNS_LIST_FIX}`
    )
  })
