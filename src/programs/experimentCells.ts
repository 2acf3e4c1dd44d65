import { Effect, Exit, Layer } from "effect"
import type { CostEstimate } from "../domain/costEstimate.js"
import type { ExperimentProblem } from "../domain/experimentSpec.js"
import { estimateForRun } from "./costEstimate.js"
import { Progress } from "../services/Progress.js"
import { RunLog } from "../services/RunLog.js"
import { invalidExperiment, type LoadedCell, type LoadedExperiment } from "./experimentSpec.js"
import { describeCause } from "./outcome.js"
import { type PreparedRun, prepareRun } from "./prepareRun.js"

export interface PreparedCell {
  readonly cell: LoadedCell
  /** The run as the mode sends it (anchor-align: the anchors as students). */
  readonly prepared: PreparedRun
  /** Price of one batch of the cell. */
  readonly estimate: CostEstimate
}

/**
 * Every cell checked as its first batch would be before publishing (CJ's preflight, every
 * essay read, the mode's shaping) and priced. Every cell's problem at once (exit 2).
 */
export const prepareCells = (loaded: LoadedExperiment) =>
  Effect.gen(function* () {
    const progress = yield* Progress
    const log = yield* RunLog
    // A cell's steps are notes under the experiment's own step: one progress view.
    const cellBase = (name: string) =>
      Layer.mergeAll(
        Layer.succeed(Progress, Progress.of({ step: (title, effect) => progress.note(`${name}: ${title}`).pipe(Effect.andThen(effect)), note: (text) => progress.note(`${name}: ${text}`) })),
        Layer.succeed(RunLog, log)
      )
    const cells: Array<PreparedCell> = []
    const problems: Array<ExperimentProblem> = []
    for (const cell of loaded.cells) {
      const exit = yield* Effect.exit(
        Effect.gen(function* () {
          const layer = yield* Effect.tryPromise({ try: () => loaded.mode.cellLayer(cell.settings, cellBase(cell.name)), catch: (error) => error })
          const prepared = yield* prepareRun(cell.parsed.runOptions(), loaded.mode.preflight).pipe(Effect.provide(layer))
          return loaded.mode.shape(prepared)
        })
      )
      if (Exit.isSuccess(exit)) cells.push({ cell, prepared: exit.value, estimate: estimateForRun(exit.value) })
      else {
        const failure = describeCause(exit.cause, undefined)
        problems.push({ where: `cell ${cell.name}`, problem: failure.message, fix: failure.fix })
      }
    }
    if (problems.length > 0) return yield* invalidExperiment(loaded.file, problems, "Fix what each line names, then run the command again.")
    return cells
  })
