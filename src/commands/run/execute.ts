import { Flags } from "@oclif/core"
import { Layer } from "effect"
import { buildInfo } from "../../buildInfo.js"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { exitWhenDone } from "../../cli/exitWhenDone.js"
import { followFlags, followSettings, kafkaFlags } from "../../cli/followFlags.js"
import { finishRunCommand } from "../../cli/renderRunReport.js"
import { runFlags, toRunOptions } from "../../cli/runFlags.js"
import { uploadFlags } from "../../cli/uploadFlags.js"
import { liveRunStack, SANDBOX_UPLOAD_CACHE_FILE, sandboxRunStack, withSandboxAssignment } from "../../cli/runStack.js"
import { sandboxFlags } from "../../cli/sandboxFlags.js"
import { executeProgram } from "../../programs/execute.js"
import type { RunReport } from "../../programs/runReport.js"
import { PostRunHooks } from "../../services/PostRunHooks.js"

export default class RunExecute extends Eng5Command {
  static override summary = "Upload the essays, publish the CJ request and, with --await-completion, follow the batch to its result."
  static override description = `Checks everything first (flags, the CJ assignment and anchors, the essays, the Kafka topics); a failed check exits 2 with nothing published. Then uploads the student essays through the upload cache, writes the request to <output-dir>/<label>-<batch uuid>/request.json and publishes it.

With --await-completion it follows the batch live: every callback is appended to events/*.jsonl as it arrives and the artefact (assessment_run.json) is rewritten every few seconds. It ends when CJ publishes its completion and result (exit 0), CJ reports the batch failed (exit 1), or --completion-timeout passes (exit 4, partial data kept). Ctrl-C saves everything and prints the \`eng5 run attach\` command that continues (exit 130).`
  static override examples = [
    "<%= config.bin %> run execute --assets examples/eng5 --assignment-id <uuid> --course-id <uuid> --await-completion",
    "<%= config.bin %> run execute --assets examples/eng5 --assignment-id <uuid> --no-kafka",
    "<%= config.bin %> run execute --sandbox --assets examples/eng5 --await-completion"
  ]
  static override flags = {
    ...runFlags,
    ...uploadFlags,
    ...kafkaFlags,
    ...followFlags,
    ...sandboxFlags,
    "await-completion": Flags.boolean({ description: "Follow the batch until CJ completes it.", default: false, allowNo: true, helpGroup: "FOLLOW" }),
    kafka: Flags.boolean({ description: "Publish the request (--no-kafka: upload and write it only).", default: true, allowNo: true, helpGroup: "SERVICES" })
  }

  async run(): Promise<RunReport> {
    const { flags } = await this.parse(RunExecute)
    const sandbox = flags.sandbox
    const run = sandbox ? withSandboxAssignment(toRunOptions(flags)) : toRunOptions(flags)
    const base = this.baseLayer(flags.verbose)
    const stack = sandbox
      ? sandboxRunStack(run, { seed: flags.seed, errorRate: flags["sandbox-error-rate"], duplicateRate: flags["sandbox-duplicate-rate"], failBatch: flags["sandbox-fail-batch"], dropResult: flags["sandbox-drop-result"] }, base)
      : liveRunStack(
          { cjServiceUrl: flags["cj-service-url"], contentServiceUrl: run.contentServiceUrl, uploadConcurrency: flags["upload-concurrency"], kafkaBootstrap: flags["kafka-bootstrap"], kafkaClientId: flags["kafka-client-id"] },
          base
        )
    const layer = Layer.mergeAll(stack, PostRunHooks.none)
    if (flags["await-completion"] && !flags.kafka) this.logToStderr("--await-completion ignored: --no-kafka publishes nothing to follow.")
    const program = executeProgram(
      {
        run,
        publish: flags.kafka,
        kafkaClientId: flags["kafka-client-id"],
        awaitCompletion: flags["await-completion"],
        follow: followSettings(flags, process.stderr.isTTY === true),
        upload: {
          concurrency: flags["upload-concurrency"],
          forceReupload: flags["force-reupload"] || sandbox,
          verifyContent: flags["verify-content"],
          ...(sandbox ? { cacheFile: SANDBOX_UPLOAD_CACHE_FILE } : {})
        }
      },
      buildInfo()
    )
    return finishRunCommand(this, await this.runProgram(program, layer))
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    await super.finally(error)
    exitWhenDone()
  }
}
