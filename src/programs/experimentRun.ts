import { randomUUID } from "node:crypto"
import { mkdir } from "node:fs/promises"
import { Cause, Clock, Effect, Exit, Layer, Semaphore } from "effect"
import type { BuildInfo } from "../domain/buildArtefact.js"
import { ExitCode, InvalidExperiment, RunInterrupted } from "../errors.js"
import { type BatchRecord, type CellRecord, experimentFolderPath, type ExperimentState, readExperimentState, writeExperimentState } from "../runFolder/experimentFolder.js"
import { checkWritableDir, runFolderPath, writeFailed } from "../runFolder/runFolder.js"
import { withRunFolderLock } from "../runFolder/runLock.js"
import { Progress } from "../services/Progress.js"
import { RunLog } from "../services/RunLog.js"
import { prepareCells } from "./experimentCells.js"
import { addRanges, checkExperimentCost } from "./experimentPlan.js"
import { type BoardStyle, makeBoard } from "./experimentProgress.js"
import { buildExperimentReport, writeExperimentReport } from "./experimentReport.js"
import { type BatchAction, planBatches } from "./experimentResume.js"
import { describeCause } from "./outcome.js"
import type { LoadedExperiment } from "./experimentSpec.js"

interface ExperimentRunOptions {
  readonly outputDir: string
  /** Batches followed at once. */
  readonly parallel: number
  readonly maxCostUsd?: number
  readonly build: BuildInfo
  readonly style: BoardStyle
  /** A fresh run log for one batch (it writes into the batch's run folder). */
  readonly batchLog: () => Layer.Layer<RunLog>
}

/** Batches followed at once unless --parallel says otherwise (docs/experiments.md says why). */
export const DEFAULT_PARALLEL = 2

const cellRecord = (cell: LoadedExperiment["cells"][number]): CellRecord => ({ cell: cell.name, variant: cell.variant, matrix: cell.matrix, settings: cell.settings, fingerprint: cell.fingerprint })

/** A resumed experiment must be the same experiment: same mode, rehearsal or not, and no cell changed. */
export const checkResumable = (loaded: Pick<LoadedExperiment, "file"> & { readonly spec: Pick<LoadedExperiment["spec"], "mode" | "sandbox">; readonly cells: ReadonlyArray<Pick<LoadedExperiment["cells"][number], "name" | "fingerprint">> }, state: ExperimentState, folder: string) => {
  const problems = [
    ...(state.mode === loaded.spec.mode ? [] : [{ where: "mode", problem: `The experiment in ${folder} ran mode ${state.mode}, the file now says ${loaded.spec.mode}.` }]),
    ...(state.sandbox === loaded.spec.sandbox ? [] : [{ where: "sandbox", problem: `The experiment in ${folder} was ${state.sandbox ? "a sandbox rehearsal" : "run on the platform"}; rehearsals and data never share a folder.` }]),
    ...loaded.cells.flatMap((cell) => {
      const before = state.cells.find((c) => c.cell === cell.name)
      return before === undefined || before.fingerprint === cell.fingerprint ? [] : [{ where: `cell ${cell.name}`, problem: "Its flags, or a prompt file it names, changed since its batches ran." }]
    })
  ].map((p) => ({ ...p, fix: "Give the experiment another name (name: in the file) or --output-dir, so its batches are not mixed with the old ones." }))
  if (problems.length === 0) return Effect.void
  return Effect.fail(new InvalidExperiment({ file: loaded.file, problems, message: `${loaded.file} no longer describes the experiment in ${folder}. Nothing was run.\n${problems.map((p) => `  - ${p.where}: ${p.problem}`).join("\n")}`, fix: problems[0]?.fix ?? "" }))
}

const now = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))
const batchOf = (action: BatchAction) => (action._tag === "Start" ? { cell: action.cell.name, repeat: action.repeat } : { cell: action.record.cell, repeat: action.record.repeat })
const keyOf = (action: BatchAction) => `${batchOf(action).cell}\u0000${batchOf(action).repeat}`
const labelOf = (action: BatchAction) => `${batchOf(action).cell} #${batchOf(action).repeat}`

/**
 * `eng5 experiment run FILE`: one experiment folder, one run folder per batch. Every cell is
 * checked first (nothing runs when one cannot); then the batches run, `parallel` at a time,
 * each through its mode's own program. Run again on the same file and folder, it resumes:
 * finished batches are kept, published ones followed again, the rest started. A failed batch
 * does not stop the others. The report is written at the end, also after Ctrl-C.
 */
export const runExperiment = (loaded: LoadedExperiment, options: ExperimentRunOptions) =>
  Effect.gen(function* () {
    const outputDir = yield* checkWritableDir(options.outputDir)
    const folder = experimentFolderPath(outputDir, loaded.spec.name)
    // Everything is checked before the experiment folder is made or touched.
    yield* checkBeforeRunning(loaded, folder, options)
    yield* Effect.tryPromise({ try: () => mkdir(folder, { recursive: true }), catch: writeFailed(folder) })
    return yield* withRunFolderLock(folder, runInFolder(loaded, folder, options))
  })

/** The same experiment as the folder's (when resumed), every cell ready to run, the cost within the cap. */
const checkBeforeRunning = (loaded: LoadedExperiment, folder: string, options: ExperimentRunOptions) =>
  Effect.gen(function* () {
    const existing = yield* readExperimentState(folder)
    if (existing !== null) yield* checkResumable(loaded, existing, folder)
    const prepared = yield* Progress.use((progress) => progress.step(`Check the ${loaded.cells.length} cells of ${loaded.spec.name}`, prepareCells(loaded)))
    const actions = yield* planBatches(loaded.cells, loaded.spec.repeats, existing?.batches ?? [])
    // A finished batch counts at its actual cost, the others at their cell's estimate.
    const costOf = (action: BatchAction) => (action._tag === "Keep" ? { low: action.costUsd, high: action.costUsd } : (prepared.find((p) => p.cell.name === batchOf(action).cell)?.estimate.usd ?? null))
    const total = addRanges(actions.map(costOf))
    yield* checkExperimentCost(total, options.maxCostUsd, prepared.filter((p) => p.estimate.usd === null).map((p) => p.cell.name))
  })

/** The batches of an experiment whose checks passed, in its folder (under the caller's lock), then its report. */
export const runInFolder = (loaded: LoadedExperiment, folder: string, options: ExperimentRunOptions) =>
  Effect.gen(function* () {
    const progress = yield* Progress
    // Read again under the lock: another process may have run batches since the checks.
    const existing = yield* readExperimentState(folder)
    const actions = yield* planBatches(loaded.cells, loaded.spec.repeats, existing?.batches ?? [])
    yield* RunLog.use((log) => log.attach(folder))
    let state: ExperimentState = {
      schema: "eng5.experiment/1",
      name: loaded.spec.name,
      description: loaded.spec.description,
      file: loaded.file,
      mode: loaded.spec.mode,
      sandbox: loaded.spec.sandbox,
      repeats: loaded.spec.repeats,
      created_at: existing?.created_at ?? (yield* now),
      updated_at: yield* now,
      // The file's cells now; batches of cells since removed stay on record in `batches`.
      cells: loaded.cells.map(cellRecord),
      batches: existing?.batches ?? []
    }
    const lock = yield* Semaphore.make(1)
    const save = (change: (batches: ReadonlyArray<BatchRecord>) => ReadonlyArray<BatchRecord>) =>
      lock.withPermits(1)(
        Effect.gen(function* () {
          state = { ...state, updated_at: yield* now, batches: change(state.batches) }
          yield* writeExperimentState(folder, state)
        })
      )
    const upsert = (record: BatchRecord) => save((batches) => [...batches.filter((b) => !(b.cell === record.cell && b.repeat === record.repeat)), record])
    yield* save((batches) => batches)

    const board = yield* makeBoard(actions.map((a) => ({ key: keyOf(a), label: labelOf(a), status: a._tag === "Keep" ? `kept (${a.outcome})` : "waiting" })), options.style)
    const baseFor = (key: string) => Layer.mergeAll(board.progressFor(key), options.batchLog())

    // Ctrl-C reaches the batches; each records how it ended, and a batch that ended interrupted says the run was.
    let interruptedBatches = 0
    const runOne = (action: BatchAction) =>
      Effect.gen(function* () {
        if (action._tag === "Keep") return
        const key = keyOf(action)
        const settings = loaded.cells.find((c) => c.name === batchOf(action).cell)?.settings ?? {}
        let record: BatchRecord
        if (action._tag === "Start") {
          const batchUuid = randomUUID()
          record = { cell: action.cell.name, repeat: action.repeat, label: action.label, seed: action.seed, batch_uuid: batchUuid, run_folder: runFolderPath(folder, action.label, batchUuid), started_at: yield* now, error: null, previous: action.previous }
          yield* upsert(record)
        } else record = action.record
        yield* board.status(key, action._tag === "Start" ? "running" : "following again")
        const batch = Effect.tryPromise({
          try: () => (action._tag === "Start" ? loaded.mode.batch(settings, { batchUuid: record.batch_uuid, label: record.label, outputDir: folder, seed: record.seed }, baseFor(key), options.build) : loaded.mode.attach(settings, record.run_folder, baseFor(key))),
          catch: (error) => error
        }).pipe(Effect.flatten)
        // Recorded however the batch ends, Ctrl-C included; a failed batch, even an eng5 bug, does not stop the others.
        yield* Effect.exit(
          batch.pipe(
            Effect.onExit((exit) => {
              const failure = Exit.isSuccess(exit) ? exit.value.error : describeCause(exit.cause, undefined)
              if (failure?.exitCode === ExitCode.Interrupted) interruptedBatches++
              return Effect.all([upsert({ ...record, error: failure }), board.status(key, failure === null ? "completed" : `${failure.tag}: ${failure.message.split("\n")[0] ?? ""}`)], { discard: true })
            })
          )
        )
      })

    const title = `Run ${actions.filter((a) => a._tag !== "Keep").length} of ${actions.length} batches of ${loaded.spec.name}, ${options.parallel} at a time`
    // Ctrl-C interrupts the batches (each saves what it has); the report is still written.
    return yield* Effect.uninterruptibleMask((restore) =>
      Effect.gen(function* () {
        const ran = yield* Effect.exit(restore(progress.step(title, Effect.forEach(actions, runOne, { concurrency: options.parallel, discard: true }))))
        const report = yield* writeExperimentReport(yield* buildExperimentReport(folder))
        if (interruptedBatches > 0 || (Exit.isFailure(ran) && Cause.hasInterrupts(ran.cause))) {
          return yield* new RunInterrupted({
            runFolder: folder,
            message: `Interrupted. Every batch's data so far is saved in ${folder}; the report of what completed is ${report.experiment.reportHtml}.`,
            fix: `Run \`eng5 experiment run ${loaded.file}\` again to resume: finished batches are kept, published ones followed again, the rest started.`
          })
        }
        return report
      })
    )
  })
