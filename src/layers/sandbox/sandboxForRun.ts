import { Effect } from "effect"
import { DEFAULT_GRADE_SCALE, findGradeScale } from "../../domain/gradeScales.js"
import { InvalidFlag } from "../../errors.js"
import { collectInventory } from "../../inventory/collectInventory.js"
import type { RunOptions } from "../../programs/runSettings.js"
import { sandboxStack } from "./sandboxStack.js"

export interface SandboxKnobs {
  readonly seed: number
  readonly errorRate?: string | undefined
  readonly duplicateRate?: string | undefined
  readonly failBatch: boolean
  readonly dropResult: boolean
}

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
    const inventory = collectInventory({
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
      loadAnchors: Effect.map(inventory, (i) => i.anchors),
      instructionsText: "Sandbox assignment: the instructions are the dataset's own instructions file.",
      failBatch: knobs.failBatch,
      dropResult: knobs.dropResult,
      ...(errorRate === undefined ? {} : { errorRate }),
      ...(duplicateRate === undefined ? {} : { duplicateRate })
    })
  })
