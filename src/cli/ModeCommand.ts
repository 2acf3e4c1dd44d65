import { Flags, type Interfaces } from "@oclif/core"
import { Layer } from "effect"
import { buildInfo } from "../buildInfo.js"
import type { BuildInfo } from "../domain/buildArtefact.js"
import type { ExecuteOptions } from "../programs/execute.js"
import type { RunReport } from "../programs/runReport.js"
import type { RunOptions } from "../programs/runSettings.js"
import type { PostRunHook } from "../services/PostRunHooks.js"
import { Eng5Command } from "./Eng5Command.js"
import { exitWhenDone } from "./exitWhenDone.js"
import { canAnimate, stderrTerminal } from "../layers/ProgressListr.js"
import { optionalNumberFlag } from "./flagValues.js"
import { followFlags, followSettings, kafkaFlags } from "./followFlags.js"
import { checkSandboxHooks, postRunFlags } from "./postRunFlags.js"
import { postRunHooksFor } from "./postRunHooks.js"
import { renderRunReport } from "./renderRunReport.js"
import { runFlags, toRunOptions } from "./runFlags.js"
import { liveRunStack, SANDBOX_UPLOAD_CACHE_FILE, sandboxRunStack, withSandboxAssignment } from "./runStack.js"
import { sandboxFlags, sandboxKnobsFrom, sandboxRecordOf } from "./sandboxFlags.js"
import { uploadFlags } from "./uploadFlags.js"

/** Every flag a run mode shares with execute: dataset, batch, LLM, services, upload, Kafka, following, sandbox, post-run. */
export const modeFlags = {
  ...runFlags,
  ...uploadFlags,
  ...kafkaFlags,
  ...followFlags,
  ...sandboxFlags,
  ...postRunFlags,
  "await-completion": Flags.boolean({ description: "Follow the batch until CJ completes it (always, with --sandbox).", default: false, allowNo: true, helpGroup: "FOLLOW" }),
  kafka: Flags.boolean({ description: "Publish the request (--no-kafka: upload and write it only).", default: true, allowNo: true, helpGroup: "SERVICES" }),
  "max-cost-usd": optionalNumberFlag({
    description: "Refuse to upload or publish when the estimated cost may exceed this many US dollars (exit 2).",
    min: 0,
    unit: "of US dollars",
    example: 5,
    helpGroup: "BATCH"
  })
}

/** The parsed mode flags, plus the base command's --verbose. */
export type ModeFlags = Interfaces.InferredFlags<typeof modeFlags> & { readonly verbose: boolean }

export interface ModeSetupOptions {
  /** GUEST flow: no assignment is sent, and the sandbox plays none (anchor-align). */
  readonly guest?: boolean
  /** Hooks the mode always runs after a completed batch (its own report), besides those --post-run names. */
  readonly hooks?: ReadonlyArray<PostRunHook>
}

/**
 * The base of `eng5 run <mode>` commands, eng5's own and plugins': the shared flags
 * (`static flags = { ...ModeCommand.modeFlags, ...yours }`), the live or sandbox stack, the
 * post-run hooks, the run report and the exit code. A mode's `run()` is then three lines:
 * parse, `const setup = await this.setUpMode(flags)`, `return this.finishMode(await this.runToReport(program(setup.execute), setup.layer))`.
 */
export abstract class ModeCommand extends Eng5Command {
  static readonly modeFlags = modeFlags

  /** The build that runs (for artefacts). */
  protected build(): BuildInfo {
    return buildInfo()
  }

  /** Run options, execute options and the layer (live or sandbox, with the selected post-run hooks) for the parsed flags. */
  protected async setUpMode(flags: ModeFlags, options: ModeSetupOptions = {}) {
    const sandbox = flags.sandbox
    this.verboseSummary = flags.verbose
    checkSandboxHooks(flags)
    const parsed = toRunOptions(flags)
    const run: RunOptions = sandbox && options.guest !== true ? withSandboxAssignment(parsed) : parsed
    const base = this.baseLayer(flags.verbose)
    const knobs = sandboxKnobsFrom(flags)
    const stack = sandbox
      ? sandboxRunStack(run, knobs, base)
      : liveRunStack(
          { cjServiceUrl: flags["cj-service-url"], contentServiceUrl: run.contentServiceUrl, uploadConcurrency: flags["upload-concurrency"], kafkaBootstrap: flags["kafka-bootstrap"], kafkaClientId: flags["kafka-client-id"] },
          base
        )
    const hooks = await postRunHooksFor(this.config, flags, process.env, (line) => this.logToStderr(line), options.hooks)
    if (flags["await-completion"] && !flags.kafka) this.logToStderr("--await-completion ignored: --no-kafka publishes nothing to follow.")
    const execute: ExecuteOptions = {
      run,
      publish: flags.kafka,
      kafkaClientId: flags["kafka-client-id"],
      // The sandbox's CJ lives in this process: a batch it does not follow could never be finished or attached.
      awaitCompletion: flags["await-completion"] || sandbox,
      follow: followSettings(flags, canAnimate(stderrTerminal())),
      ...(sandbox ? { sandbox: sandboxRecordOf(knobs) } : {}),
      ...(flags["max-cost-usd"] === undefined ? {} : { maxCostUsd: flags["max-cost-usd"] }),
      upload: {
        concurrency: flags["upload-concurrency"],
        forceReupload: flags["force-reupload"] || sandbox,
        verifyContent: flags["verify-content"],
        ...(sandbox ? { cacheFile: SANDBOX_UPLOAD_CACHE_FILE } : {})
      }
    }
    return { run, execute, layer: Layer.mergeAll(stack, hooks) }
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
