import { Flags } from "@oclif/core"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { table } from "../../cli/table.js"
import { listRuns, type RunListing } from "../../programs/runsList.js"

export default class RunsList extends Eng5Command {
  static override summary = "List the run folders in the output directory, newest first."
  static override description = "Reads each run folder's assessment_run.json (and run.json): label, batch uuid, mode, whether it is a sandbox rehearsal (simulated, not data), outcome, comparisons, cost and start time. Folders without a readable artefact are skipped."
  static override examples = ["<%= config.bin %> runs list", "<%= config.bin %> runs list --output-dir eng5-runs --json"]
  static override flags = {
    "output-dir": Flags.string({ description: "Where run folders are created.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" })
  }

  async run(): Promise<{ readonly runs: ReadonlyArray<RunListing> }> {
    const { flags } = await this.parse(RunsList)
    const runs = await this.runProgram(listRuns(flags["output-dir"]), this.baseLayer(flags.verbose))
    if (!this.jsonEnabled()) {
      this.log(
        runs.length === 0
          ? `No run folders in ${flags["output-dir"]}.`
          : table(
              ["Started", "Label", "Batch uuid", "Mode", "Data", "Outcome", "Comparisons", "Cost"],
              runs.map((r) => [r.startedAt, r.label, r.batchUuid, r.mode, r.sandbox ? "SANDBOX" : "real", r.outcome ?? "-", r.comparisons, `$${r.costUsd.toFixed(4)}`])
            )
      )
    }
    return { runs }
  }
}
