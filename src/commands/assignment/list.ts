import { randomUUID } from "node:crypto"
import { Layer } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { integerFlag } from "../../cli/flagValues.js"
import { renderInstructionsPage } from "../../cli/renderAdmin.js"
import { cjServiceUrlFlag } from "../../cli/serviceFlags.js"
import { cjAdminLive } from "../../layers/liveStack.js"
import { listAssignmentsProgram } from "../../programs/inspectCj.js"
import type { InstructionsPage } from "../../services/CjAdmin.js"

export default class AssignmentList extends Eng5Command {
  static override summary = "List the assessment instructions CJ holds, newest first."
  static override examples = ["<%= config.bin %> assignment list", "<%= config.bin %> assignment list --page 2 --page-size 20 --json"]
  static override flags = {
    page: integerFlag({ description: "Page number, from 1.", default: 1, min: 1, example: 2 }),
    "page-size": integerFlag({ description: "Entries per page (1–200).", default: 50, min: 1, max: 200, example: 20 }),
    "cj-service-url": cjServiceUrlFlag
  }

  async run(): Promise<InstructionsPage> {
    const { flags } = await this.parse(AssignmentList)
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: "" }))
    const page = await this.runProgram(listAssignmentsProgram(flags.page, flags["page-size"], randomUUID()), layer)
    if (!this.jsonEnabled()) this.log(renderInstructionsPage(page))
    return page
  }
}
