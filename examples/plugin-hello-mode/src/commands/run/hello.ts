import { Flags, ModeCommand, type ModeProgram, type RunReport } from "eng5/sdk"
import { helloProgram } from "../../helloMode.js"

export default class RunHello extends ModeCommand {
  static override summary = "Example plugin mode: execute, greeted."
  static override flags = {
    ...ModeCommand.modeFlags,
    greeting: Flags.string({ description: "What to say.", default: "hello" })
  }
  /** Lets `eng5 experiment` run this mode's batches (`mode: hello`, `greeting:` in the experiment file). */
  static override modeProgram: ModeProgram = {
    program: (execute, build, flags) => helloProgram(execute, build, typeof flags["greeting"] === "string" ? flags["greeting"] : "hello")
  }

  async run(): Promise<RunReport> {
    const { flags } = await this.parse(RunHello)
    const setup = await this.setUpMode(flags)
    return this.finishMode(await this.runToReport(helloProgram(setup.execute, this.build(), flags.greeting), setup.layer))
  }
}
