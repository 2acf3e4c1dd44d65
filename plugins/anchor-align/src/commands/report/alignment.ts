import { join } from "node:path"
import { Effect } from "effect"
import { Args, Eng5Command, locateRunFolder, RUN_FILES } from "eng5/sdk"
import { alignmentReportJson, type AlignmentReportJson } from "../../alignmentReport.js"
import { writeAlignmentFromArtefact } from "../../alignmentFromArtefact.js"

export default class ReportAlignment extends Eng5Command {
  static override summary = "Write the anchor alignment report again from a stored anchor-align run."
  static override description =
    "Reads the run folder's assessment_run.json (nothing is sent anywhere) and rewrites reports/anchor_alignment.md and .json: Kendall's τ-b, direct inversions, per-anchor wins, losses, win rate, BT score and rank."
  static override examples = ["<%= config.bin %> report alignment eng5-runs/anchor-align-3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"]
  static override args = {
    run: Args.string({ description: "Run folder of an `eng5 run anchor-align` run (or its batch UUID in ./eng5-runs).", required: true })
  }

  async run(): Promise<AlignmentReportJson> {
    const { args, flags } = await this.parse(ReportAlignment)
    const program = Effect.gen(function* () {
      const folder = yield* locateRunFolder(args.run, "eng5-runs")
      return yield* writeAlignmentFromArtefact(join(folder, RUN_FILES.artefact))
    })
    const { report, files } = await this.runProgram(program, this.baseLayer(flags.verbose))
    const json = alignmentReportJson(report)
    if (!this.jsonEnabled()) {
      const tau = json.summary.kendall_tau_b
      this.log(
        [
          `Kendall's τ-b: ${tau === null ? "n/a" : tau.toFixed(3)} · direct inversions: ${json.summary.direct_inversions} · zero-win anchors: ${json.summary.zero_win_anchors}`,
          `  markdown  ${files.markdownPath}`,
          `  json      ${files.jsonPath}`
        ].join("\n")
      )
    }
    return json
  }
}
