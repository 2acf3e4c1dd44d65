import { Effect } from "effect"
import { capacityOf, type Capacity, type Inventory } from "../domain/inventory.js"
import { InvalidAssets } from "../errors.js"
import { collectInventory } from "../inventory/collectInventory.js"
import { Progress } from "../services/Progress.js"
import { logInfo } from "../services/RunLog.js"
import { type PreflightMode, type PreflightResult, runPreflight } from "./preflight.js"
import { resolveRunSettings, type RunOptions, type RunSettings } from "./runSettings.js"

export interface PreparedRun {
  readonly settings: RunSettings
  readonly preflight: PreflightResult
  readonly inventory: Inventory
  readonly capacity: Capacity
}

/** Flags, then CJ preflight, then the inventory, then R1: everything that can fail before a side effect. */
export const prepareRun = Effect.fnUntraced(function* (options: RunOptions, mode: PreflightMode) {
  const progress = yield* Progress
  const settings = yield* resolveRunSettings(options)
  yield* logInfo("run_started", { mode, batch_uuid: settings.batchUuid, batch_label: settings.batchLabel, correlation_id: settings.correlationId })
  const preflight = yield* progress.step(
    settings.assignmentId === undefined ? "Check configuration" : `Check assignment ${settings.assignmentId} with CJ`,
    runPreflight(settings, mode)
  )
  const inventory = yield* progress.step(
    `Read essays in ${options.assets}`,
    collectInventory({
      assetsDir: options.assets,
      gradeScale: preflight.gradeScale,
      anchorsOptional: mode === "execute",
      ...(options.essayLimits === undefined ? {} : { limits: options.essayLimits }),
      ...(options.instructions === undefined ? {} : { instructionsPath: options.instructions }),
      ...(options.anchorDir === undefined ? {} : { anchorDir: options.anchorDir }),
      ...(options.studentDir === undefined ? {} : { studentDir: options.studentDir })
    })
  )
  const anchorCount = preflight.anchorSummary?.anchorCount ?? inventory.anchors.length
  const capacity = capacityOf(anchorCount, inventory.students.length)
  if (capacity.anchorStudentPairs === 0) {
    const source = preflight.anchorSummary === null ? `${inventory.anchorDir}` : "CJ (admin anchor summary)"
    return yield* new InvalidAssets({
      message: `No anchor × student pairs: ${anchorCount} anchors (${source}), ${inventory.students.length} students (${inventory.studentDir}).`,
      fix: "Add anchor and student essays, or point --assets/--anchor-dir/--student-dir at the right folders.",
      problems: []
    })
  }
  yield* logInfo("inventory_collected", { anchors: inventory.anchors.length, students: inventory.students.length, warnings: inventory.warnings })
  for (const warning of inventory.warnings) yield* progress.note(`warning: ${warning}`)
  const prepared: PreparedRun = { settings, preflight, inventory, capacity }
  return prepared
})
