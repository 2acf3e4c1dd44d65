import { Layer } from "effect"
import { buildInfo } from "../../buildInfo.js"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { renderDryRun } from "../../cli/renderPlan.js"
import { forecastFlags, forecastRequestFrom } from "../../cli/forecastFlags.js"
import { runFlags, toRunOptions } from "../../cli/runFlags.js"
import { cjAdminLive } from "../../layers/liveStack.js"
import { type DryRunReport, dryRunProgram } from "../../programs/dryRun.js"

export default class RunDryRun extends Eng5Command {
  static override summary = "Build the exact CJ request and a run folder, without uploading or publishing."
  static override description = "Does everything execute does except network side effects: checks the inventory, composes and validates the request envelope (storage ids from the upload cache, or marked placeholders), and writes <output-dir>/<label>-<batch uuid>/ with request.json, a stub assessment_run.json and logs."
  static override examples = ["<%= config.bin %> run dry-run --assets examples/eng5 --batch-id pilot"]
  static override flags = { ...runFlags, ...forecastFlags }

  async run(): Promise<DryRunReport> {
    const { flags } = await this.parse(RunDryRun)
    const options = toRunOptions(flags)
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: options.contentServiceUrl }))
    const report = await this.runProgram(dryRunProgram(options, buildInfo(), forecastRequestFrom(flags)), layer)
    if (!this.jsonEnabled()) this.log(renderDryRun(report))
    return report
  }
}
