import { Flags, ModeCommand, type RunReport } from "eng5/sdk"
import { helloProgram } from "../../helloMode.js"

export default class RunHello extends ModeCommand {
  static override summary = "Example plugin mode: execute, greeted."
  static override flags = {
    ...ModeCommand.modeFlags,
    greeting: Flags.string({ description: "What to say.", default: "hello" })
  }

  async run(): Promise<RunReport> {
    const { flags } = await this.parse(RunHello)
    const setup = await this.setUpMode(flags)
    return this.finishMode(await this.runToReport(helloProgram(setup.execute, this.build(), flags.greeting), setup.layer))
  }
}
