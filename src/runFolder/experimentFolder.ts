import { readFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Effect, Exit, Schema } from "effect"
import { InvalidExperiment } from "../errors.js"
import { writeJsonAtomic } from "./atomicWrite.js"
import { writeFailed } from "./runFolder.js"

/** Files of an experiment folder, beside its run folders. */
export const EXPERIMENT_FILES = { state: "experiment.json", reportJson: "report.json", reportHtml: "report.html" } as const

const Failure = Schema.Struct({ tag: Schema.String, message: Schema.String, fix: Schema.String, exitCode: Schema.Int })

/** One batch of a cell: the run folder it writes (known before it starts, from its UUID and label). */
export const BatchRecord = Schema.Struct({
  cell: Schema.String,
  repeat: Schema.Int,
  label: Schema.String,
  seed: Schema.Int,
  batch_uuid: Schema.String,
  run_folder: Schema.String,
  started_at: Schema.String,
  /** How the batch failed when its run folder cannot say (it failed before publishing), or its run's own failure. */
  error: Schema.NullOr(Failure),
  /** Earlier attempts that never published, or sandbox batches whose process ended: started again. */
  previous: Schema.Array(Schema.Struct({ batch_uuid: Schema.String, run_folder: Schema.String }))
})
export type BatchRecord = typeof BatchRecord.Type

export const CellRecord = Schema.Struct({
  cell: Schema.String,
  variant: Schema.String,
  matrix: Schema.Record(Schema.String, Schema.String),
  settings: Schema.Record(Schema.String, Schema.Unknown),
  /** SHA-256 of the settings and the prompt files they name: a resumed experiment refuses a changed cell. */
  fingerprint: Schema.String
})
export type CellRecord = typeof CellRecord.Type

/** `experiment.json`: what `eng5 experiment run` needs to resume and `experiment report` to report. */
export const ExperimentState = Schema.Struct({
  schema: Schema.Literal("eng5.experiment/1"),
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  file: Schema.String,
  mode: Schema.String,
  sandbox: Schema.Boolean,
  repeats: Schema.Int,
  created_at: Schema.String,
  updated_at: Schema.String,
  cells: Schema.Array(CellRecord),
  batches: Schema.Array(BatchRecord)
})
export type ExperimentState = typeof ExperimentState.Type

export const experimentFolderPath = (outputDir: string, name: string): string => join(resolve(outputDir), name)

export const writeExperimentState = (folder: string, state: ExperimentState) => {
  const path = join(folder, EXPERIMENT_FILES.state)
  return Effect.tryPromise({ try: () => writeJsonAtomic(path, state), catch: writeFailed(path) })
}

const unreadable = (path: string, problem: string) =>
  new InvalidExperiment({
    file: path,
    problems: [{ where: path, problem, fix: "Pass the folder `eng5 experiment run` wrote (it holds experiment.json)." }],
    message: `${path}: ${problem}`,
    fix: "Pass the folder `eng5 experiment run` wrote (it holds experiment.json)."
  })

/** The experiment's state, or null when the folder holds none yet. */
export const readExperimentState = (folder: string) =>
  Effect.gen(function* () {
    const path = join(folder, EXPERIMENT_FILES.state)
    const text = yield* Effect.promise(() => readFile(path, "utf8").catch(() => null))
    if (text === null) return null
    const json = yield* Effect.try({ try: () => JSON.parse(text) as unknown, catch: () => unreadable(path, "it is not JSON") })
    const decoded = Schema.decodeUnknownExit(ExperimentState)(json)
    if (Exit.isFailure(decoded)) return yield* unreadable(path, "it is not an experiment state this eng5 understands")
    return decoded.value
  })
