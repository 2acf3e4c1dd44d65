import { randomUUID } from "node:crypto"
import { Args } from "@oclif/core"
import { Layer } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { renderAssignment } from "../../cli/renderAdmin.js"
import { cjServiceUrlFlag } from "../../cli/serviceFlags.js"
import { cjAdminLive } from "../../layers/liveStack.js"
import { type AssignmentView, showAssignmentProgram } from "../../programs/inspectCj.js"

export default class AssignmentShow extends Eng5Command {
  static override summary = "Show what CJ holds for an assignment: grade scale, context, prompt, anchors."
  static override examples = ["<%= config.bin %> assignment show 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "<%= config.bin %> assignment show 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f --json"]
  static override args = { "assignment-id": Args.string({ description: "CJ assignment UUID.", required: true }) }
  static override flags = { "cj-service-url": cjServiceUrlFlag }

  async run(): Promise<AssignmentView> {
    const { args, flags } = await this.parse(AssignmentShow)
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: "" }))
    const view = await this.runProgram(showAssignmentProgram(args["assignment-id"], randomUUID()), layer)
    if (!this.jsonEnabled()) this.log(renderAssignment(view))
    return view
  }
}
