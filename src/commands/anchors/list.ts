import { randomUUID } from "node:crypto"
import { Args } from "@oclif/core"
import { Layer } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { renderAnchorSummary } from "../../cli/renderAdmin.js"
import { cjServiceUrlFlag } from "../../cli/serviceFlags.js"
import { cjAdminLive } from "../../layers/liveStack.js"
import { listAnchorsProgram } from "../../programs/inspectCj.js"
import type { AnchorSummary } from "../../services/CjAdmin.js"

export default class AnchorsList extends Eng5Command {
  static override summary = "List the anchors CJ holds for an assignment."
  static override examples = ["<%= config.bin %> anchors list 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "<%= config.bin %> anchors list 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f --json"]
  static override args = { "assignment-id": Args.string({ description: "CJ assignment UUID.", required: true }) }
  static override flags = { "cj-service-url": cjServiceUrlFlag }

  async run(): Promise<AnchorSummary> {
    const { args, flags } = await this.parse(AnchorsList)
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: "" }))
    const summary = await this.runProgram(listAnchorsProgram(args["assignment-id"], randomUUID()), layer)
    if (!this.jsonEnabled()) this.log(renderAnchorSummary(summary))
    return summary
  }
}
