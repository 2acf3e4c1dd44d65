import { buildInfo } from "../buildInfo.js"
import type { BuildInfo } from "../domain/buildArtefact.js"
import { canAnimate, stderrTerminal } from "../layers/ProgressListr.js"
import type { RunReport } from "../programs/runReport.js"
import { Eng5Command } from "./Eng5Command.js"
import { exitWhenDone } from "./exitWhenDone.js"
import { type ModeFlags, modeFlags, type ModeProgram, type ModeSetupOptions, setUpModeRun } from "./modeSetup.js"
import { renderRunReport } from "./renderRunReport.js"

export { type ModeFlags, modeFlags, type ModeProgram, type ModeServices, type ModeSetupOptions } from "./modeSetup.js"

/**
 * The base of `eng5 run <mode>` commands, eng5's own and plugins': the shared flags
 * (`static flags = { ...ModeCommand.modeFlags, ...yours }`), the live or sandbox stack, the
 * post-run hooks, the run report and the exit code. A mode's `run()` is then three lines:
 * parse, `const setup = await this.setUpMode(flags)`, `return this.finishMode(await this.runToReport(program(setup.execute), setup.layer))`.
 * A mode that declares `static modeProgram` can also be run by `eng5 experiment`.
 */
export abstract class ModeCommand extends Eng5Command {
  static readonly modeFlags = modeFlags
  /** The mode's program for one batch; without it, `eng5 experiment` cannot run this mode. */
  static modeProgram: ModeProgram | undefined = undefined

  /** The build that runs (for artefacts). */
  protected build(): BuildInfo {
    return buildInfo()
  }

  /** Run options, execute options and the layer (live or sandbox, with the selected post-run hooks) for the parsed flags. */
  protected async setUpMode(flags: ModeFlags, options: ModeSetupOptions = {}) {
    this.verboseSummary = flags.verbose
    return setUpModeRun(flags, options, {
      base: this.baseLayer(flags.verbose),
      config: this.config,
      warn: (line) => this.logToStderr(line),
      terminal: canAnimate(stderrTerminal())
    })
  }

  /** Prints the run report (or returns it for --json) and sets its exit code. */
  protected finishMode(report: RunReport): RunReport {
    return this.conclude(report, (r) => renderRunReport(r, undefined, { verbose: this.verboseSummary }))
  }

  /** --verbose of the run being set up: the summary lists prompt hashes then. */
  private verboseSummary = false

  protected override async finally(error: Error | undefined): Promise<void> {
    await super.finally(error)
    exitWhenDone()
  }
}
