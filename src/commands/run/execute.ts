import { ModeCommand, type ModeProgram } from "../../cli/ModeCommand.js"
import { executeProgram } from "../../programs/execute.js"
import type { RunReport } from "../../programs/runReport.js"

export default class RunExecute extends ModeCommand {
  static override summary = "Upload the essays, publish the CJ request and, with --await-completion, follow the batch to its result."
  static override description = `Checks everything first (flags, the CJ assignment and anchors, the essays, the Kafka topics, the post-run hooks named); a failed check exits 2 with nothing published. Then uploads the student essays through the upload cache, writes the request to <output-dir>/<label>-<batch uuid>/request.json and publishes it.

With --await-completion it follows the batch live: every callback is appended to events/*.jsonl as it arrives and the artefact (assessment_run.json) is rewritten every few seconds. It ends when CJ publishes its completion and result (exit 0 when the completion's status is completed_successfully), CJ reports the batch failed or completes it with any other status (exit 1, data kept), or --completion-timeout passes (exit 4, partial data kept). Ctrl-C saves everything and prints the \`eng5 run attach\` command that continues (exit 130).

After a completed batch the hooks named by --post-run run (each under --post-run-timeout); one that fails is recorded in the artefact and the run exits 3 with its result intact.`
  static override examples = [
    "<%= config.bin %> run execute --assets examples/eng5 --assignment-id <uuid> --course-id <uuid> --await-completion",
    "<%= config.bin %> run execute --assets examples/eng5 --assignment-id <uuid> --await-completion --post-run db-extract",
    "<%= config.bin %> run execute --assets examples/eng5 --assignment-id <uuid> --no-kafka",
    "<%= config.bin %> run execute --sandbox --assets examples/eng5 --await-completion"
  ]
  static override flags = ModeCommand.modeFlags
  static override modeProgram: ModeProgram = { program: (execute, build) => executeProgram(execute, build) }

  async run(): Promise<RunReport> {
    const { flags } = await this.parse(RunExecute)
    const setup = await this.setUpMode(flags)
    return this.finishMode(await this.runToReport(RunExecute.modeProgram.program(setup.execute, this.build(), flags), setup.layer))
  }
}
