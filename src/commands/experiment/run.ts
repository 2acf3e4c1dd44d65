import { Flags } from "@oclif/core"
import { Effect } from "effect"
import { buildInfo } from "../../buildInfo.js"
import { secretsFromEnv } from "../../domain/redact.js"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { exitWhenDone } from "../../cli/exitWhenDone.js"
import { boardStyleFor, experimentFileArg, experimentFlags, experimentLoadContext, outputDirFlag } from "../../cli/experimentFlags.js"
import { renderExperimentReport } from "../../cli/renderExperiment.js"
import { stderrTerminal } from "../../layers/ProgressListr.js"
import { runLogFile } from "../../layers/RunLogFile.js"
import type { ExperimentReport } from "../../programs/experimentReport.js"
import { DEFAULT_PARALLEL, runExperiment } from "../../programs/experimentRun.js"
import { loadExperiment } from "../../programs/experimentSpec.js"

export default class ExperimentRun extends Eng5Command {
  static override summary = "Run every batch of an experiment file, resuming what an earlier run left, and report it."
  static override description = `Checks the file and every cell first (exit 2 with every problem, nothing run). Then runs each cell's batches (repeats) through the mode's own program, --parallel at a time, into one experiment folder: <output-dir>/<experiment name>/, one run folder per batch. One progress view shows every batch. Ctrl-C stops following and keeps everything (exit 130).

Run again on the same file and folder, it resumes: finished batches are kept, published ones followed again (as \`eng5 run attach\`), the rest started; a sandbox batch that did not finish is started again. A failed batch does not stop the others. At the end it writes report.json and report.html into the experiment folder; the exit code is 0 when every batch of every cell completed, 1 otherwise.

--parallel defaults to ${DEFAULT_PARALLEL}: CJ's LLM Provider serves every batch from one queue with a few requests at a time, so more batches at once do not finish sooner, and a full queue refuses comparisons (CJ fails a batch below 80% successful ones); two keep comparisons flowing while another batch waits for CJ's completion and result.`
  static override examples = ["<%= config.bin %> experiment run examples/experiments/anchor-align.yaml", "<%= config.bin %> experiment run my-experiment.yaml --parallel 3 --max-cost-usd 25"]
  static override args = experimentFileArg
  static override flags = {
    ...experimentFlags,
    "output-dir": outputDirFlag,
    parallel: Flags.integer({ description: `Batches followed at once (default ${DEFAULT_PARALLEL}; see the description).`, default: DEFAULT_PARALLEL, min: 1, max: 16 })
  }

  async run(): Promise<ExperimentReport> {
    const { args, flags } = await this.parse(ExperimentRun)
    const context = experimentLoadContext(this.config, flags.verbose, (line) => this.logToStderr(line), flags.sandbox, stderrTerminal())
    const maxCostUsd = flags["max-cost-usd"]
    const style = boardStyleFor(stderrTerminal())
    const batchLog = () => runLogFile({ verbose: flags.verbose, secrets: secretsFromEnv(process.env) })
    const program = Effect.gen(function* () {
      const loaded = yield* loadExperiment(args.file, context.lookup, context.options)
      return yield* runExperiment(loaded, { outputDir: flags["output-dir"], parallel: flags.parallel, build: buildInfo(), style, batchLog, ...(maxCostUsd === undefined ? {} : { maxCostUsd }) })
    })
    const report = await this.runProgram(program, this.baseLayer(flags.verbose))
    return this.conclude(report, renderExperimentReport)
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    await super.finally(error)
    exitWhenDone()
  }
}
