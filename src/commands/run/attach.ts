import { Args, Flags } from "@oclif/core"
import { Layer } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { exitWhenDone } from "../../cli/exitWhenDone.js"
import { followFlags, followSettings, kafkaFlags } from "../../cli/followFlags.js"
import { postRunFlags } from "../../cli/postRunFlags.js"
import { postRunHooksFor } from "../../cli/postRunHooks.js"
import { renderRunReport } from "../../cli/renderRunReport.js"
import { kafkaBusKafkajs } from "../../layers/KafkaBusKafkajs.js"
import { canAnimate, stderrTerminal } from "../../layers/ProgressListr.js"
import { attachProgram } from "../../programs/attach.js"
import type { RunReport } from "../../programs/runReport.js"

export default class RunAttach extends Eng5Command {
  static override summary = "Follow a published batch again after Ctrl-C, a crash or a timeout, and finish its artefact."
  static override description = "Reads the run folder execute wrote, applies the events it already holds, and continues reading Kafka from the offsets saved there: no event is read twice or missed. Ends like execute --await-completion (exit 0, 1, 3 or 4) and runs the post-run hooks named by --post-run. Refused with exit 2, changing nothing: a run that has already ended (completed or failed), a sandbox run (its CJ ended with the process that ran it: rehearse again with the same --seed), and a run folder another eng5 process owns (its PID is named)."
  static override examples = ["<%= config.bin %> run attach eng5-runs/pilot-3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "<%= config.bin %> run attach 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f --output-dir eng5-runs --completion-timeout 600 --post-run db-extract"]
  static override args = {
    run: Args.string({ description: "Run folder, or the batch UUID or label (--batch-id, when no other run has it) of a run folder in --output-dir.", required: true })
  }
  static override flags = {
    "output-dir": Flags.string({ description: "Where to look for the run folder of a batch UUID or label.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" }),
    ...kafkaFlags,
    ...followFlags,
    ...postRunFlags
  }

  async run(): Promise<RunReport> {
    const { args, flags } = await this.parse(RunAttach)
    const hooks = await postRunHooksFor(this.config, flags, process.env, (line) => this.logToStderr(line))
    const layer = Layer.mergeAll(
      kafkaBusKafkajs({ bootstrap: flags["kafka-bootstrap"], clientId: flags["kafka-client-id"] }).pipe(Layer.provideMerge(this.baseLayer(flags.verbose))),
      hooks
    )
    const program = attachProgram({ target: args.run, outputDir: flags["output-dir"], follow: followSettings(flags, canAnimate(stderrTerminal())) })
    return this.conclude(await this.runToReport(program, layer), (report) => renderRunReport(report, undefined, { verbose: flags.verbose }))
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    await super.finally(error)
    exitWhenDone()
  }
}
