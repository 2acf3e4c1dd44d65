import { Args, type Config, Flags } from "@oclif/core"
import { canAnimate, type ProgressTerminal } from "../layers/ProgressListr.js"
import type { BoardStyle } from "../programs/experimentProgress.js"
import { modeLookup } from "./experimentMode.js"
import { optionalNumberFlag } from "./flagValues.js"
import { closest } from "./suggest.js"

/** The experiment file every experiment command but report takes. */
export const experimentFileArg = { file: Args.string({ description: "Experiment file (YAML; docs/experiments.md).", required: true }) }

/** Flags shared by `experiment plan` and `experiment run`. */
export const experimentFlags = {
  sandbox: Flags.boolean({ description: "Rehearse the whole experiment in the in-process sandbox (as `sandbox: true` in the file).", default: false }),
  "max-cost-usd": optionalNumberFlag({
    description: "Refuse the experiment when its estimated cost over every batch may exceed this many US dollars (exit 2).",
    min: 0,
    unit: "of US dollars",
    example: 20
  })
}

/** Where experiment folders are created (each `<output-dir>/<experiment name>/`). */
export const outputDirFlag = Flags.string({ description: "Where the experiment folder is created: <output-dir>/<experiment name>/.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" })

/** Every batch on its own redrawn line where progress can animate (as `eng5 run`'s), a line per change otherwise. */
export const boardStyleFor = (terminal: ProgressTerminal): BoardStyle => (canAnimate(terminal) ? "board" : "lines")

/** How an experiment command finds the file's mode and checks its flags. */
export const experimentLoadContext = (config: Config, verbose: boolean, warn: (line: string) => void, sandbox: boolean, terminal: ProgressTerminal) => ({
  lookup: modeLookup({ config, verbose, terminal: canAnimate(terminal), warn }),
  options: { sandbox, suggest: closest }
})
