import { Layer } from "effect"
import { buildInfo } from "../../buildInfo.js"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { renderPlan } from "../../cli/renderPlan.js"
import { forecastFlags, forecastRequestFrom } from "../../cli/forecastFlags.js"
import { runFlags, toRunOptions } from "../../cli/runFlags.js"
import { cjAdminLive } from "../../layers/liveStack.js"
import { type PlanReport, planProgram } from "../../programs/plan.js"

export default class RunPlan extends Eng5Command {
  static override summary = "Show what a run would use: essays, grades, comparison capacity and problems."
  static override description = "Reads and checks every essay (text extraction, checksums, anchor grades, essay ids) without any network call, unless --assignment-id asks CJ for the assignment's grade scale. Nothing is written."
  static override examples = ["<%= config.bin %> run plan --assets examples/eng5", "<%= config.bin %> run plan --assets examples/eng5 --json"]
  static override flags = { ...runFlags, ...forecastFlags }

  async run(): Promise<PlanReport> {
    const { flags } = await this.parse(RunPlan)
    const options = toRunOptions(flags)
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: options.contentServiceUrl }))
    const report = await this.runProgram(planProgram(options, buildInfo(), forecastRequestFrom(flags)), layer)
    if (!this.jsonEnabled()) this.log(renderPlan(report))
    return report
  }
}
