import { randomUUID } from "node:crypto"
import { join } from "node:path"
import { Args, Flags } from "@oclif/core"
import { Layer } from "effect"
import { InvalidFlag } from "../../errors.js"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { essayLimitFlags, toEssayLimits } from "../../cli/essayLimitFlags.js"
import { integerFlag } from "../../cli/flagValues.js"
import { renderRegistration } from "../../cli/renderAdmin.js"
import { cjServiceUrlFlag } from "../../cli/serviceFlags.js"
import { cjAdminLive } from "../../layers/liveStack.js"
import { type RegisterAnchorsReport, registerAnchorsProgram } from "../../programs/registerAnchors.js"

export default class AnchorsRegister extends Eng5Command {
  static override summary = "Register anchor essays with a CJ assignment (validated first, idempotent)."
  static override description = "Reads every anchor file, takes its grade from the file name (<label>_<grade>.<ext>) and checks it against the assignment's grade scale in CJ, and checks each text has at least 100 characters. Only when every file passes are they registered, with bounded concurrency. CJ replaces an anchor with the same label, so running again is safe. Afterwards CJ's anchor list is read back: an anchor CJ answered for but does not hold fails the command (exit 1), since the platform's register endpoint can answer 201 without keeping the row."
  static override examples = ["<%= config.bin %> anchors register 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f --anchor-dir examples/eng5/anchor_essays", "<%= config.bin %> anchors register 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f --assets examples/eng5 --expected-grade-scale eng5_np_legacy_9_step"]
  static override args = { "assignment-id": Args.string({ description: "CJ assignment UUID.", required: true }) }
  static override flags = {
    "anchor-dir": Flags.string({ description: "Folder of anchor essays.", env: "ENG5_ANCHOR_DIR_OVERRIDE" }),
    assets: Flags.string({ description: "Dataset folder; its anchor_essays/ is used unless --anchor-dir is given.", env: "ENG5_ASSETS" }),
    "expected-grade-scale": Flags.string({ description: "Fail unless CJ's grade scale for the assignment is this one." }),
    concurrency: integerFlag({ description: "Registrations in flight at once.", default: 4, min: 1, max: 16, unit: "of registrations", example: 4 }),
    "cj-service-url": cjServiceUrlFlag,
    ...essayLimitFlags
  }

  async run(): Promise<RegisterAnchorsReport> {
    const { args, flags } = await this.parse(AnchorsRegister)
    const anchorDir = flags["anchor-dir"] ?? (flags.assets === undefined ? undefined : join(flags.assets, "anchor_essays"))
    if (anchorDir === undefined) throw new InvalidFlag({ flag: "--anchor-dir", message: "No anchor essays folder given.", fix: "Pass --anchor-dir DIR or --assets DIR (or set ENG5_ANCHOR_DIR_OVERRIDE / ENG5_ASSETS)." })
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: "" }))
    const report = await this.runProgram(
      registerAnchorsProgram({
        assignmentId: args["assignment-id"],
        anchorDir,
        concurrency: flags.concurrency,
        correlationId: randomUUID(),
        limits: toEssayLimits(flags),
        ...(flags["anchor-dir"] === undefined && flags.assets !== undefined ? { datasetDir: flags.assets } : {}),
        ...(flags["expected-grade-scale"] === undefined ? {} : { expectedGradeScale: flags["expected-grade-scale"] })
      }),
      layer
    )
    return this.conclude(report, renderRegistration)
  }
}
