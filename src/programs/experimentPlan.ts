import { Effect } from "effect"
import { CJ_DEFAULT_MAX_COMPARISONS, type Range } from "../domain/costEstimate.js"
import { CostLimitExceeded } from "../errors.js"
import { Progress } from "../services/Progress.js"
import { CJ_DEFAULT_SETTINGS } from "../sandbox/cjSettings.js"
import type { Interval } from "../statistics/describe.js"
import type { FailureSummary } from "./outcome.js"
import { type PreparedCell, prepareCells } from "./experimentCells.js"
import type { LoadedExperiment } from "./experimentSpec.js"
import { forecastForRun } from "./forecastForRun.js"
import { summariseFailure } from "./outcome.js"

interface CellPlan {
  readonly cell: string
  readonly variant: string
  readonly settings: Readonly<Record<string, unknown>>
  readonly batches: number
  /** The comparison budget of each batch (--max-comparisons, or CJ's cap). */
  readonly comparisons: number
  readonly costPerBatchUsd: Range | null
  readonly costUsd: Range | null
  /** The forecast at the cell's budget (sandbox judge, CJ's pairing and estimator); null without --forecast. */
  readonly forecast: { readonly splitHalf: Interval | null; readonly trueReliability: Interval | null; readonly ssr: Interval | null; readonly stableGradeShare: Interval | null } | null
}

export interface ExperimentPlan {
  readonly experiment: { readonly name: string; readonly file: string; readonly mode: string; readonly sandbox: boolean; readonly repeats: number; readonly cells: number; readonly batches: number }
  readonly cells: ReadonlyArray<CellPlan>
  /** Every batch at its estimate; null when a model has no prices. */
  readonly totalCostUsd: Range | null
  readonly maxCostUsd: number | null
  readonly error: FailureSummary | null
}

export const addRanges = (ranges: ReadonlyArray<Range | null>): Range | null =>
  ranges.some((range) => range === null) ? null : ranges.reduce<Range>((sum, range) => ({ low: sum.low + (range?.low ?? 0), high: sum.high + (range?.high ?? 0) }), { low: 0, high: 0 })

const times = (range: Range | null, n: number): Range | null => (range === null ? null : { low: range.low * n, high: range.high * n })

const budgetOf = (cell: PreparedCell): number => cell.estimate.lines[0]?.comparisons.high ?? CJ_DEFAULT_MAX_COMPARISONS

/** The forecast of one budget; cells with the same essays and budget share it (the simulated judge reads neither prompt nor model). */
const forecastOf = (cell: PreparedCell, guest: boolean, cache: Map<string, CellPlan["forecast"]>) =>
  Effect.gen(function* () {
    const { inventory } = cell.prepared
    // In a GUEST flow CJ pairs only the essays sent: the anchors are not added.
    const essays = guest ? { ...inventory, anchors: [] } : inventory
    const budget = Math.min(budgetOf(cell), CJ_DEFAULT_SETTINGS.maxPairwiseComparisons)
    const key = JSON.stringify([budget, essays.anchors.map((a) => a.checksum), essays.students.map((s) => s.checksum)])
    const cached = cache.get(key)
    if (cached !== undefined) return cached
    const forecast = yield* forecastForRun({ ...cell.prepared, inventory: essays }, { budgets: String(budget) })
    const at = forecast.budgets[0]
    const result: CellPlan["forecast"] = at === undefined ? null : { splitHalf: at.splitHalf, trueReliability: at.trueReliability, ssr: at.ssr, stableGradeShare: at.stableGradeShare }
    cache.set(key, result)
    return result
  })

/** The cap applies to every batch of the experiment together; a model without prices cannot be capped. */
export const checkExperimentCost = (total: Range | null, limitUsd: number | undefined, unpriced: ReadonlyArray<string>): Effect.Effect<void, CostLimitExceeded> => {
  if (limitUsd === undefined) return Effect.void
  if (total === null) {
    return Effect.fail(new CostLimitExceeded({ limitUsd, estimatedHighUsd: null, message: `--max-cost-usd ${limitUsd} cannot be checked: the model manifest has no prices for the model of ${unpriced.join(", ")}. Nothing was run.`, fix: "Choose models with prices for every cell (`eng5 models`), or drop --max-cost-usd." }))
  }
  if (total.high <= limitUsd) return Effect.void
  return Effect.fail(
    new CostLimitExceeded({ limitUsd, estimatedHighUsd: total.high, message: `The experiment may cost up to $${total.high.toFixed(2)} (estimate $${total.low.toFixed(2)}–$${total.high.toFixed(2)} over every batch), more than --max-cost-usd ${limitUsd}. Nothing was run.`, fix: "Lower max-comparisons or repeats, choose cheaper models, or raise --max-cost-usd; `eng5 experiment plan FILE` shows the estimate per cell." })
  )
}

/** `eng5 experiment plan FILE`: the cells, their batches, cost and forecast reliability; nothing is run. */
export const planExperiment = (loaded: LoadedExperiment, options: { readonly forecast: boolean; readonly maxCostUsd?: number }) =>
  Effect.gen(function* () {
    const progress = yield* Progress
    const prepared = yield* progress.step(`Check the ${loaded.cells.length} cells of ${loaded.spec.name}`, prepareCells(loaded))
    const cache = new Map<string, CellPlan["forecast"]>()
    const { repeats } = loaded.spec
    const cells: Array<CellPlan> = []
    for (const cell of prepared) {
      const forecast = options.forecast ? yield* progress.step(`Forecast reliability of ${cell.cell.name}`, forecastOf(cell, loaded.mode.guest, cache)) : null
      cells.push({
        cell: cell.cell.name,
        variant: cell.cell.variant,
        settings: cell.cell.settings,
        batches: repeats,
        comparisons: budgetOf(cell),
        costPerBatchUsd: cell.estimate.usd,
        costUsd: times(cell.estimate.usd, repeats),
        forecast
      })
    }
    const total = addRanges(cells.map((cell) => cell.costUsd))
    const error = yield* checkExperimentCost(total, options.maxCostUsd, cells.filter((c) => c.costUsd === null).map((c) => c.cell)).pipe(
      Effect.match({ onFailure: summariseFailure, onSuccess: (): FailureSummary | null => null })
    )
    const plan: ExperimentPlan = {
      experiment: { name: loaded.spec.name, file: loaded.file, mode: loaded.spec.mode, sandbox: loaded.spec.sandbox, repeats, cells: cells.length, batches: cells.length * repeats },
      cells,
      totalCostUsd: total,
      maxCostUsd: options.maxCostUsd ?? null,
      error
    }
    return plan
  })
