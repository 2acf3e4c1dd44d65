import { Effect } from "effect"
import { DEFAULT_GRADE_SCALE, findGradeScale } from "../../domain/gradeScales.js"
import { InvalidFlag } from "../../errors.js"
import { CJ_DEFAULT_SETTINGS, type CjSettings } from "../../sandbox/cjSettings.js"
import { collectInventory } from "../../inventory/collectInventory.js"
import type { RunOptions } from "../../programs/runSettings.js"
import { sandboxStack } from "./sandboxStack.js"

export interface SandboxKnobs {
  readonly seed: number
  readonly errorRate?: string | undefined
  readonly duplicateRate?: string | undefined
  readonly failBatch: boolean
  readonly dropResult: boolean
  /** CJ settings by flag name (see cjSettingFlags), as typed. */
  readonly cj?: Readonly<Record<string, string>>
}

/** Which flag sets which CJ setting. */
export const cjSettingFlags = {
  "sandbox-max-pairwise-comparisons": "maxPairwiseComparisons",
  "sandbox-min-comparisons-for-stability-check": "minComparisonsForStabilityCheck",
  "sandbox-score-stability-threshold": "scoreStabilityThreshold",
  "sandbox-min-success-rate-threshold": "minSuccessRateThreshold",
  "sandbox-batch-monitor-interval-minutes": "batchMonitorIntervalMinutes"
} as const

/** CJ's defaults with the flags' values; each must be a number in the setting's range. */
const cjSettingsFrom = (values: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const settings: Record<string, number> = { ...CJ_DEFAULT_SETTINGS }
    for (const [flag, key] of Object.entries(cjSettingFlags)) {
      const raw = values[flag]
      if (raw === undefined) continue
      const parsed = Number(raw)
      const integer = key !== "scoreStabilityThreshold" && key !== "minSuccessRateThreshold"
      const valid = raw.trim() !== "" && Number.isFinite(parsed) && parsed >= 0 && (!integer || Number.isInteger(parsed)) && (key !== "minSuccessRateThreshold" || parsed <= 1) && (key !== "maxPairwiseComparisons" && key !== "batchMonitorIntervalMinutes" || parsed >= 1)
      if (!valid) return yield* Effect.fail(new InvalidFlag({ flag: `--${flag}`, message: `--${flag} "${raw}" is not a valid value for CJ's ${key}.`, fix: `Pass ${integer ? "a whole number" : "a number"} in range to --${flag}, e.g. ${CJ_DEFAULT_SETTINGS[key]} (CJ's default).` }))
      settings[key] = parsed
    }
    return settings as unknown as CjSettings
  })

const rate = (flag: string, value: string | undefined) => {
  if (value === undefined) return Effect.succeed(undefined)
  const parsed = Number(value)
  return parsed >= 0 && parsed <= 1
    ? Effect.succeed(parsed)
    : Effect.fail(new InvalidFlag({ flag, message: `${flag} "${value}" is not a share between 0 and 1.`, fix: `Pass a number from 0 to 1 to ${flag}, e.g. 0.1.` }))
}

/**
 * The sandbox stack for a run's flags: CJ's anchors are the local anchor files (file-name
 * grades), its instructions the local instructions file, its grade scale the default one.
 */
export const sandboxForRun = (run: RunOptions, knobs: SandboxKnobs) =>
  Effect.gen(function* () {
    const scale = findGradeScale(DEFAULT_GRADE_SCALE)
    if (scale === undefined) return yield* Effect.die(new Error(`grade scale ${DEFAULT_GRADE_SCALE} missing`))
    const errorRate = yield* rate("--sandbox-error-rate", knobs.errorRate)
    const duplicateRate = yield* rate("--sandbox-duplicate-rate", knobs.duplicateRate)
    const cjSettings = yield* cjSettingsFrom(knobs.cj ?? {})
    // Read before the stack exists, so a dataset that cannot be used fails as InvalidAssets (exit 2).
    const inventory = yield* collectInventory({
      assetsDir: run.assets,
      gradeScale: scale,
      ...(run.instructions === undefined ? {} : { instructionsPath: run.instructions }),
      ...(run.anchorDir === undefined ? {} : { anchorDir: run.anchorDir }),
      ...(run.studentDir === undefined ? {} : { studentDir: run.studentDir }),
      ...(run.essayLimits === undefined ? {} : { limits: run.essayLimits })
    })
    return sandboxStack({
      seed: knobs.seed,
      gradeScale: scale,
      anchors: inventory.anchors,
      instructionsText: "Sandbox assignment: the instructions are the dataset's own instructions file.",
      ...(inventory.instructions === null ? {} : { promptInstructions: inventory.instructions.content }),
      failBatch: knobs.failBatch,
      dropResult: knobs.dropResult,
      cjSettings,
      ...(errorRate === undefined ? {} : { errorRate }),
      ...(duplicateRate === undefined ? {} : { duplicateRate })
    })
  })
