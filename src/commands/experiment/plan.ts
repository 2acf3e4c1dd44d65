import { Flags } from "@oclif/core"
import { Effect } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { experimentFileArg, experimentFlags, experimentLoadContext } from "../../cli/experimentFlags.js"
import { renderExperimentPlan } from "../../cli/renderExperiment.js"
import { stderrTerminal } from "../../layers/ProgressListr.js"
import { type ExperimentPlan as Plan, planExperiment } from "../../programs/experimentPlan.js"
import { loadExperiment } from "../../programs/experimentSpec.js"

export default class ExperimentPlan extends Eng5Command {
  static override summary = "Check an experiment file and show its cells, batches, cost and forecast reliability; nothing is run."
  static override description = `Reads the experiment file, checks every cell's flags with the same rules as \`eng5 run <mode>\` (all problems at once, exit 2), checks each cell as its first batch would be checked before publishing (CJ's preflight, every essay read), and prints per cell: its settings, batches (repeats), comparison budget, cost range per cell and in total, and the reliability the forecast expects at that budget (sandbox judge, CJ's pairing and estimator; docs/statistics.md). With --max-cost-usd the total's upper end must fit (exit 2 otherwise).`
  static override examples = ["<%= config.bin %> experiment plan examples/experiments/anchor-align.yaml", "<%= config.bin %> experiment plan my-experiment.yaml --max-cost-usd 25 --json"]
  static override args = experimentFileArg
  static override flags = {
    ...experimentFlags,
    forecast: Flags.boolean({ description: "Forecast each cell's reliability at its budget (--no-forecast skips it).", default: true, allowNo: true })
  }

  async run(): Promise<Plan> {
    const { args, flags } = await this.parse(ExperimentPlan)
    const context = experimentLoadContext(this.config, flags.verbose, (line) => this.logToStderr(line), flags.sandbox, stderrTerminal())
    const base = this.baseLayer(flags.verbose)
    const maxCostUsd = flags["max-cost-usd"]
    const program = Effect.gen(function* () {
      const loaded = yield* loadExperiment(args.file, context.lookup, context.options)
      return yield* planExperiment(loaded, { forecast: flags.forecast, ...(maxCostUsd === undefined ? {} : { maxCostUsd }) })
    })
    const plan = await this.runProgram(program, base)
    return this.conclude(plan, renderExperimentPlan)
  }
}
