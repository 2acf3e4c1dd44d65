import { Args, type Config, Flags } from "@oclif/core"
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

/** How an experiment command finds the file's mode and checks its flags. */
export const experimentLoadContext = (config: Config, verbose: boolean, warn: (line: string) => void, sandbox: boolean) => ({
  lookup: modeLookup({ config, verbose, terminal: process.stderr.isTTY === true, warn }),
  options: { sandbox, suggest: (word: string, candidates: ReadonlyArray<string>) => closest(word, candidates) }
})
