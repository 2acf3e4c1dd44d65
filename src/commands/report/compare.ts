import { Args, Flags } from "@oclif/core"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { table } from "../../cli/table.js"
import { PAIR_HEADER, pairRows, reportCompareProgram, RUN_HEADER, runRows } from "../../programs/reportCompare.js"

export default class ReportCompare extends Eng5Command {
  static override summary = "Compare two or more stored runs over the essays they share."
  static override description = "For every pair of runs: Kendall's τ-b and Spearman's ρ of the BT scores, exact and adjacent agreement and quadratic weighted κ of the projected grades (students only, same grade scale), beside each run's comparisons, failures and cost. --html writes a page with a scatter of scores per pair."
  static override examples = ["<%= config.bin %> report compare eng5-runs/seed1-<uuid> eng5-runs/seed2-<uuid>", "<%= config.bin %> report compare RUN_A RUN_B RUN_C --html compare.html"]
  static override strict = false
  static override args = { runs: Args.string({ description: "Run folders, or batch uuids or labels (--batch-id) of runs in --output-dir; at least two.", required: true }) }
  static override flags = {
    "output-dir": Flags.string({ description: "Where batch uuids and labels are looked up.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" }),
    html: Flags.string({ description: "Also write an HTML page with a scatter of BT scores per pair of runs." })
  }

  async run() {
    const { argv, flags } = await this.parse(ReportCompare)
    const targets = argv.map(String)
    const result = await this.runProgram(reportCompareProgram(targets, flags["output-dir"], flags.html), this.baseLayer(flags.verbose))
    if (!this.jsonEnabled()) {
      this.log([table(RUN_HEADER, runRows(result)), "", table(PAIR_HEADER, pairRows(result)), ...(result.htmlPath === null ? [] : ["", `HTML: ${result.htmlPath}`])].join("\n"))
    }
    return result
  }
}
