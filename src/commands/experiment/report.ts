import { Args, Flags } from "@oclif/core"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { renderExperimentReport } from "../../cli/renderExperiment.js"
import { type ExperimentReport as Report, experimentReportProgram } from "../../programs/experimentReport.js"

export default class ExperimentReport extends Eng5Command {
  static override summary = "Report an experiment folder: τ-b per cell with intervals, inversions, reliability, agreement, cost; each variant against the baseline."
  static override description = `Reads the experiment folder (experiment.json and its run folders) and prints one row per cell: Kendall's τ-b between CJ's rank of the anchors and their known grades (mean over the completed runs) with a bootstrap interval, the difference from the baseline (the first variant's cell with the same matrix values) with its paired interval, direct inversions per run and their grade boundaries, split-half reliability, agreement between the cell's runs, comparisons, failures, cost and tokens. Writes report.json into the folder and the HTML report (charts of τ-b per cell, the differences, inversions by grade boundary, cost against alignment) to --html or the folder's report.html. \`eng5 experiment run\` writes both at its end. Exit 1 when some batch did not complete (the report covers the others).`
  static override examples = ["<%= config.bin %> experiment report eng5-runs/anchor-align", "<%= config.bin %> experiment report eng5-runs/anchor-align --html paper/figures.html --json"]
  static override args = { dir: Args.string({ description: "The experiment folder (<output-dir>/<experiment name>).", required: true }) }
  static override flags = { html: Flags.string({ description: "Where to write the HTML report (default: report.html in the experiment folder).", helpValue: "FILE" }) }

  async run(): Promise<Report> {
    const { args, flags } = await this.parse(ExperimentReport)
    const report = await this.runProgram(experimentReportProgram(args.dir, flags.html), this.baseLayer(flags.verbose))
    return this.conclude(report, renderExperimentReport)
  }
}
