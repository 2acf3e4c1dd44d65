import { Args, Flags } from "@oclif/core"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { reportHtmlProgram } from "../../programs/reportHtml.js"

export default class ReportHtml extends Eng5Command {
  static override summary = "Write a run's charts as one self-contained HTML file (reports/report.html)."
  static override description = "Reads the run folder's assessment_run.json and writes reports/report.html: BT scores ranked with standard errors (anchors with their grades), grade projections with probabilities, anchors against their known grades with Kendall's τ-b, comparisons per essay, failed comparisons, cost and tokens per model. Charts are inline SVG: the file opens offline. Every completed run writes it too."
  static override examples = ["<%= config.bin %> report html eng5-runs/example-<uuid>"]
  static override args = { run: Args.string({ description: "Run folder, or its batch uuid or label (--batch-id) in --output-dir.", required: true }) }
  static override flags = { "output-dir": Flags.string({ description: "Where batch uuids and labels are looked up.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" }) }

  async run() {
    const { args, flags } = await this.parse(ReportHtml)
    const result = await this.runProgram(reportHtmlProgram(args.run, flags["output-dir"]), this.baseLayer(flags.verbose))
    if (!this.jsonEnabled()) this.log(result.reportPath)
    return result
  }
}
