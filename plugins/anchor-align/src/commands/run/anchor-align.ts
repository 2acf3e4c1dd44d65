import { join } from "node:path"
import { ModeCommand, type RunReport, renderRunReport } from "eng5/sdk"
import { ALIGNMENT_REPORT_STEM } from "../../alignmentFromArtefact.js"
import { alignmentSummaryLines, readAlignmentJson } from "../../alignmentSummary.js"
import { alignmentReportHook, anchorAlignMode } from "../../anchorAlignProgram.js"

export default class RunAnchorAlign extends ModeCommand {
  static override summary = "Judge the anchors as students (GUEST flow) and report how CJ's ranking agrees with their grades."
  static override description = `Sends every anchor essay of --assets as a student essay in CJ's GUEST flow (no assignment, so CJ adds no anchors of its own; none is left out, whatever --max-comparisons says). No system prompt override is sent (CJ uses its own) unless --system-prompt FILE gives one.

With --await-completion, once CJ completes the batch, writes reports/anchor_alignment.md and .json into the run folder: Kendall's τ-b between CJ's rank and the grades (ties handled), direct inversions, and per anchor its wins, losses, win rate, BT score and rank, plus the zero-win anchors. The grade order is the grade scale's. \`eng5 report alignment <run folder>\` writes it again from the stored run.`
  static override examples = [
    "<%= config.bin %> run anchor-align --sandbox --assets examples/eng5 --await-completion",
    "<%= config.bin %> run anchor-align --assets examples/eng5 --await-completion --llm-provider anthropic"
  ]
  static override flags = ModeCommand.modeFlags
  static override modeProgram = anchorAlignMode

  async run(): Promise<RunReport> {
    const { flags } = await this.parse(RunAnchorAlign)
    const setup = await this.setUpMode(flags, anchorAlignMode.setup)
    const ran = await this.runProgram(anchorAlignMode.program(setup.execute, this.build(), flags), setup.layer)
    const written = ran.postRun.some((hook) => hook.hook === alignmentReportHook.name && hook.status === "succeeded")
    const alignment = written ? await readAlignmentJson(ran.runFolder) : null
    const report = this.conclude(ran, (r) => renderRunReport(r, alignmentSummaryLines(alignment)))
    if (written && !this.jsonEnabled()) this.log(`Alignment report: ${join(report.runFolder, `${ALIGNMENT_REPORT_STEM}.md`)}`)
    return report
  }
}
